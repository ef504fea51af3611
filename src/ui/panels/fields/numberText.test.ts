import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMsg } from '../../../i18n';
import { readNumberText } from './numberText';

const SEED = 1717;

describe('number fields read decimal numbers only', () => {
  it('reads back every finite number as JavaScript prints it (seeded property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(readNumberText(String(d), 'linger.ms')).toEqual({
          ok: true,
          value: d === 0 ? 0 : d,
        });
      }),
      { seed: SEED, numRuns: 500 },
    );
    expect(readNumberText('2.5', 'x')).toEqual({ ok: true, value: 2.5 });
    expect(readNumberText('.5', 'x')).toEqual({ ok: true, value: 0.5 });
    expect(readNumberText('1e3', 'x')).toEqual({ ok: true, value: 1000 });
  });

  it.each([
    ['0x10', 'linger.ms: "0x10" is not a number; write it in decimal digits'],
    [' 7 ', 'linger.ms: " 7 " is not a number; remove the spaces'],
    ['7 ', 'linger.ms: "7 " is not a number; remove the spaces'],
    ['0b11', 'linger.ms: "0b11" is not a number; write it in decimal digits'],
    ['Infinity', 'linger.ms: "Infinity" is not a number; type digits, like 16 or 2.5'],
    ['1_000', 'linger.ms: "1_000" is not a number; type digits, like 16 or 2.5'],
    ['1e999', 'linger.ms: 1e999 is too large a number'],
  ])('refuses %j, naming the field', (text, message) => {
    const r = readNumberText(text, 'linger.ms');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(renderMsg('en', r.message)).toBe(message);
  });

  it('never accepts text that Number() reads differently (seeded property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (t) => {
        const r = readNumberText(t, 'f');
        if (r.ok) expect(r.value).toBe(Number(t));
        else expect(renderMsg('en', r.message).startsWith('f: ')).toBe(true);
        if (/\s|0[xbo]/i.test(t)) expect(r.ok).toBe(false);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
