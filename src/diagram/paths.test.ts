import { describe, expect, it } from 'vitest';
import { getAt, jsonPathSegments, setAt } from './paths';

describe('field paths', () => {
  it('reads and writes nested fields without touching the original', () => {
    const o = { config: { 'max.poll.records': 5 }, rate: { perSec: 1 } };
    const next = setAt(o, ['config', 'max.poll.records'], 50);
    expect(getAt(next, ['config', 'max.poll.records'])).toBe(50);
    expect(o.config['max.poll.records']).toBe(5);
    expect(next.rate).toBe(o.rate);
  });

  it('removes a field set to undefined (back to the default)', () => {
    expect(
      setAt({ config: { acks: 'all', 'linger.ms': 5 } }, ['config', 'acks'], undefined),
    ).toEqual({ config: { 'linger.ms': 5 } });
  });

  it('writes into arrays by index', () => {
    const o = { handlers: [{ on: 'A', emit: [{ type: 'B' }] }] };
    expect(setAt(o, ['handlers', 0, 'emit', 0, 'type'], 'C').handlers[0]!.emit[0]!.type).toBe('C');
  });

  it('splits the parser’s JSON paths', () => {
    expect(jsonPathSegments('.config["max.poll.records"]')).toEqual(['config', 'max.poll.records']);
    expect(jsonPathSegments('.handlers[0].emit[1].type')).toEqual([
      'handlers',
      '0',
      'emit',
      '1',
      'type',
    ]);
  });
});

describe('setAt on missing containers', () => {
  it('creates an array for a numeric segment', () => {
    expect(setAt({} as { handlers?: unknown }, ['handlers', 0, 'on'], 'A')).toEqual({
      handlers: [{ on: 'A' }],
    });
  });
});
