/**
 * A small subset of ICU MessageFormat, enough for the catalogs and nothing more:
 *   {name}                      the parameter as text (numbers as written, e.g. offsets)
 *   {name, number}              a number through Intl.NumberFormat (grouping)
 *   {name, plural, =0 {…} one {…} other {…}}   Intl.PluralRules; '#' is the formatted number
 *   {name, select, a {…} other {…}}            by the parameter's text
 * Catalogs are trusted (they ship with the app), but a missing parameter never throws: it reads
 * as {name}. Patterns are parsed once and cached.
 */
import type { Locale } from './types';

export type Node =
  | string
  | { arg: string; kind: 'text' | 'number' | 'hash' }
  | { arg: string; kind: 'plural' | 'select'; cases: Record<string, Node[]> };

export class MessageSyntaxError extends Error {}

export function parseMessage(src: string): Node[] {
  let i = 0;
  function parseSeq(inCase: boolean, inPlural: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push(text);
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '}') {
        if (!inCase) throw new MessageSyntaxError(`unexpected } at ${i} in "${src}"`);
        break;
      }
      if (c === '#' && inPlural) {
        flush();
        out.push({ arg: '#', kind: 'hash' });
        i++;
        continue;
      }
      if (c === '{') {
        flush();
        out.push(parseArg());
        continue;
      }
      text += c;
      i++;
    }
    if (inCase && src[i] !== '}') throw new MessageSyntaxError(`missing } in "${src}"`);
    flush();
    return out;
  }
  function skipSpace() {
    while (i < src.length && /\s/.test(src[i] ?? '')) i++;
  }
  function word(): string {
    skipSpace();
    const m = /^[^\s,{}]+/.exec(src.slice(i));
    if (!m) throw new MessageSyntaxError(`expected a name at ${i} in "${src}"`);
    i += m[0].length;
    skipSpace();
    return m[0];
  }
  function parseArg(): Node {
    i++; // {
    const arg = word();
    if (src[i] === '}') {
      i++;
      return { arg, kind: 'text' };
    }
    if (src[i] !== ',') throw new MessageSyntaxError(`expected , or } after {${arg} in "${src}"`);
    i++;
    const kind = word();
    if (kind === 'number') {
      if (src[i] !== '}')
        throw new MessageSyntaxError(`expected } after {${arg}, number in "${src}"`);
      i++;
      return { arg, kind: 'number' };
    }
    if (kind !== 'plural' && kind !== 'select')
      throw new MessageSyntaxError(`unknown format "${kind}" in "${src}"`);
    if (src[i] !== ',') throw new MessageSyntaxError(`expected , after ${kind} in "${src}"`);
    i++;
    const cases: Record<string, Node[]> = Object.create(null);
    for (;;) {
      skipSpace();
      if (src[i] === '}') {
        i++;
        break;
      }
      const sel = word();
      if (src[i] !== '{') throw new MessageSyntaxError(`expected { after case ${sel} in "${src}"`);
      i++;
      cases[sel] = parseSeq(true, kind === 'plural');
      i++; // }
    }
    if (!cases.other)
      throw new MessageSyntaxError(`{${arg}, ${kind}} needs an "other" case in "${src}"`);
    return { arg, kind, cases };
  }
  const nodes = parseSeq(false, false);
  return nodes;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

export function numberFormat(locale: Locale): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f)
    numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })));
  return f;
}

function plural(locale: Locale): Intl.PluralRules {
  let p = pluralRules.get(locale);
  if (!p) pluralRules.set(locale, (p = new Intl.PluralRules(locale)));
  return p;
}

/** Formats parsed nodes. `text` turns a parameter into text (it renders nested messages). */
export function formatNodes(
  nodes: readonly Node[],
  locale: Locale,
  get: (name: string) => string | number | undefined,
  hash?: number,
): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      out += n;
      continue;
    }
    if (n.kind === 'hash') {
      out += hash === undefined ? '#' : numberFormat(locale).format(hash);
      continue;
    }
    const v = get(n.arg);
    if (v === undefined) {
      out += `{${n.arg}}`;
      continue;
    }
    if (!('cases' in n)) {
      out +=
        n.kind === 'number' && typeof v === 'number' ? numberFormat(locale).format(v) : String(v);
    } else if (n.kind === 'plural') {
      const num = typeof v === 'number' ? v : Number(v);
      const exact = n.cases[`=${num}`];
      const chosen =
        exact ??
        n.cases[Number.isFinite(num) ? plural(locale).select(num) : 'other'] ??
        n.cases.other ??
        [];
      out += formatNodes(chosen, locale, get, num);
    } else {
      const chosen = n.cases[String(v)] ?? n.cases.other ?? [];
      out += formatNodes(chosen, locale, get, hash);
    }
  }
  return out;
}

/** The parameter names a pattern uses (for the catalog test: both languages use the same ones). */
export function paramNames(nodes: readonly Node[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (typeof n === 'string' || n.kind === 'hash') continue;
    into.add(n.arg);
    if (n.kind === 'plural' || n.kind === 'select')
      for (const c of Object.values(n.cases)) paramNames(c, into);
  }
  return into;
}
