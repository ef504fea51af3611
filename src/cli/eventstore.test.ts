import { describe, expect, it } from 'vitest';
import { eventStoreCli } from './eventstore';

const files: Record<string, string> = {
  'ok.json': JSON.stringify({
    ops: [
      {
        op: 'append',
        stream: 'order-1',
        expectedVersion: 'no_stream',
        events: [{ eventId: 'e1', eventType: 'OrderPlaced', data: { total: 10 } }],
      },
      {
        op: 'append',
        stream: 'order-1',
        expectedVersion: 'no_stream',
        events: [{ eventId: 'e2', eventType: 'OrderPaid' }],
      },
    ],
  }),
  'bad.json': '{"ops": [ {"op": "append"',
  'junk.json': JSON.stringify({ ops: [{ op: 'append', stream: 7 }] }),
};
const read = (f: string) => {
  const t = files[f];
  if (t === undefined) throw new Error('ENOENT: no such file');
  return t;
};

describe('npm run eventstore', () => {
  it("prints each observation: the first append's WriteResult, then WrongExpectedVersion with both versions", () => {
    const r = eventStoreCli(['ok.json'], read);
    expect(r.code).toBe(0);
    const [first, second] = r.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ kind: 'appended', stream: 'order-1', nextExpectedVersion: 0 });
    expect(second).toMatchObject({
      kind: 'error',
      error: { name: 'WrongExpectedVersion', expected: 'no_stream', actual: 0 },
    });
  });

  it('--events prints the run, whose fold is the store', () => {
    const r = eventStoreCli(['ok.json', '--events'], read);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
    for (const l of r.stdout)
      expect(typeof (JSON.parse(l) as { type: string }).type).toBe('string');
  });

  it('a file that is not JSON, a missing file, a malformed op and bad arguments: a message and an exit code, never a throw', () => {
    const bad = eventStoreCli(['bad.json'], read);
    expect(bad.code).toBe(1);
    expect(bad.stderr[0]).toMatch(/^bad\.json: \$/);
    expect(eventStoreCli(['nope.json'], read)).toMatchObject({ code: 1 });
    const junk = eventStoreCli(['junk.json'], read);
    expect(junk.code).toBe(1);
    expect(junk.stderr.join('\n')).toContain('ops[0]');
    expect(eventStoreCli([], read).code).toBe(2);
    expect(eventStoreCli(['ok.json', '--nope'], read).code).toBe(2);
  });
});
