import { describe, expect, it } from 'vitest';
import { headersMatch, xMatchError } from './headers';

// rabbit_exchange_type_headers.erl: match_all / match_any, "x-" skipped by all/any,
// void (null) = presence, x-match always skipped.
describe('headersMatch', () => {
  it('x-match all (the default) needs every non-x- argument', () => {
    const b = { format: 'pdf', type: 'report' };
    expect(headersMatch(b, { format: 'pdf', type: 'report', extra: 1 })).toBe(true);
    expect(headersMatch(b, { format: 'pdf' })).toBe(false);
    expect(headersMatch(b, { format: 'pdf', type: 'log' })).toBe(false);
    expect(headersMatch({ ...b, 'x-match': 'all' }, { format: 'pdf', type: 'report' })).toBe(true);
    expect(headersMatch(b, undefined)).toBe(false);
  });
  it('x-match any needs one', () => {
    const b = { 'x-match': 'any', format: 'pdf', type: 'report' };
    expect(headersMatch(b, { type: 'report' })).toBe(true);
    expect(headersMatch(b, { format: 'zip', type: 'log' })).toBe(false);
    expect(headersMatch(b, {})).toBe(false);
  });
  it('all/any skip x- arguments; all-with-x/any-with-x compare them', () => {
    expect(headersMatch({ 'x-tenant': 'a', k: 1 }, { k: 1 })).toBe(true);
    expect(headersMatch({ 'x-match': 'all-with-x', 'x-tenant': 'a', k: 1 }, { k: 1 })).toBe(false);
    expect(
      headersMatch({ 'x-match': 'all-with-x', 'x-tenant': 'a', k: 1 }, { k: 1, 'x-tenant': 'a' }),
    ).toBe(true);
    expect(headersMatch({ 'x-match': 'any', 'x-tenant': 'a' }, { 'x-tenant': 'a' })).toBe(false);
    expect(headersMatch({ 'x-match': 'any-with-x', 'x-tenant': 'a' }, { 'x-tenant': 'a' })).toBe(
      true,
    );
  });
  it('with nothing to compare: all matches everything, any matches nothing', () => {
    expect(headersMatch({}, {})).toBe(true);
    expect(headersMatch({ 'x-match': 'all', 'x-foo': 1 }, { a: 1 })).toBe(true);
    expect(headersMatch({ 'x-match': 'any' }, { a: 1 })).toBe(false);
  });
  it('a void argument matches presence only', () => {
    expect(headersMatch({ k: null }, { k: 'anything' })).toBe(true);
    expect(headersMatch({ k: null }, { k: null })).toBe(true);
    expect(headersMatch({ k: null }, { j: 1 })).toBe(false);
    expect(headersMatch({ k: 'v' }, { k: null })).toBe(false);
  });
  it('values compare exactly (type included) and structurally', () => {
    expect(headersMatch({ k: 1 }, { k: '1' })).toBe(false);
    expect(headersMatch({ k: [1, 'a'] }, { k: [1, 'a'] })).toBe(true);
    expect(headersMatch({ k: { a: 1 } }, { k: { a: 2 } })).toBe(false);
  });
  it("treats '__proto__' as an ordinary header name", () => {
    const b = JSON.parse('{"__proto__": "x"}');
    expect(headersMatch(b, JSON.parse('{"__proto__": "x"}'))).toBe(true);
    expect(headersMatch(b, {})).toBe(false);
  });
  it('refuses an unknown x-match as validate_binding does', () => {
    expect(xMatchError({ 'x-match': 'any' })).toBeNull();
    expect(xMatchError({})).toBeNull();
    expect(xMatchError({ 'x-match': 'some' })).toBe(
      'Invalid x-match field value <<"some">>; expected all, any, all-with-x, or any-with-x',
    );
  });
});
