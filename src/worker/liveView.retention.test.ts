import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  initialState,
  parseScenario,
  recordAt,
  run,
  type Scenario,
  type SimEvent,
} from '../engine';
import { chaosScenarioArb, uncleanTruncationArb } from '../engine/test/chaosArbitraries';
import { withRetention } from '../engine/test/retentionArbitraries';
import { withTransactions } from '../engine/test/transactional';
import { builtInScenarios } from '../scenarios';
import { RECENT_RECORDS } from './liveView';
import { buildView, type SimView } from './view';

// Property runs print fast-check's seed and counterexample on failure; replay with { seed, path }.
const FC_SEED = 20261216;

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

function runTo(sc: Scenario, untilMs: number) {
  const state = initialState(compileModel(sc));
  const events: SimEvent[] = [];
  const n = run(state, untilMs * 1000, (e) => events.push(e));
  return { state, events, view: buildView(state, n) };
}

/**
 * The view's retention figures against the event log (log start: the newest deletion's, 0
 * before any) and the engine's segments (count, active base, the bases inside the window).
 */
function checkRetention(r: ReturnType<typeof runTo>): number {
  const { state, events, view } = r;
  let deleted = 0;
  for (const t of state.model.topics) {
    const ret = view.topics[t.name]!.retention!;
    expect(ret).toBeDefined();
    for (let p = 0; p < t.partitions; p++) {
      const gp = t.firstGp + p;
      const dels = events.filter(
        (e): e is Extract<SimEvent, { type: 'segmentsDeleted' }> =>
          e.type === 'segmentsDeleted' && e.topic === t.name && e.partition === p,
      );
      deleted += dels.length;
      // A truncation below the log start restarts the log there (retention.ts): the state knows.
      const fromEvents = dels.at(-1)?.logStartOffset ?? 0;
      expect(ret.logStartOffsets[p]).toBe(state.logStartOffset[gp]);
      if (
        !events.some(
          (e) => e.type === 'leaderElected' && e.topic === t.name && e.truncatedTo !== null,
        )
      )
        expect(ret.logStartOffsets[p]).toBe(fromEvents);
      const segs = state.segments![gp]!;
      const leo = state.leo[gp]!;
      expect(ret.segmentCounts[p]).toBe(segs.base.length);
      expect(ret.activeBases[p]).toBe(segs.base.at(-1));
      expect(ret.windowBases[p]).toEqual(segs.base.filter((b) => b >= leo - RECENT_RECORDS));
      // Bounded: distinct offsets in [leo − RECENT_RECORDS, leo].
      expect(ret.windowBases[p]!.length).toBeLessThanOrEqual(RECENT_RECORDS + 1);
      expect(ret.logStartOffsets[p]).toBeLessThanOrEqual(leo);
    }
  }
  return deleted;
}

/** Transaction markers in the log, counted record by record (memory not yet released). */
function markersIn(view: SimView, r: ReturnType<typeof runTo>, topic: string): number | null {
  const { state } = r;
  const t = state.model.topics.find((x) => x.name === topic)!;
  let n = 0;
  for (let p = 0; p < t.partitions; p++) {
    const gp = t.firstGp + p;
    if (state.logStart[gp] !== 0) return null;
    for (let o = 0; o < state.leo[gp]!; o++) if (recordAt(state, gp, o)?.control) n++;
  }
  void view;
  return n;
}

