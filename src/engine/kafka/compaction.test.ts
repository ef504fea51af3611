import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState } from './clone';
import { isHole } from './compaction';
import { stateDigest } from './digest';
import type { LogRecord, SimEvent } from './events';
import { recordAt, type SimState } from './state';
import { parseScenario } from '../scenario/parse';
import type { Scenario } from '../scenario/types';
import { fold, simulate } from '../simulate';
import { chaosScenarioArb } from '../test/chaosArbitraries';
import { withCompaction } from '../test/compactionArbitraries';
import { withRetention } from '../test/retentionArbitraries';
import { evolve } from '../world';
import { builtInScenarios } from '../../scenarios';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }).

function parsed(raw: unknown): Scenario | null {
  const p = parseScenario(raw);
  return p.ok ? p.scenario : null;
}

/** One keyed producer into a compacted partition, one fast reader. */
function table(
  extra: Record<string, unknown> = {},
  producer: Record<string, unknown> = {},
  more: Record<string, unknown>[] = [],
) {
  const s = parsed({
    version: 2,
    name: 'a compacted table',
    seed: 3,
    durationMs: 8000,
    broker: { 'log.cleaner.backoff.ms': 500 },
    topics: [
      {
        name: 'accounts',
        partitions: 1,
        'cleanup.policy': 'compact',
        'segment.ms': 500,
        'delete.retention.ms': 1000,
        ...extra,
      },
    ],
    producers: [
      {
        id: 'p',
        topic: 'accounts',
        rate: { kind: 'constant', perSec: 40 },
        keys: { kind: 'uniform', count: 4 },
        eventType: 'AccountUpdated',
        stopMs: 7000,
        ...producer,
      },
      ...more,
    ],
    groups: [
      { id: 'g', topics: ['accounts'], members: 1, config: { 'auto.offset.reset': 'earliest' } },
    ],
  });
  if (!s) throw new Error('invalid');
  return s;
}

