/** Explanations are messages (src/i18n); tests read them in English, exactly as the UI shows. */
import { renderMsg } from '../../i18n/translate';
import type { Msg } from '../../i18n/types';

export function en(m: Msg | string): string {
  return renderMsg('en', m);
}