describe('live view: retention (segments, log start offset)', () => {
  it('the built-in: log start offsets and segments at several cursors, as the log says', () => {
    const sc = parsed(builtInScenarios['retention-outruns-consumer']);
    let deleted = 0;
    for (const ms of [500, 4000, 7100, 12000]) deleted += checkRetention(runTo(sc, ms));
    expect(deleted).toBeGreaterThan(0);
    const end = runTo(sc, 12000);
    expect(end.view.topics.clicks!.retention!.logStartOffsets.every((x) => x > 0)).toBe(true);
  });

  it('a run without log settings sends no retention figures', () => {
    const end = runTo(parsed(builtInScenarios['order-flow']), 1000);
    for (const tv of Object.values(end.view.topics)) expect(tv.retention).toBeUndefined();
  });

  it('property (seeded): random runs with random log settings and faults', () => {
    fc.assert(
      fc.property(
        withRetention(chaosScenarioArb({ loops: false, durationMs: 3000 })),
        fc.integer({ min: 200, max: 3000 }),
        (sc, ms) => {
          checkRetention(runTo(sc, Math.min(ms, sc.durationMs ?? 3000)));
        },
      ),
      { seed: FC_SEED, numRuns: 25 },
    );
  });
});

describe('live view: a topic’s records are its log-end offsets less transaction markers', () => {
  it('exactly-once: records = appended records, markers not counted', () => {
    const r = runTo(parsed(builtInScenarios['exactly-once']), 8000);
    for (const t of r.state.model.topics) {
      const appended = r.events.filter(
        (e) => e.type === 'recordAppended' && e.topic === t.name,
      ).length;
      const leos = r.view.topics[t.name]!.logEndOffsets.reduce((a, b) => a + b, 0);
      expect(r.view.topics[t.name]!.records).toBe(appended);
      expect(leos - appended).toBe(markersIn(r.view, r, t.name));
    }
    expect(
      r.view.topics['ledger-entries']!.logEndOffsets.reduce((a, b) => a + b, 0) -
        r.view.topics['ledger-entries']!.records!,
    ).toBeGreaterThan(0);
  });

  it('property (seeded): transactional runs with unclean truncation and chaos faults', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          withTransactions(uncleanTruncationArb()),
          withTransactions(chaosScenarioArb({ loops: false, durationMs: 3000 })),
        ),
        (sc) => {
          const r = runTo(sc, sc.durationMs ?? 3000);
          for (const t of r.state.model.topics) {
            const leos = r.view.topics[t.name]!.logEndOffsets.reduce((a, b) => a + b, 0);
            const markers = markersIn(r.view, r, t.name);
            if (markers !== null) expect(r.view.topics[t.name]!.records).toBe(leos - markers);
            else expect(r.view.topics[t.name]!.records).toBeLessThanOrEqual(leos);
          }
        },
      ),
      { seed: FC_SEED, numRuns: 30 },
    );
  });
  it('property (seeded): a transactional service writes a topic an unclean election truncates; the markers cut with the log are no longer counted', () => {
    // uncleanTruncationArb's producer writes `in`; the service svc reads it and writes `orders`
    // in transactions (COMMIT markers), and orders' leader comes back with a shorter log.
    const arb = uncleanTruncationArb().map((s): Scenario => ({
      ...s,
      topics: [...s.topics, { ...s.topics[0]!, name: 'in' }],
      producers: s.producers.map((p) => ({ ...p, topic: 'in' })),
      groups: [
        {
          id: 'svc',
          topics: ['in'],
          members: 1,
          processingMs: 1,
          commit: 'after-processing',
          config: { 'transactional.id': 'tx-{member}', 'max.poll.records': 20 },
          handlers: [{ on: 'E', emit: [{ type: 'F', topic: 'orders' }] }],
        },
        ...s.groups,
      ],
    }));
    let truncated = 0;
    fc.assert(
      fc.property(arb, (doc) => {
        const r = runTo(parsed(doc), doc.durationMs ?? 4000);
        if (
          r.events.some(
            (e) => e.type === 'leaderElected' && e.topic === 'orders' && e.truncatedTo !== null,
          )
        )
          truncated++;
        const leos = r.view.topics.orders!.logEndOffsets.reduce((a, b) => a + b, 0);
        const markers = markersIn(r.view, r, 'orders');
        if (markers !== null) expect(r.view.topics.orders!.records).toBe(leos - markers);
      }),
      { seed: FC_SEED, numRuns: 40 },
    );
    expect(truncated).toBeGreaterThan(5);
  });
});