const ofType = <T extends SimEvent['type']>(events: SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

/** key → event id of the key's latest record, a tombstone deleting the key. */
function tableOf(records: Iterable<LogRecord>): Map<string, number> {
  const t = new Map<string, number>();
  for (const r of records) {
    if (r.key === null || r.control) continue;
    if (r.tombstone) t.delete(r.key);
    else t.set(r.key, r.eventId);
  }
  return t;
}

/** The records of [from, to) of partition gp, holes (every pass) left out or kept. */
function* range(s: SimState, gp: number, from: number, to: number, holes: boolean) {
  for (let o = from; o < to; o++) {
    if (!holes && s.compaction && isHole(s.compaction, gp, o, Infinity)) continue;
    yield recordAt(s, gp, o)!;
  }
}

describe('the log cleaner (Kafka 3.x Cleaner, KIP-534 delete horizons)', () => {
  it('keeps the latest record per key in the cleaned range; offsets are never renumbered', () => {
    const r = simulate(table());
    const cleanings = ofType(r.events, 'logCleaned');
    expect(cleanings.length).toBeGreaterThan(5);
    const s = r.state;
    const end = s.compaction!.firstDirty[0]!;
    const kept = [...range(s, 0, 0, end, false)];
    // 4 keys: at most 4 records survive below the checkpoint, each the key's latest there.
    expect(kept.length).toBeLessThanOrEqual(4);
    expect(new Set(kept.map((x) => x.key)).size).toBe(kept.length);
    expect(s.logStartOffset[0]).toBe(0);
    // Offsets stay: the log end is every record ever appended.
    expect(s.leo[0]).toBe(r.summary.appended);
    // The reader processed each surviving record, and skipped the holes it met.
    expect(r.summary.pending).toBe(0);
  });

  it('never cleans the active segment; nothing happens with a segment that never rolls', () => {
    const r = simulate(table({ 'segment.ms': 604_800_000 }));
    expect(ofType(r.events, 'logCleaned')).toEqual([]);
    expect(ofType(r.events, 'cleanerChecked').length).toBeGreaterThan(10);
  });

  it('a tombstone stays delete.retention.ms after its first cleaning, then a later pass removes it', () => {
    // Deletes stop at 3,000 ms; another key keeps the log dirty so the cleaner keeps passing.
    const other = {
      id: 'q',
      topic: 'accounts',
      rate: { kind: 'constant', perSec: 20 },
      keys: { kind: 'fixed', keys: ['other'] },
      eventType: 'AccountUpdated',
    };
    const r = simulate(table({}, { tombstoneShare: 0.3, stopMs: 3000 }, [other]));
    const cleanings = ofType(r.events, 'logCleaned');
    const firstCleaned = new Map<number, number>();
    let expired = 0;
    for (const e of cleanings) {
      for (const h of e.horizons) {
        expect(firstCleaned.has(h.offset)).toBe(false);
        firstCleaned.set(h.offset, e.timeUs);
        expect(h.deleteHorizonUs).toBe(e.timeUs + 1_000_000);
      }
      for (const o of e.tombstonesExpired) {
        expired++;
        expect(e.timeUs - firstCleaned.get(o)!).toBeGreaterThanOrEqual(1_000_000);
        expect(e.removed).toContain(o);
      }
    }
    expect(expired).toBeGreaterThan(0);
  });

  it('min.compaction.lag.ms keeps recent records uncleaned', () => {
    const lagged = simulate(table({ 'min.compaction.lag.ms': 2000 }));
    for (const e of ofType(lagged.events, 'logCleaned'))
      for (const o of e.removed) {
        // Only records of segments entirely older than the lag were in the range.
        expect(e.timeUs - recordAt(lagged.state, 0, o)!.timeUs).toBeGreaterThan(2_000_000);
      }
    expect(ofType(lagged.events, 'logCleaned').length).toBeGreaterThan(0);
  });

  it('min.cleanable.dirty.ratio: a log with too small a dirty share is not cleaned', () => {
    for (const e of ofType(
      simulate(table({ 'min.cleanable.dirty.ratio': 0.7 })).events,
      'logCleaned',
    ))
      expect(e.dirtyRatio).toBeGreaterThan(0.7);
    expect(
      ofType(simulate(table({ 'min.cleanable.dirty.ratio': 1 })).events, 'logCleaned'),
    ).toEqual([]);
  });

  it("a read model deletes the row of a tombstone: its table equals the log's", () => {
    const s = table({}, { tombstoneShare: 0.3 });
    s.groups[0]!.readModel = true;
    const r = simulate(s);
    const rows = r.state.groups[0]!.table!;
    const log = tableOf(range(r.state, 0, 0, r.state.hw[0]!, true));
    expect(new Map([...rows].map(([k, v]) => [k, v.lastEventId]))).toEqual(log);
  });
});

describe('compaction invariants over random scenarios and fault schedules', () => {
  it('after each pass the cleaned range holds at most one record per key and no tombstone past its delete horizon; nothing at or above the active segment or the high watermark is removed', () => {
    let passes = 0;
    let removed = 0;
    fc.assert(
      fc.property(withCompaction(chaosScenarioArb({ loops: false, durationMs: 4000 })), (raw) => {
        const s = parsed(raw);
        if (!s) return;
        let before: { hw: Int32Array; active: number[] } | null = null;
        simulate(s, {
          onEvent: (e, st) => {
            if (e.type === 'logCleaned' && before) {
              passes++;
              const gp = st.model.topics[st.model.topicIndex.get(e.topic)!]!.firstGp + e.partition;
              const bound = Math.min(before.active[gp]!, before.hw[gp]!);
              expect(e.endOffset).toBeLessThanOrEqual(bound);
              for (const o of e.removed) expect(o).toBeLessThan(bound);
              removed += e.removed.length;
              const keys = new Set<string>();
              for (let o = st.logStartOffset[gp]!; o < e.endOffset; o++) {
                if (isHole(st.compaction!, gp, o, Infinity)) continue;
                const rec = recordAt(st, gp, o)!;
                expect(rec.key).not.toBeNull();
                expect(keys.has(rec.key!), `${e.topic}-${e.partition}@${o}`).toBe(false);
                keys.add(rec.key!);
                // A tombstone stays only while its delete horizon is ahead, or if this pass
                // set its horizon (its first cleaning: delete.retention.ms may be 0).
                if (rec.tombstone && !e.horizons.some((h) => h.offset === o))
                  expect(st.compaction!.horizons[gp]!.get(o)!).toBeGreaterThan(e.timeUs);
              }
            }
            before = {
              hw: st.hw.slice(),
              active: (st.segments ?? []).map((g) => g.base[g.base.length - 1]!),
            };
          },
        });
      }),
      { numRuns: 30, seed: 0xc0a1 },
    );
    expect(passes).toBeGreaterThan(50);
    expect(removed).toBeGreaterThan(500);
  });

  it('a read_uncommitted reader from offset 0 after the run rebuilds the same key → latest value table as the uncompacted log', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        withCompaction(chaosScenarioArb({ cluster: 'never', loops: false, durationMs: 6000 })),
        (raw) => {
          const base = parsed(raw);
          if (!base) return;
          // Producers stop by 3,000 ms; a reader joins at 4,000 ms and reads t0 from the start
          // (retention left at its 7 days: what it deletes is not the cleaner's doing).
          const s: Scenario = {
            ...base,
            topics: base.topics.map((t) => {
              const rest = { ...t };
              delete rest['retention.ms'];
              return rest;
            }),
            producers: base.producers.map((p) => ({
              ...p,
              startMs: Math.min(p.startMs ?? 0, 2000),
              stopMs: Math.min(p.stopMs ?? 3000, 3000),
            })),
            groups: [
              ...base.groups,
              {
                id: 'late-reader',
                topics: ['t0'],
                members: [{ id: 'late-reader-1', startMs: 4000 }],
                readModel: true,
                processingMs: 0,
                config: { 'auto.offset.reset': 'earliest', 'max.poll.records': 500 },
              },
            ],
            faults: base.faults.filter((f) => f.kind !== 'poisonMessage'),
          };
          const ok = parsed(s);
          if (!ok) return;
          const r = simulate(ok);
          const st = r.state;
          const gi = r.model.groupIndex.get('late-reader')!;
          const t0 = r.model.topics[r.model.topicIndex.get('t0')!]!;
          const reader = new Map<string, number>();
          const uncompacted = new Map<string, number>();
          for (let gp = t0.firstGp; gp < t0.firstGp + t0.partitions; gp++) {
            expect(st.groups[gi]!.processedEnd[gp], 'the reader got to the end').toBe(st.hw[gp]);
            const lso = st.logStartOffset[gp]!;
            for (const [k, v] of tableOf(range(st, gp, lso, st.hw[gp]!, true)))
              uncompacted.set(k, v);
          }
          for (const [k, row] of st.groups[gi]!.table!) reader.set(k, row.lastEventId);
          expect(reader).toEqual(uncompacted);
          compared++;
        },
      ),
      { numRuns: 30, seed: 0xc0a2 },
    );
    expect(compared).toBeGreaterThan(15);
  });

  it('missed tombstones: counted once per event, each removed at least delete.retention.ms after its first cleaning, never read by the group afterwards', () => {
    let missed = 0;
    fc.assert(
      fc.property(withCompaction(chaosScenarioArb({ loops: false, durationMs: 4000 })), (raw) => {
        const base = parsed(raw);
        if (!base) return;
        // A slow reader of t0 (30 ms a record, one per poll) lags behind the cleaner, and the
        // producers stop by 1,500 ms, so the last deletes stay the latest of their keys.
        const s = parsed({
          ...base,
          // A filler key keeps the log dirty enough for later passes (which expire tombstones).
          producers: [
            ...base.producers.map((p) => ({
              ...p,
              startMs: Math.min(p.startMs ?? 0, 1000),
              stopMs: Math.min(p.stopMs ?? 1500, 1500),
            })),
            {
              id: 'filler',
              topic: 't0',
              rate: { kind: 'constant', perSec: 50 },
              keys: { kind: 'fixed', keys: ['filler'] },
              eventType: 'Filled',
            },
          ],
          groups: [
            ...base.groups,
            {
              id: 'laggard',
              topics: ['t0'],
              members: 1,
              readModel: true,
              processingMs: 30,
              config: { 'auto.offset.reset': 'earliest', 'max.poll.records': 1 },
            },
          ],
        });
        if (!s) return;
        const r = simulate(s);
        const events = ofType(r.events, 'tombstoneMissed');
        expect(r.summary.missedTombstones).toBe(events.length);
        for (const e of events) {
          missed++;
          expect(e.removedUs - e.firstCleanedUs).toBeGreaterThanOrEqual(e.deleteRetentionMs * 1000);
          const i = r.events.indexOf(e);
          const after = r.events.slice(i);
          expect(
            after.some(
              (x) =>
                x.type === 'recordProcessed' &&
                x.group === e.group &&
                x.topic === e.topic &&
                x.partition === e.partition &&
                x.offset === e.offset,
            ),
          ).toBe(false);
          // It had read a value of the key before, at lastOffset.
          expect(
            r.events
              .slice(0, i)
              .some(
                (x) =>
                  x.type === 'recordProcessed' &&
                  x.group === e.group &&
                  x.topic === e.topic &&
                  x.partition === e.partition &&
                  x.offset === e.lastOffset,
              ),
          ).toBe(true);
        }
      }),
      { numRuns: 30, seed: 0xc0a3 },
    );
    expect(missed).toBeGreaterThan(0);
  });

  it('same seed → same log; fold(events) = the run; fold to k, clone, fold on = the run (with brokers too)', () => {
    fc.assert(
      fc.property(
        withCompaction(chaosScenarioArb({ loops: false, durationMs: 3000 })),
        fc.nat(),
        (raw, cut) => {
          const s = parsed(raw);
          if (!s) return;
          const a = simulate(s);
          const b = simulate(s);
          expect(b.summary.logHash).toBe(a.summary.logHash);
          const viaJson = JSON.parse(JSON.stringify(a.events)) as SimEvent[];
          expect(stateDigest(fold(a.model, viaJson))).toBe(stateDigest(a.state));
          const k = cut % (a.events.length + 1);
          const half = cloneState(fold(a.model, a.events, k));
          for (let i = k; i < a.events.length; i++) evolve(half, a.events[i]!);
          expect(stateDigest(half)).toBe(stateDigest(a.state));
        },
      ),
      { numRuns: 20, seed: 0xc0a4 },
    );
  });
});

