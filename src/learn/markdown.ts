/**
 * A SAFE Markdown subset for lesson narration, parsed to an AST that a React component renders
 * element by element (never as HTML): paragraphs, **bold**, *em* (or _em_), `code`, bullet
 * (`- ` or `* `) and numbered (`1. `) lists, and links. Raw HTML is text: `<b>` shows as `<b>`.
 *
 * Links are actions when their target is one of EventFlow's schemes:
 *   `cursor:<ms>`      moves the timeline cursor to that sim time,
 *   `anomaly:<kind>`   to the first anomaly of that kind (duplicate, reordered, lost, stuck),
 *   `node:<name>`      selects and outlines the topic, producer or group of that name;
 * http(s) links open in a new tab; any other target (javascript:, data:, relative…) is shown as
 * its text only. Bounded: at most MAX_CHARS characters are read, nesting is at most MAX_NEST deep,
 * and every scan moves forward, so no input makes it slow.
 */

export type LinkTarget =
  | { kind: 'cursor'; ms: number }
  | { kind: 'anomaly'; anomaly: AnomalyKindName }
  | { kind: 'node'; name: string }
  | { kind: 'web'; url: string };

export type AnomalyKindName = 'duplicate' | 'reordered' | 'lost' | 'stuck';
const ANOMALY_KINDS: readonly AnomalyKindName[] = ['duplicate', 'reordered', 'lost', 'stuck'];

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'strong'; children: Inline[] }
  | { t: 'em'; children: Inline[] }
  | { t: 'code'; text: string }
  /** `target` null: a link to somewhere we do not go; its text is shown plain. */
  | { t: 'link'; target: LinkTarget | null; href: string; children: Inline[] };

export type Block =
  | { t: 'p'; children: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; start: number; items: Inline[][] };

export const MAX_CHARS = 20_000;
const MAX_NEST = 6;
/** How far a closing mark or bracket is looked for: a span is at most this long. */
const MAX_SPAN = 2000;
const MAX_MS = 1e9;
const NAME = /^[A-Za-z0-9._-]{1,200}$/;

/** Parses narration into blocks. Never throws. */
export function parseMarkdown(source: string): Block[] {
  const text = String(source).slice(0, MAX_CHARS).replace(/\r\n?/g, '\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { t: 'ul' | 'ol'; start: number; items: string[] } | null = null;
  const flushPara = () => {
    if (para.length) blocks.push({ t: 'p', children: parseInline(para.join(' ')) });
    para = [];
  };
  const flushList = () => {
    if (!list) return;
    const items = list.items.map((i) => parseInline(i));
    blocks.push(list.t === 'ul' ? { t: 'ul', items } : { t: 'ol', start: list.start, items });
    list = null;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flushPara();
      flushList();
      continue;
    }
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = bullet ? null : /^(\d{1,9})[.)]\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      flushPara();
      const kind = bullet ? 'ul' : 'ol';
      if (list && list.t !== kind) flushList();
      if (!list) list = { t: kind, start: numbered ? Number(numbered[1]) : 1, items: [] };
      list.items.push(bullet ? bullet[1]! : numbered![2]!);
    } else if (list && list.items.length > 0) {
      // A line right under an item continues it.
      list.items[list.items.length - 1] += ' ' + line;
    } else para.push(line);
  }
  flushPara();
  flushList();
  return blocks;
}

/** What a link target means, or null when it is not one we follow. */
export function linkTarget(href: string): LinkTarget | null {
  const h = href.trim();
  const colon = h.indexOf(':');
  if (colon < 0) return null;
  const scheme = h.slice(0, colon).toLowerCase();
  const rest = h.slice(colon + 1);
  if (scheme === 'cursor') {
    if (!/^\d{1,10}(\.\d{1,3})?$/.test(rest)) return null;
    const ms = Number(rest);
    return ms <= MAX_MS ? { kind: 'cursor', ms } : null;
  }
  if (scheme === 'anomaly') {
    const k = ANOMALY_KINDS.find((x) => x === rest);
    return k ? { kind: 'anomaly', anomaly: k } : null;
  }
  if (scheme === 'node') return NAME.test(rest) ? { kind: 'node', name: rest } : null;
  if ((scheme === 'http' || scheme === 'https') && /^https?:\/\/[^/]/i.test(h)) {
    try {
      const u = new URL(h);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.host
        ? { kind: 'web', url: u.href }
        : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Inline spans of one paragraph or list item. */
export function parseInline(s: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const text = (t: string) => {
    buf += t;
  };
  const flush = () => {
    if (buf) {
      const last = out[out.length - 1];
      if (last?.t === 'text') last.text += buf;
      else out.push({ t: 'text', text: buf });
    }
    buf = '';
  };
  const push = (n: Inline) => {
    flush();
    out.push(n);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && /[\\`*_[\]()#+\-.!<>]/.test(s[i + 1]!)) {
      text(s[i + 1]!);
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        push({ t: 'code', text: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < MAX_NEST && (c === '*' || c === '_')) {
      const strong = s[i + 1] === c;
      const mark = strong ? c + c : c;
      const end = closing(s, i + mark.length, mark);
      if (end > i + mark.length) {
        const children = parseInline(s.slice(i + mark.length, end), depth + 1, inLink);
        push(strong ? { t: 'strong', children } : { t: 'em', children });
        i = end + mark.length;
        continue;
      }
    }
    if (c === '[' && !inLink && depth < MAX_NEST) {
      const link = readLink(s, i);
      if (link) {
        const children = parseInline(link.label, depth + 1, true);
        push({ t: 'link', target: linkTarget(link.href), href: link.href, children });
        i = link.end;
        continue;
      }
    }
    text(c);
    i++;
  }
  flush();
  return out;
}

/** Where `mark` closes an emphasis opened before `from` (not inside code), or -1. */
function closing(s: string, from: number, mark: string): number {
  // An opener followed by a space is not emphasis ("2 * 3 * 4").
  if (from >= s.length || /\s/.test(s[from]!)) return -1;
  const stop = Math.min(s.length, from + MAX_SPAN);
  for (let i = from; i < stop; i++) {
    const c = s[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end < 0 || end >= stop) return -1;
      i = end;
      continue;
    }
    if (s.startsWith(mark, i) && !/\s/.test(s[i - 1]!)) {
      // A single mark must not be half of a double one.
      if (mark.length === 1 && s[i + 1] === mark) {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

/** `[label](href)` starting at `i`, or null. Labels may hold balanced brackets; hrefs no spaces. */
function readLink(s: string, i: number): { label: string; href: string; end: number } | null {
  let level = 0;
  let j = i;
  const stop = Math.min(s.length, i + MAX_SPAN);
  for (; j < stop; j++) {
    const c = s[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[') level++;
    else if (c === ']' && --level === 0) break;
  }
  if (j >= stop || s[j + 1] !== '(') return null;
  const rel = s.slice(j + 2, j + 2 + MAX_SPAN).indexOf(')');
  if (rel <= 0) return null;
  const href = s.slice(j + 2, j + 2 + rel).trim();
  if (href.length === 0 || /\s/.test(href)) return null;
  return { label: s.slice(i + 1, j), href, end: j + 2 + rel + 1 };
}

/** The plain text of inline spans (for titles and accessible names). */
export function plainText(nodes: readonly Inline[]): string {
  return nodes.map((n) => ('children' in n ? plainText(n.children) : n.text)).join('');
}
