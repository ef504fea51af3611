import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMsg } from '../i18n';
import { parseChallenge } from './challenge';
import {
  createCheckClient,
  type CheckReply,
  type CheckRequest,
  type CheckWorkerLike,
} from './checkClient';
import { handleCheckRequest } from './checkRequest';
import { challengeStart } from './challenge';
import { challengeDocuments } from '../challenges';
import {
  mergeProgress,
  parseProgressText,
  progressText,
  PROGRESS_FORMAT,
  type Progress,
} from './progress';

const SEED = 3030;
const en = (m: Parameters<typeof renderMsg>[1]) => renderMsg('en', m);

describe('progress files', () => {
  it('round-trips and keeps the best result of each challenge when merged', () => {
    const a: Progress = {
      solved: { 'make-a-loss': { moves: 3, score: 2 }, 'keep-lag-low': { moves: 2, score: 3 } },
    };
    const b: Progress = {
      solved: { 'make-a-loss': { moves: 1, score: 3 }, 'keep-lag-low': { moves: 4, score: 2 } },
    };
    const back = parseProgressText(progressText(a));
    expect(back).toEqual({ ok: true, progress: a });
    expect(mergeProgress(a, b).solved).toEqual({
      'make-a-loss': { moves: 1, score: 3 },
      'keep-lag-low': { moves: 2, score: 3 },
    });
  });

  it('names what is wrong in a bad file', () => {
    const cases: [string, RegExp][] = [
      ['nope', /not a progress file: \$: not valid JSON/],
      ['[]', /\$: must be an object/],
      [JSON.stringify({ format: 'x', version: 1, solved: {} }), /\$\.format/],
      [
        JSON.stringify({
          format: PROGRESS_FORMAT,
          version: 1,
          solved: { 'Bad Id': { moves: 1, score: 3 } },
        }),
        /is not a challenge id/,
      ],
      [
        JSON.stringify({
          format: PROGRESS_FORMAT,
          version: 1,
          solved: { a: { moves: 1, score: 4 } },
        }),
        /\$\.solved\["a"\]\.score/,
      ],
      [
        `{"format":"${PROGRESS_FORMAT}","version":1,"solved":{"__proto__":{"moves":1,"score":3}}}`,
        /\$\.solved\["__proto__"\]: is not a challenge id/,
      ],
      ['x'.repeat(200_001), /larger than 200,000 characters/],
    ];
    for (const [text, re] of cases) {
      const r = parseProgressText(text);
      expect(r.ok, text.slice(0, 40)).toBe(false);
      if (!r.ok) expect(en(r.error)).toMatch(re);
    }
  });

  it('never throws on random text or values, and never pollutes prototypes (seeded fuzz)', () => {
    const valid = progressText({ solved: { 'make-a-loss': { moves: 1, score: 3 } } });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc
            .tuple(fc.nat({ max: valid.length }), fc.string({ maxLength: 5 }))
            .map(([i, s]) => valid.slice(0, i) + s + valid.slice(i)),
          fc
            .anything()
            .map((v) => JSON.stringify({ format: PROGRESS_FORMAT, version: 1, solved: v }) ?? ''),
        ),
        (text) => {
          const r = parseProgressText(text);
          expect(typeof r.ok).toBe('boolean');
          expect(({} as Record<string, unknown>).moves).toBe(undefined);
          if (r.ok) expect(parseProgressText(progressText(r.progress))).toEqual(r);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('check client', () => {
  /** A worker that answers only when told to (as a real one answers after its run). */
  function fakeWorkers() {
    const made: { w: CheckWorkerLike; got: CheckRequest[]; terminated: boolean }[] = [];
    const make = (): CheckWorkerLike => {
      const rec = {
        w: null as unknown as CheckWorkerLike,
        got: [] as CheckRequest[],
        terminated: false,
      };
      rec.w = {
        onmessage: null,
        onerror: null,
        postMessage: (r) => rec.got.push(r),
        terminate: () => {
          rec.terminated = true;
        },
      };
      made.push(rec);
      return rec.w;
    };
    const answer = (i: number, reply: (r: CheckRequest) => CheckReply) => {
      const rec = made[i]!;
      const req = rec.got.at(-1)!;
      rec.w.onmessage?.({ data: reply(req) });
    };
    return { made, make, answer };
  }

  const c = parseChallenge(challengeDocuments[1]);
  if (!c.ok) throw new Error('make-a-loss does not parse');
  const start = challengeStart(c.challenge)!;

  it('a newer check cancels the one in flight (its worker is terminated)', async () => {
    const f = fakeWorkers();
    const client = createCheckClient(f.make);
    const first = client.check(start, c.challenge.goal);
    const second = client.check(start, c.challenge.goal);
    expect(await first).toEqual({ status: 'cancelled' });
    expect(f.made[0]!.terminated).toBe(true);
    expect(f.made).toHaveLength(2);
    f.answer(1, handleCheckRequest);
    const o = await second;
    expect(o.status).toBe('done');
    if (o.status === 'done') {
      expect(o.ok).toBe(false);
      expect(en(o.feedback)).toBe('not yet: lost is 0, needs to be at least 1');
    }
    // Done: the next check reuses the worker.
    void client.check(start, c.challenge.goal);
    expect(f.made).toHaveLength(2);
    client.dispose();
    expect(f.made[1]!.terminated).toBe(true);
  }, 60_000);

  it('a worker that fails reports an error, and the next check starts a new one', async () => {
    const f = fakeWorkers();
    const client = createCheckClient(f.make);
    const p = client.check(start, c.challenge.goal);
    f.made[0]!.w.onerror?.(new Error('boom'));
    const o = await p;
    expect(o.status).toBe('error');
    if (o.status === 'error') expect(en(o.error)).toMatch(/stopped unexpectedly/);
    void client.check(start, c.challenge.goal);
    expect(f.made).toHaveLength(2);
    client.dispose();
  });

  it('the worker side refuses a design too large to check, with the reason', () => {
    const huge = {
      ...start,
      producers: start.producers.map((p) => ({
        ...p,
        rate: { kind: 'constant' as const, perSec: 5_000_000 },
      })),
    };
    const r = handleCheckRequest({ id: 1, scenario: huge, goal: c.challenge.goal });
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(en(r.error)).toMatch(/^this design is too large to check: /);
  });
});
