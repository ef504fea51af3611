/** React bindings: `const t = useT(); t('toolbar.play')`; `useRenderMsg()(msg)` for a Msg. */
import { useMemo } from 'react';
import { useLocaleStore } from './locale';
import { renderMsg, translator, type Translate } from './translate';
import type { Locale, Msg } from './types';

export function useLocale(): Locale {
  return useLocaleStore((s) => s.locale);
}

export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

export function useRenderMsg(): (m: Msg | string) => string {
  const locale = useLocale();
  return useMemo(() => (m: Msg | string) => renderMsg(locale, m), [locale]);
}