describe('scenarios without compaction are unchanged', () => {
  it('delete-only scenarios and the built-ins give exactly the event logs they gave before compaction existed (hashes pinned)', () => {
    const samples = fc.sample(withRetention(chaosScenarioArb({ loops: false, durationMs: 3000 })), {
      numRuns: 12,
      seed: 0xc0de,
    });
    const out: string[] = [];
    for (const raw of samples) {
      const s = parsed(raw);
      out.push(s ? simulate(s).summary.logHash : 'invalid');
    }
    // The built-ins that existed then (later ones, e.g. compacted-table, have nothing to compare).
    const before = new Set(PINNED.filter((x) => x.includes(':')).map((x) => x.split(':')[0]!));
    for (const [id, raw] of Object.entries(builtInScenarios)) {
      if (!before.has(id)) continue;
      const s = parsed(raw);
      out.push(`${id}:${s ? simulate(s, { untilMs: 3000 }).summary.logHash : 'invalid'}`);
    }
    // Computed on the commit before compaction (0d339f8) with the same samples.
    expect(out).toEqual(PINNED);
  });
});

const PINNED: string[] = [
  'e1dde84ccdc1ac7e',
  '1ad58bcdfab9ddce',
  'e55b8406b7ae36b1',
  'b6504363c15771ea',
  '6d260411f998c7d6',
  'd2ddfd2f90d86274',
  '3a2e3c6dd7d7d152',
  'bfff5e37e20ab7e3',
  'd714a7e54c9c5e5b',
  '99a9691a6bf43b13',
  '25570525f59244e6',
  'baf446566ce319b4',
  'order-flow:801a97ae728d7152',
  'crash-before-commit:a5b748c461f0733a',
  'ordering-needs-a-key:7f3df03ec575a9df',
  'hot-partition:634e5f48f74c5a58',
  'broker-failure:98d0450ac6efde90',
  'exactly-once:22a689906a3e98aa',
  'zombie-fenced:d1fe64ce94d49b20',
  'rabbitmq-logs-topic:0713cdb3e42bf67e',
  'rabbitmq-work-queue:0c04b77f1e928c1e',
  'rabbitmq-retry-with-delay:97590a9cf26cd325',
  'rabbitmq-poison-message:0c7a1527d048c173',
  'kafka-to-rabbitmq:ad9a1dd3039099ef',
];
