import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState } from './clone';
import { stateDigest } from './digest';
import type { SimEvent } from './events';
import { recordAt, type SimState } from './state';
import { parseScenario } from '../scenario/parse';
import type { Scenario, TopicSpec } from '../scenario/types';
import { fold, simulate, type SimulateResult } from '../simulate';
import { chaosScenarioArb } from '../test/chaosArbitraries';
import { withRetention } from '../test/retentionArbitraries';
import { evolve } from '../world';

// Property runs print fast-check's seed and shrunk counterexample on failure; replay one with
// fc.assert(prop, { seed, path }).

/** A producer at 100 records/s into one partition and one slow group (30 ms a record). */
function behind(reset: 'earliest' | 'latest', extra: Partial<TopicSpec> = {}): Scenario {
  const r = parseScenario({
    version: 2,
    name: 'retention outruns a slow consumer',
    seed: 5,
    durationMs: 12_000,
    broker: { 'log.retention.check.interval.ms': 500, 'log.initial.task.delay.ms': 1000 },
    topics: [{ name: 'orders', partitions: 1, 'retention.ms': 2000, 'segment.ms': 500, ...extra }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 100 },
        keys: { kind: 'uniform', count: 5 },
        eventType: 'OrderPlaced',
        recordBytes: 100,
      },
    ],
    groups: [
      {
        id: 'g',
        topics: ['orders'],
        members: 1,
        processingMs: 30,
        config: { 'auto.offset.reset': reset, 'max.poll.records': 50 },
      },
    ],
    faults: [],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const ofType = <T extends SimEvent['type']>(r: SimulateResult, type: T) =>
  r.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

/** First-time processings, per partition offset, of one group. */
function processedOffsets(r: SimulateResult, group: string): Set<string> {
  const out = new Set<string>();
  for (const e of r.events)
    if ((e.type === 'recordProcessed' || e.type === 'recordDeadLettered') && e.group === group)
      out.add(`${e.topic}-${e.partition}@${e.offset}`);
  return out;
}

describe('segments roll as Kafka rolls them (LogSegment.shouldRoll)', () => {
  it('segment.bytes: a segment closes before the append that would not fit', () => {
    const s = behind('earliest', { 'segment.ms': 604_800_000, 'segment.bytes': 1000 });
    const r = simulate(s, { untilMs: 900 });
    const segs = r.state.segments![0]!;
    // 100-byte records, 1000-byte segments: exactly 10 records each; the last one is active.
    expect(segs.base.slice(0, 4)).toEqual([0, 10, 20, 30]);
    expect(segs.bytes.slice(0, -1).every((b) => b === 1000)).toBe(true);
    expect(segs.bytes.reduce((a, b) => a + b, 0)).toBe(r.state.leo[0]! * 100);
  });

  it('segment.ms: the next append after segment.ms past the first record rolls', () => {
    const r = simulate(behind('earliest', { 'segment.ms': 100 }), { untilMs: 900 });
    const segs = r.state.segments![0]!;
    for (let i = 0; i + 1 < segs.base.length; i++) {
      const first = recordAt(r.state, 0, segs.base[i]!)!.timeUs;
      const next = recordAt(r.state, 0, segs.base[i + 1]!)!.timeUs;
      const lastIn = recordAt(r.state, 0, segs.base[i + 1]! - 1)!.timeUs;
      expect(next - first).toBeGreaterThan(100_000);
      expect(lastIn - first).toBeLessThanOrEqual(100_000);
    }
    expect(segs.base.length).toBeGreaterThan(5);
  });
});

describe('retention deletes closed segments and moves the log start offset', () => {
  it('retention.ms: the first check (log.initial.task.delay.ms) deletes what is older, never newer', () => {
    const r = simulate(behind('earliest'));
    const del = ofType(r, 'segmentsDeleted');
    expect(del.length).toBeGreaterThan(5);
    // Checks at 1 s + k·0.5 s; the first segment's newest record is at 0.5 s: gone at 3 s.
    expect(del[0]!.timeUs).toBe(3_000_000);
    for (const d of del) {
      expect(d.reason).toBe('retention.ms');
      // Every deleted record is older than retention.ms at the check.
      for (let o = d.fromOffset; o < d.logStartOffset; o++)
        expect(d.timeUs - recordAt(r.state, 0, o)!.timeUs).toBeGreaterThan(2_000_000);
    }
    expect(r.state.logStartOffset[0]).toBe(del.at(-1)!.logStartOffset);
  });

  it('retention.bytes keeps a partition within retention.bytes plus one segment', () => {
    const s = behind('earliest', {
      'retention.ms': -1,
      'retention.bytes': 3000,
      'segment.bytes': 1000,
      'segment.ms': 604_800_000,
    });
    const r = simulate(s);
    const del = ofType(r, 'segmentsDeleted');
    expect(del.length).toBeGreaterThan(5);
    expect(del.every((d) => d.reason === 'retention.bytes' && d.limit === 3000)).toBe(true);
    for (const d of del) expect(d.bytes % 1000).toBe(0);
    const segs = r.state.segments![0]!;
    const size = segs.bytes.reduce((a, b) => a + b, 0);
    // Appends since the last check (every 0.5 s at 100/s = 5,000 bytes) come on top.
    expect(size).toBeLessThanOrEqual(3000 + 1000 + 5000);
  });

  it('retention.ms=-1 and retention.bytes=-1 delete nothing', () => {
    const r = simulate(behind('earliest', { 'retention.ms': -1 }));
    expect(ofType(r, 'segmentsDeleted')).toEqual([]);
    expect(ofType(r, 'retentionChecked').length).toBeGreaterThan(10);
    expect(r.state.logStartOffset[0]).toBe(0);
  });
});

describe('a slow consumer behind retention: OFFSET_OUT_OF_RANGE and auto.offset.reset', () => {
  it('earliest: the position jumps to the log start offset; the deleted records are lost, counted once', () => {
    const r = simulate(behind('earliest'));
    const resets = ofType(r, 'offsetOutOfRange');
    expect(resets.length).toBeGreaterThan(0);
    const skips = ofType(r, 'offsetsSkipped');
    expect(skips.length).toBeGreaterThan(0);
    for (const k of skips) {
      expect(k.reason).toBe('retention');
      expect(k.outOfRange?.policy).toBe('earliest');
      expect(k.to).toBe(k.outOfRange!.logStartOffset);
    }
    for (const e of resets) {
      expect(e.position).toBeLessThan(e.logStartOffset);
      expect(e.resetTo).toBe(e.logStartOffset);
      // The next fetch starts at the reset position.
      const next = r.events.find(
        (x) => x.type === 'recordsFetched' && x.timeUs >= e.timeUs && x.member === e.member,
      );
      if (next?.type === 'recordsFetched') expect(next.ranges[0]!.from).toBe(e.resetTo);
    }
    const lost = skips.reduce((a, k) => a + k.to - k.from, 0);
    expect(r.summary.lost).toBe(lost);
    const g = r.summary.groups[0]!;
    // Every appended record is processed, lost to retention, or pending: nothing twice.
    const done = processedOffsets(r, 'g');
    expect(done.size + g.lost + g.pending).toBe(r.summary.appended);
    for (const k of skips)
      for (let o = k.from; o < k.to; o++) expect(done.has(`orders-0@${o}`)).toBe(false);
  });

  it('latest: the position jumps to the log end; deleted records are lost to retention, the rest skipped by latest', () => {
    const r = simulate(behind('latest'));
    const resets = ofType(r, 'offsetOutOfRange');
    expect(resets.length).toBeGreaterThan(0);
    for (const e of resets) expect(e.resetTo).toBeGreaterThan(e.logStartOffset);
    const skips = ofType(r, 'offsetsSkipped');
    const reasons = new Set(skips.map((k) => k.reason));
    expect(reasons).toEqual(new Set(['retention', 'auto.offset.reset=latest']));
    for (const e of resets) {
      const here = skips.filter((k) => k.timeUs === e.timeUs);
      expect(here.map((k) => [k.from, k.to])).toEqual(
        here[0]!.from < e.logStartOffset
          ? [
              [here[0]!.from, e.logStartOffset],
              [e.logStartOffset, e.resetTo],
            ]
          : [[here[0]!.from, e.resetTo]],
      );
    }
    const g = r.summary.groups[0]!;
    expect(g.lost).toBe(skips.reduce((a, k) => a + k.to - k.from, 0));
    // latest: records below the group's first position were never its to read.
    const start = r.state.groups[0]!.startOffset[0]!;
    expect(processedOffsets(r, 'g').size + g.lost + g.pending).toBe(r.summary.appended - start);
  });

  it('a new group with earliest starts at the log start offset; what was deleted before is lost to it', () => {
    const s = behind('earliest');
    s.groups[0]!.members = [{ id: 'late-1', startMs: 6000 }];
    s.groups[0]!.processingMs = 0.1;
    const r = simulate(s);
    const assigned = ofType(r, 'partitionsAssigned')[0]!;
    const lso = assigned.positions['orders-0']!;
    expect(lso).toBeGreaterThan(0);
    const first = ofType(r, 'offsetsSkipped')[0]!;
    expect(first).toMatchObject({ reason: 'retention', from: 0, to: lso });
    expect(first.outOfRange).toEqual({
      position: null,
      logStartOffset: lso,
      policy: 'earliest',
      resetTo: lso,
    });
    const g = r.summary.groups[0]!;
    expect(processedOffsets(r, 'g').size + g.lost + g.pending).toBe(r.summary.appended);
  });
});

function parsed(raw: Scenario): Scenario | null {
  const p = parseScenario(raw);
  // A loop with no processing time is refused (by design of the chaos arbitrary).
  return p.ok ? p.scenario : null;
}

/** Runs with a check after every event (the log start offsets before it, the state after). */
function watch(
  s: Scenario,
  check: (e: SimEvent, lsoBefore: Float64Array, after: SimState) => void,
) {
  let before: Float64Array | null = null;
  return simulate(s, {
    onEvent: (e, st) => {
      if (before) check(e, before, st);
      before = st.logStartOffset.slice();
    },
  });
}

describe('retention invariants over random scenarios and fault schedules', () => {
  it('never deletes a segment holding a record within retention.ms; the log start only grows and stays ≤ the high watermark', () => {
    let deletions = 0;
    fc.assert(
      fc.property(
        withRetention(chaosScenarioArb({ cluster: 'never', loops: false, durationMs: 4000 })),
        (raw) => {
          const s = parsed(raw);
          if (!s) return;
          const r = watch(s, (e, before, after) => {
            for (let gp = 0; gp < after.logStartOffset.length; gp++) {
              expect(after.logStartOffset[gp]!).toBeGreaterThanOrEqual(before[gp]!);
              expect(after.logStartOffset[gp]!).toBeLessThanOrEqual(after.hw[gp]!);
            }
            if (e.type !== 'segmentsDeleted') return;
            deletions++;
            const ti = after.model.topicIndex.get(e.topic)!;
            const cfg = after.model.retention!.topics[ti]!;
            const gp = after.model.topics[ti]!.firstGp + e.partition;
            if (e.reason === 'retention.ms')
              for (let o = e.fromOffset; o < e.logStartOffset; o++)
                expect(e.timeUs - recordAt(after, gp, o)!.timeUs).toBeGreaterThan(cfg.retentionUs);
            // Whole segments: the new start is a segment base (or the log end after a roll).
            const segs = after.segments![gp]!;
            expect(segs.base[0]).toBe(e.logStartOffset);
            expect(e.rolled ? e.logStartOffset === after.leo[gp] : true).toBe(true);
          });
          // retention.bytes: right after the last check, at most retention.bytes + one segment.
          let lastCheck = r.events.length - 1;
          while (lastCheck >= 0 && r.events[lastCheck]!.type !== 'retentionChecked') lastCheck--;
          if (lastCheck < 0) return;
          const at = fold(r.model, r.events, lastCheck + 1);
          at.model.topics.forEach((t, ti) => {
            const cfg = at.model.retention!.topics[ti]!;
            if (cfg.retentionBytes < 0) return;
            for (let gp = t.firstGp; gp < t.firstGp + t.partitions; gp++) {
              const segs = at.segments![gp]!;
              const size = segs.bytes.reduce((a, b) => a + b, 0);
              expect(size).toBeLessThanOrEqual(cfg.retentionBytes + Math.max(...segs.bytes));
            }
          });
        },
      ),
      { numRuns: 25, seed: 0x12e7 },
    );
    expect(deletions).toBeGreaterThan(100);
  });

  it('every record appended is processed, lost or pending for each group (lost includes retention)', () => {
    let retentionLosses = 0;
    fc.assert(
      fc.property(
        withRetention(chaosScenarioArb({ cluster: 'never', loops: false, durationMs: 4000 })),
        (raw) => {
          const s = parsed(raw);
          if (!s) return;
          const r = simulate(s);
          for (const gm of r.model.groups) {
            const g = r.summary.groups.find((x) => x.group === gm.id)!;
            const done = processedOffsets(r, gm.id);
            // From each partition's start (its first position, or where retention took the first
            // records of a group that had not started) to the high watermark.
            let expected = 0;
            for (const gp of gm.gps) {
              const tp = `${r.model.topics[r.model.gpTopic[gp]!]!.name}-${r.model.gpPartition[gp]}`;
              const start = r.state.groups[gm.index]!.startOffset[gp]!;
              const from = start >= 0 ? start : gm.resetLatest ? Infinity : 0;
              for (let o = from; o < r.state.hw[gp]!; o++) if (!done.has(`${tp}@${o}`)) expected++;
            }
            expect(g.lost + g.pending, gm.id).toBe(expected);
          }
          retentionLosses += r.events.filter(
            (e) => e.type === 'offsetsSkipped' && e.reason === 'retention',
          ).length;
        },
      ),
      { numRuns: 30, seed: 0x12e8 },
    );
    expect(retentionLosses).toBeGreaterThan(5);
  });

  it('same seed → same log; fold(events) = the run; fold to k, clone, fold on = the run (with brokers too)', () => {
    fc.assert(
      fc.property(
        withRetention(chaosScenarioArb({ loops: false, durationMs: 3000 })),
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
      { numRuns: 20, seed: 0x12e9 },
    );
  });
});

describe('scenarios without log settings are unchanged', () => {
  it('no retention actor, no segments, no retention events', () => {
    const s = behind('earliest');
    delete s.broker;
    delete s.topics[0]!['retention.ms'];
    delete s.topics[0]!['segment.ms'];
    const r = simulate(s);
    expect(r.model.retention).toBeNull();
    expect(r.state.segments).toBeNull();
    expect(r.events.some((e) => e.type === 'retentionChecked')).toBe(false);
    expect(simulate(behind('earliest')).model.kafkaActors).toBe(r.model.kafkaActors + 1);
  });
});
