import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState } from '../../kafka/clone';
import { stateDigest } from '../../kafka/digest';
import type { RecordAppended, SimEvent } from '../../kafka/events';
import { parseScenario } from '../../scenario/parse';
import type { Scenario } from '../../scenario/types';
import { fold, simulate } from '../../simulate';
import { evolve } from '../../world';
import type { StreamSimEvent } from './events';

// Property tests of stream jobs in runs over random scenarios (issue 15): in-order input fires
// what a naive recomputation from all elements gives; nothing dropped as late is ever counted;
// determinism; state = fold(events), also through a clone (the timeline's snapshots); Kafka's
// own events unchanged by jobs that write nothing. Seeds are pinned; fast-check prints a
// failing seed and path.

type Of<T extends StreamSimEvent['type']> = Extract<StreamSimEvent, { type: T }>;
const ofType = <T extends StreamSimEvent['type']>(evs: SimEvent[], t: T): Of<T>[] =>
  evs.filter((e) => e.type === t) as unknown as Of<T>[];

interface Params {
  partitions: number;
  keys: string[];
  perSec: number;
  poisson: boolean;
  amount: number;
  lagMs: number | null;
  assigner:
    | { type: 'tumbling'; size: number; offset?: number }
    | { type: 'sliding'; size: number; slide: number }
    | { type: 'session'; gap: number };
  fn: 'count' | 'sum' | 'min' | 'max' | 'avg';
  allowedLateness: number;
  side: boolean;
  bound: number;
  interval: number;
  idleness: number | null;
  durationMs: number;
  seed: number;
  sink: boolean;
}

const paramsArb = (inOrder: boolean): fc.Arbitrary<Params> =>
  fc.record({
    partitions: fc.integer({ min: 1, max: 3 }),
    keys: fc.uniqueArray(fc.constantFrom('u1', 'u2', 'u3', '__proto__', 'constructor'), {
      minLength: 1,
      maxLength: 4,
    }),
    perSec: fc.integer({ min: 5, max: 60 }),
    poisson: fc.boolean(),
    amount: fc.integer({ min: -50, max: 5000 }),
    lagMs: inOrder ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: 800 })),
    assigner: fc.oneof(
      fc.integer({ min: 50, max: 1500 }).chain((size) =>
        fc.record({
          type: fc.constant('tumbling' as const),
          size: fc.constant(size),
          offset: fc.integer({ min: 0, max: size - 1 }),
        }),
      ),
      fc
        .tuple(fc.integer({ min: 50, max: 500 }), fc.integer({ min: 1, max: 4 }))
        .map(([slide, k]) => ({ type: 'sliding' as const, size: slide * k, slide })),
      fc.integer({ min: 20, max: 400 }).map((gap) => ({ type: 'session' as const, gap })),
    ),
    fn: fc.constantFrom('count', 'sum', 'min', 'max', 'avg'),
    allowedLateness: inOrder ? fc.constant(0) : fc.integer({ min: 0, max: 600 }),
    side: fc.boolean(),
    bound: inOrder ? fc.constant(0) : fc.integer({ min: 0, max: 400 }),
    interval: fc.integer({ min: 20, max: 400 }),
    idleness: fc.option(fc.integer({ min: 50, max: 1000 })),
    durationMs: fc.integer({ min: 500, max: 3000 }),
    seed: fc.nat({ max: 1000 }),
    sink: fc.boolean(),
  });

