/**
 * Rendering messages in a locale. Pure: usable in the worker, the CLI and node tests.
 * An unknown key never throws: it renders as the key itself (and the catalog test keeps that
 * from shipping).
 */
import { catalogs, type MessageKey } from './catalog';
import { formatNodes, numberFormat, parseMessage, type Node } from './icu';
import { isMsg, type Locale, type Msg, type Param, type Params } from './types';

const parsed: Record<Locale, Map<string, Node[]>> = { en: new Map(), 'zh-CN': new Map() };

function nodesFor(locale: Locale, key: string): Node[] | null {
  const cache = parsed[locale];
  let nodes = cache.get(key);
  if (nodes) return nodes;
  const src = catalogs[locale][key] ?? catalogs.en[key];
  if (src === undefined) return null;
  nodes = parseMessage(src);
  cache.set(key, nodes);
  return nodes;
}

/** Nested messages deeper than this render as "…" (parameters are data; data is bounded). */
const MAX_DEPTH = 16;

function render(locale: Locale, key: string, params: Params | undefined, depth: number): string {
  const nodes = nodesFor(locale, key);
  if (!nodes) return key;
  return formatNodes(nodes, locale, (name) => {
    const v = params?.[name];
    if (v === undefined) return undefined;
    return paramText(locale, v, depth);
  });
}

function paramText(locale: Locale, v: Param, depth: number): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (isMsg(v)) return depth >= MAX_DEPTH ? '…' : render(locale, v.key, v.params, depth + 1);
  return String(v);
}

/** The message for `key` in `locale`, with its parameters filled in. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return render(locale, key, params, 0);
}

/** A message built elsewhere (a Msg with a key chosen at run time). */
export function renderMsg(locale: Locale, msg: Msg | string): string {
  if (typeof msg === 'string') return msg;
  return render(locale, msg.key, msg.params, 0);
}

/** Builds a Msg with a checked key. */
export function msg(key: MessageKey, params?: Params): Msg {
  return params ? { key, params } : { key };
}

/** A number in the locale's grouping ("12,345"; fractions up to 3 digits). */
export function formatNumber(locale: Locale, n: number): string {
  return numberFormat(locale).format(n);
}

/** Text for `t`: `t('toolbar.play')`, `t('panels.problems', { count: 3 })`. */
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
