import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../ui/learn/Markdown';
import { linkTarget, MAX_CHARS, parseInline, parseMarkdown, plainText } from './markdown';

const html = (source: string) =>
  renderToStaticMarkup(createElement(Markdown, { source, onAction: () => undefined }));
const SEED = 77;

describe('parseMarkdown', () => {
  it('paragraphs split on blank lines; lines of one paragraph join', () => {
    expect(parseMarkdown('a\nb\n\nc')).toEqual([
      { t: 'p', children: [{ t: 'text', text: 'a b' }] },
      { t: 'p', children: [{ t: 'text', text: 'c' }] },
    ]);
  });

  it('bold, em, code; code is literal', () => {
    expect(parseInline('x **b** *e* _u_ `a*b*`')).toEqual([
      { t: 'text', text: 'x ' },
      { t: 'strong', children: [{ t: 'text', text: 'b' }] },
      { t: 'text', text: ' ' },
      { t: 'em', children: [{ t: 'text', text: 'e' }] },
      { t: 'text', text: ' ' },
      { t: 'em', children: [{ t: 'text', text: 'u' }] },
      { t: 'text', text: ' ' },
      { t: 'code', text: 'a*b*' },
    ]);
    expect(parseInline('**bold *and em* too**')).toEqual([
      {
        t: 'strong',
        children: [
          { t: 'text', text: 'bold ' },
          { t: 'em', children: [{ t: 'text', text: 'and em' }] },
          { t: 'text', text: ' too' },
        ],
      },
    ]);
  });

  it('lone marks stay text: 2 * 3 * 4, an unclosed **, escapes', () => {
    expect(plainText(parseInline('2 * 3 * 4'))).toBe('2 * 3 * 4');
    expect(parseInline('2 * 3 * 4').every((n) => n.t === 'text')).toBe(true);
    expect(parseInline('a **b')).toEqual([{ t: 'text', text: 'a **b' }]);
    expect(parseInline('\\*not em\\*')).toEqual([{ t: 'text', text: '*not em*' }]);
  });

  it('bullet and numbered lists, with continuation lines', () => {
    expect(parseMarkdown('intro\n- one\n  more\n- two\n\n3. three\n4. four')).toEqual([
      { t: 'p', children: [{ t: 'text', text: 'intro' }] },
      {
        t: 'ul',
        items: [[{ t: 'text', text: 'one more' }], [{ t: 'text', text: 'two' }]],
      },
      { t: 'ol', start: 3, items: [[{ t: 'text', text: 'three' }], [{ t: 'text', text: 'four' }]] },
    ]);
  });

  it('links: our schemes are actions, http(s) is web, anything else plain', () => {
    expect(linkTarget('cursor:2500')).toEqual({ kind: 'cursor', ms: 2500 });
    expect(linkTarget('cursor:12.5')).toEqual({ kind: 'cursor', ms: 12.5 });
    expect(linkTarget('cursor:-1')).toBeNull();
    expect(linkTarget('cursor:1e9')).toBeNull();
    expect(linkTarget('cursor:99999999999')).toBeNull();
    expect(linkTarget('anomaly:duplicate')).toEqual({ kind: 'anomaly', anomaly: 'duplicate' });
    expect(linkTarget('anomaly:toString')).toBeNull();
    expect(linkTarget('node:payments')).toEqual({ kind: 'node', name: 'payments' });
    expect(linkTarget('node:a b')).toBeNull();
    expect(linkTarget('https://kafka.apache.org/documentation/')).toEqual({
      kind: 'web',
      url: 'https://kafka.apache.org/documentation/',
    });
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<b>',
      'vbscript:x',
      '/relative',
      '#frag',
      'http:/x',
      'file:///etc/passwd',
    ])
      expect(linkTarget(bad), bad).toBeNull();
    expect(parseInline('[the crash](cursor:2500)')).toEqual([
      {
        t: 'link',
        target: { kind: 'cursor', ms: 2500 },
        href: 'cursor:2500',
        children: [{ t: 'text', text: 'the crash' }],
      },
    ]);
    // Not a link: a space in the target, no target, brackets alone.
    expect(plainText(parseInline('[a](b c) [d]() [e]'))).toBe('[a](b c) [d]() [e]');
  });
});

describe('<Markdown> renders elements, never raw HTML', () => {
  it('HTML in the text is text', () => {
    const out = html('<img src=x onerror=alert(1)> **<script>x</script>**');
    expect(out).not.toMatch(/<img|<script/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('<strong>&lt;script&gt;x&lt;/script&gt;</strong>');
  });

  it('web links open in a new tab without an opener; action links are buttons; others text', () => {
    const out = html(
      '[docs](https://kafka.apache.org/) [here](cursor:2500) [x](javascript:alert(1)) [n](node:payments)',
    );
    expect(out).toContain(
      '<a href="https://kafka.apache.org/" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    expect(out).toContain('data-href="cursor:2500"');
    expect(out).toContain('data-href="node:payments"');
    expect(out).not.toContain('javascript');
    expect(out).toMatch(/<span>x<\/span>/);
  });

  it('lists and paragraphs become ul/ol/li/p', () => {
    const out = html('p\n\n- a\n- b\n\n2. c');
    expect(out).toBe(
      '<div class="markdown"><p>p</p><ul><li>a</li><li>b</li></ul><ol start="2"><li>c</li></ol></div>',
    );
  });
});

describe('parseMarkdown is bounded (seeded properties)', () => {
  it('never throws on any text, and keeps every character that is not markup', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const blocks = parseMarkdown(s);
        const all = blocks
          .flatMap((b) => (b.t === 'p' ? [b.children] : b.items))
          .map((x) => plainText(x))
          .join('');
        // Letters and digits are never markup: none is invented, and without link targets or
        // list numbers (which are markup) every one of them is shown, in order.
        const keep = (x: string) => x.replace(/[^A-Za-z0-9]/g, '');
        const shown = keep(all);
        let at = 0;
        for (const ch of shown) at = keep(s).indexOf(ch, at) + 1 || Infinity;
        expect(at).toBeLessThan(Infinity);
        if (!s.includes('](') && !/^\s*\d+[.)]\s/m.test(s)) expect(shown).toBe(keep(s));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('rendered output never holds a tag from the input', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      'b',
      'script',
      '*',
      '**',
      '`',
      '[',
      ']',
      '(',
      ')',
      'x',
      ' ',
      '\n',
      'javascript:',
      'cursor:1',
      '"',
      "'",
      '&',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const out = html(parts.join(''));
        const tags = [...out.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
        for (const t of tags)
          expect([
            'div',
            'p',
            'ul',
            'ol',
            'li',
            'strong',
            'em',
            'code',
            'span',
            'button',
          ]).toContain(t);
        expect(out).not.toMatch(/href="javascript/i);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('pathological input parses quickly (linear scans, bounded spans)', () => {
    for (const s of [
      '['.repeat(MAX_CHARS),
      '*a'.repeat(MAX_CHARS / 2),
      '[a]('.repeat(5000),
      '`'.repeat(MAX_CHARS),
      '**'.repeat(MAX_CHARS / 2),
    ]) {
      const t0 = performance.now();
      parseMarkdown(s);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
    expect(parseMarkdown('x'.repeat(MAX_CHARS * 2))[0]).toEqual({
      t: 'p',
      children: [{ t: 'text', text: 'x'.repeat(MAX_CHARS) }],
    });
  });
});