function scenarioOf(p: Params, withStreams = true): Scenario {
  const r = parseScenario({
    version: 2,
    name: 'prop',
    seed: p.seed,
    durationMs: p.durationMs,
    topics: [
      { name: 'payments', partitions: p.partitions },
      { name: 'alerts', partitions: 2 },
      { name: 'late', partitions: 1 },
    ],
    producers: [
      {
        id: 'pay',
        topic: 'payments',
        rate: { kind: p.poisson ? 'poisson' : 'constant', perSec: p.perSec },
        keys: { kind: 'fixed', keys: p.keys },
        keyField: 'userId',
        eventType: 'Payment',
        payload: { amount: p.amount },
        ...(p.lagMs !== null ? { outOfOrdernessMs: p.lagMs } : {}),
      },
    ],
    groups: [],
    ...(withStreams
      ? {
          streams: {
            windows: [
              {
                id: 'job',
                source: 'payments',
                keyBy: 'userId',
                assigner: p.assigner,
                aggregate: p.fn === 'count' ? { fn: 'count' } : { fn: p.fn, field: 'amount' },
                condition: '> 0',
                ...(p.sink ? { sink: 'alerts' } : {}),
                allowedLateness: p.allowedLateness,
                ...(p.side && p.sink ? { sideOutputLateData: 'late' } : {}),
                watermarks: {
                  maxOutOfOrdernessMs: p.bound,
                  autoWatermarkIntervalMs: p.interval,
                  ...(p.idleness !== null ? { idlenessMs: p.idleness } : {}),
                },
              },
            ],
          },
        }
      : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** The windows a naive recomputation gives for one key's sorted timestamps. */
function naiveWindows(p: Params, ts: number[]): [number, number, number[]][] {
  const a = p.assigner;
  const out = new Map<string, [number, number, number[]]>();
  const add = (s: number, e: number, t: number) => {
    const id = `${s},${e}`;
    const w = out.get(id);
    if (w) w[2].push(t);
    else out.set(id, [s, e, [t]]);
  };
  if (a.type === 'session') {
    let cur: [number, number, number[]] | null = null;
    const res: [number, number, number[]][] = [];
    for (const t of ts) {
      if (cur !== null && t <= cur[1]) {
        cur[1] = Math.max(cur[1], t + a.gap);
        cur[2].push(t);
      } else {
        if (cur) res.push(cur);
        cur = [t, t + a.gap, [t]];
      }
    }
    if (cur) res.push(cur);
    return res;
  }
  const size = a.size;
  const slide = a.type === 'sliding' ? a.slide : a.size;
  const offset = a.type === 'tumbling' ? (a.offset ?? 0) : 0;
  for (const t of ts) {
    const last = t - ((((t - offset) % slide) + slide) % slide);
    for (let s = last; s > t - size; s -= slide) add(s, s + size, t);
  }
  return [...out.values()];
}

function agg(fn: Params['fn'], nums: number[]): number {
  switch (fn) {
    case 'count':
      return nums.length;
    case 'sum':
      return nums.reduce((x, y) => x + y, 0);
    case 'min':
      return Math.min(...nums);
    case 'max':
      return Math.max(...nums);
    case 'avg':
      return nums.reduce((x, y) => x + y, 0) / nums.length;
  }
}

const sourceRecords = (events: SimEvent[]) =>
  events.filter((e): e is RecordAppended => e.type === 'recordAppended' && e.topic === 'payments');

describe('stream jobs in runs: properties', () => {
  it('in-order input: the fired results equal a naive recomputation from all elements', () => {
    fc.assert(
      fc.property(paramsArb(true), (p) => {
        const { events } = simulate(scenarioOf(p));
        const fired = ofType(events, 'stream.windowFired');
        const wm = ofType(events, 'stream.watermarkAdvanced')
          .map((e) => e.operator)
          .filter((x): x is number => x !== null);
        const final = wm.length > 0 ? wm[wm.length - 1]! : Number.NEGATIVE_INFINITY;
        const byKey = new Map<string, number[]>();
        for (const r of sourceRecords(events)) {
          const k = r.entity!;
          const list = byKey.get(k) ?? [];
          list.push(Math.floor(r.timeUs / 1000));
          byKey.set(k, list);
        }
        const expected: string[] = [];
        for (const [k, ts] of byKey)
          for (const [s, e, members] of naiveWindows(p, ts))
            if (e - 1 <= final)
              expected.push(
                JSON.stringify([
                  k,
                  s,
                  e,
                  agg(
                    p.fn,
                    members.map(() => p.amount),
                  ),
                  members.length,
                ]),
              );
        const got = fired.map((f) => JSON.stringify([f.key, f.start, f.end, f.value, f.count]));
        expect(fired.every((f) => !f.late)).toBe(true);
        expect(ofType(events, 'stream.lateElement')).toHaveLength(0);
        expect(got.sort()).toEqual(expected.sort());
      }),
      { seed: 15_001, numRuns: 60 },
    );
  });

  it('nothing declared late and dropped is ever counted: each firing counts exactly the elements assigned to it', () => {
    fc.assert(
      fc.property(paramsArb(false), (p) => {
        const { events } = simulate(scenarioOf(p));
        const dropped = new Set(
          ofType(events, 'stream.lateElement').map((e) => `${e.partition}:${e.offset}`),
        );
        // Elements in each window so far (no purging trigger here: contents only grow until
        // cleanup, and a session merge moves its windows' elements into the result).
        const contents = new Map<string, Set<string>>();
        for (const e of events) {
          if (e.type === 'stream.elementAssigned') {
            const id = `${e.partition}:${e.offset}`;
            expect(dropped.has(id)).toBe(false);
            for (const [s, en] of e.windows) {
              const w = `${String(e.key)}|${s},${en}`;
              if (p.assigner.type === 'session') {
                // A merged session holds the elements of every window inside it.
                const set = new Set<string>([id]);
                for (const [k, v] of contents) {
                  const [key, range] = k.split('|');
                  const [a, b] = range!.split(',').map(Number);
                  if (key === String(e.key) && a! >= s && b! <= en) {
                    for (const x of v) set.add(x);
                    contents.delete(k);
                  }
                }
                contents.set(w, set);
              } else {
                const set = contents.get(w) ?? new Set<string>();
                set.add(id);
                contents.set(w, set);
              }
            }
          }
          if (e.type === 'stream.windowFired') {
            const set = contents.get(`${String(e.key)}|${e.start},${e.end}`);
            expect(e.count).toBe(set?.size ?? 0);
          }
        }
      }),
      { seed: 15_002, numRuns: 60 },
    );
  });

  it('determinism, and state = fold(events), also continued from a clone (timeline snapshots)', () => {
    fc.assert(
      fc.property(paramsArb(false), fc.double({ min: 0, max: 1, noNaN: true }), (p, cut) => {
        const sc = scenarioOf(p);
        const a = simulate(sc);
        const b = simulate(sc);
        expect(b.summary.logHash).toBe(a.summary.logHash);
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
        expect(stateDigest(fold(a.model, a.events))).toBe(stateDigest(a.state));
        const at = Math.floor(cut * a.events.length);
        const mid = cloneState(fold(a.model, a.events, at));
        for (let i = at; i < a.events.length; i++) evolve(mid, a.events[i]!);
        expect(stateDigest(mid)).toBe(stateDigest(a.state));
      }),
      { seed: 15_003, numRuns: 40 },
    );
  });

  it("jobs that write nothing leave Kafka's own events as they were without the section", () => {
    fc.assert(
      fc.property(paramsArb(false), (p0) => {
        const p = { ...p0, sink: false, side: false };
        const withJobs = simulate(scenarioOf(p)).events.filter(
          (e) => !e.type.startsWith('stream.'),
        );
        const without = simulate(scenarioOf(p, false)).events;
        expect(JSON.stringify(withJobs)).toBe(JSON.stringify(without));
      }),
      { seed: 15_004, numRuns: 40 },
    );
  });
});
