import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNodes, MessageSyntaxError, paramNames, parseMessage } from './icu';

const fmt = (src: string, params: Record<string, string | number>, locale: 'en' | 'zh-CN' = 'en') =>
  formatNodes(parseMessage(src), locale, (n) => params[n]);

describe('ICU subset', () => {
  it('fills parameters, numbers, plurals and selects', () => {
    expect(fmt('{tp} @ {offset}', { tp: 'orders-0', offset: 1234 })).toBe('orders-0 @ 1234');
    expect(fmt('{n, number} records', { n: 12345 })).toBe('12,345 records');
    const p = '{n, plural, =0 {no records} one {# record} other {# records}}';
    expect(fmt(p, { n: 0 })).toBe('no records');
    expect(fmt(p, { n: 1 })).toBe('1 record');
    expect(fmt(p, { n: 1500 })).toBe('1,500 records');
    expect(fmt('{n, plural, other {# 条记录}}', { n: 1 }, 'zh-CN')).toBe('1 条记录');
    expect(fmt('{k, select, after {at-least-once} other {at-most-once}}', { k: 'after' })).toBe(
      'at-least-once',
    );
    expect(fmt('{k, select, after {a} other {b}}', { k: 'zzz' })).toBe('b');
    expect([...paramNames(parseMessage('{a} {b, plural, one {# {c}} other {x}}'))].sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('a missing parameter reads as {name}, never throws', () => {
    expect(fmt('hello {who}', {})).toBe('hello {who}');
  });

  it('rejects malformed patterns with MessageSyntaxError, never anything else', () => {
    for (const bad of [
      '{',
      '{a',
      '{a, plural, one {x}}',
      '{a, foo}',
      'x }',
      '{a, plural, other {x}',
    ]) {
      expect(() => parseMessage(bad), bad).toThrow(MessageSyntaxError);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          parseMessage(s);
        } catch (e) {
          expect(e).toBeInstanceOf(MessageSyntaxError);
        }
      }),
      { seed: 1201, numRuns: 2000 },
    );
  });
});
