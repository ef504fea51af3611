/** i18n: message catalogs (en, zh-CN), a small ICU subset, the chosen locale. See messages/README.md. */
export { LOCALES, isMsg, type Locale, type Msg, type Param, type Params } from './types';
export { type MessageKey, isMessageKey } from './catalog';
export { translate, renderMsg, msg, formatNumber, translator, type Translate } from './translate';
export {
  getLocale,
  setLocale,
  isLocale,
  localeFromLanguages,
  useLocaleStore,
  LOCALE_STORAGE_KEY,
} from './locale';
export { useLocale, useT, useRenderMsg } from './react';
