import { LOCALES, setLocale, useLocale, useT, type Locale, type MessageKey } from '../../i18n';

/** Each language named in itself, so a reader of either can find theirs. */
const LANGUAGE_NAMES: Record<Locale, MessageKey> = {
  en: 'common.language.en',
  'zh-CN': 'common.language.zh-CN',
};

/** The UI's language: the default follows the browser; a choice is remembered. */
export function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  return (
    <label className="field" title={t('common.language')}>
      <select
        className="select"
        aria-label={t('common.language')}
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        data-testid="language"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(LANGUAGE_NAMES[l])}
          </option>
        ))}
      </select>
    </label>
  );
}
