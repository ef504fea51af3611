/**
 * base64url without padding (RFC 4648 §5): the URL-safe alphabet, so a share link needs no
 * percent-encoding. Written out rather than via btoa/atob so decoding is strict (it names the
 * first bad character) and works the same in Node and browsers on any byte array.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** A failure names the character and position, or the length (`error` is the English text). */
export type Base64Result =
  | { ok: true; bytes: Uint8Array<ArrayBuffer> }
  | { ok: false; error: string; char?: string; at?: number; length?: number };

/** Decodes strictly: any character outside the alphabet, or an impossible length, is an error. */
export function fromBase64url(text: string): Base64Result {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || VALUE[c]! < 0) {
      return {
        ok: false,
        error: `not base64url: unexpected character ${JSON.stringify(text[i])} at position ${i}`,
        char: JSON.stringify(text[i]),
        at: i,
      };
    }
  }
  if (text.length % 4 === 1)
    return {
      ok: false,
      error: `not base64url: a length of ${text.length} characters is impossible`,
      length: text.length,
    };
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < text.length; i += 4) {
    const n =
      (val(text, i) << 18) | (val(text, i + 1) << 12) | (val(text, i + 2) << 6) | val(text, i + 3);
    bytes[o++] = n >> 16;
    bytes[o++] = (n >> 8) & 255;
    bytes[o++] = n & 255;
  }
  const rest = text.length - i;
  if (rest >= 2) {
    const n =
      (val(text, i) << 18) | (val(text, i + 1) << 12) | (rest === 3 ? val(text, i + 2) << 6 : 0);
    bytes[o] = n >> 16;
    if (rest === 3) bytes[o + 1] = (n >> 8) & 255;
  }
  return { ok: true, bytes };
}

function val(text: string, i: number): number {
  return VALUE[text.charCodeAt(i)]!;
}
