/**
 * What a number field accepts: a decimal number as people write it (digits, one decimal point,
 * an optional sign and exponent). JavaScript's Number() also reads "0x10" as 16, " 7 " as 7,
 * "0b11" as 3 and "Infinity": a form must not silently take those (issue 17), so they get a
 * message naming the field instead, and nothing is written.
 */
import { msg, type Msg } from '../../../i18n';

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export type NumberText = { ok: true; value: number } | { ok: false; message: Msg };

/** Reads non-empty field text; the caller decides what an empty field means. */
export function readNumberText(text: string, label: string): NumberText {
  if (DECIMAL.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return { ok: true, value };
    return { ok: false, message: msg('panels.number.tooLarge', { label, text }) };
  }
  const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  const key = /^\s|\s$/.test(text)
    ? 'panels.number.spaces'
    : /^[-+]?0[xXbBoO]/.test(text)
      ? 'panels.number.decimal'
      : 'panels.number.digits';
  return { ok: false, message: msg(key, { label, text: shown }) };
}
