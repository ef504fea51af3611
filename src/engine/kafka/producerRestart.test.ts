/**
 * A producer restart (issue 12): the new session gets a new producer id, sends again what it
 * never saw acknowledged, and the leader's deduplication (per producer id and sequence number)
 * does not span sessions: idempotence holds within one producer session only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest } from './digest';
import type { ProducerRestarted, SimEvent } from './events';
import { parseScenario } from '../scenario/parse';
import type { FaultSpec, Scenario } from '../scenario/types';
import { fold, simulate, type SimulateResult } from '../simulate';
import { clusterScenarioArb } from '../test/arbitraries';
import { idempotentShop } from '../test/idempotentShop';
import { producerRecordsInLog } from '../test/logRecords';

const SEED = 0x12_0517;

function valid(s: Scenario): Scenario {
  const p = parseScenario(s);
  if (!p.ok) throw new Error(`invalid scenario: ${JSON.stringify(p.errors)}`);
  return p.scenario;
}

const shop = idempotentShop;

const restarts = (r: SimulateResult) =>
  r.events.filter((e): e is ProducerRestarted => e.type === 'producerRestarted');

/** How many copies of each event id the log holds at the end of the run. */
function copiesInLog(r: SimulateResult): Map<number, number> {
  const out = new Map<number, number>();
  for (const rec of producerRecordsInLog(r)) out.set(rec.eventId, (out.get(rec.eventId) ?? 0) + 1);
  return out;
}

describe('a producer restart gets a new producer id', () => {
  const lost: FaultSpec = { kind: 'ackLoss', atMs: 400, producer: 'shop', count: 5 };
  const restart: FaultSpec = { kind: 'producerRestart', atMs: 450, producer: 'shop' };

  it('acks lost, then a retry: the idempotent producer keeps one copy of each record', () => {
    const r = simulate(shop([lost]));
    expect(r.summary.logDuplicates).toBe(0);
  });

  it('acks lost, then a restart before the retry: the new session sends the records again, and the log holds them twice', () => {
    const r = simulate(shop([lost, restart]));
    const [e] = restarts(r);
    expect(e).toBeDefined();
    expect([e!.previousProducerId, e!.producerId]).toEqual([0, 1]);
    // The five lost acks were for batches the log holds: their records are resent.
    expect(e!.resent).toBeGreaterThan(0);
    expect(e!.inLog).toBeGreaterThan(0);
    expect(e!.inLog).toBeLessThanOrEqual(e!.resent);
    const dupIds = [...copiesInLog(r)].filter(([, n]) => n > 1);
    expect(r.summary.logDuplicates).toBe(dupIds.reduce((a, [, n]) => a + n - 1, 0));
    expect(r.summary.logDuplicates).toBeGreaterThanOrEqual(e!.inLog);
    // Every duplicate is an event the old session created.
    for (const [id] of dupIds) expect(id).toBeLessThan(e!.firstNewEventId);
    // Nothing the old session held is lost: every record created before the restart is in the log.
    const copies = copiesInLog(r);
    for (const s of r.events)
      if (s.type === 'recordSent' && s.timeUs < e!.timeUs)
        expect(copies.get(s.eventId)).toBeGreaterThan(0);
  });

  it('the new session sends with the new producer id, from sequence 0, before any newer record of the partition', () => {
    const r = simulate(shop([lost, restart]));
    const e = restarts(r)[0]!;
    const firstBatch = new Map(e.batches.map((b) => [`${b.topic}-${b.partition}`, b.batch]));
    for (const b of e.batches) expect(b.batch).toBeGreaterThanOrEqual(e.batches[0]!.batch);
    const firstSent = new Map<string, SimEvent>();
    for (const x of r.events)
      if (x.type === 'produceRequested' && x.timeUs >= e.timeUs) {
        const k = `${x.topic}-${x.partition}`;
        if (!firstSent.has(k)) firstSent.set(k, x);
      }
    for (const [k, batch] of firstBatch) {
      const x = firstSent.get(k);
      expect(x && x.type === 'produceRequested' && [x.batch, x.seq, x.epoch]).toEqual([
        batch,
        0,
        0,
      ]);
    }
  });
});

describe('producer restarts in random runs', () => {
  const withRestarts = clusterScenarioArb({
    faults: ['broker', 'ackLoss', 'networkPartition', 'producerRestart'],
  });

  it('same seed → same log; the fold of the log (through JSON) equals the final state', () => {
    let seen = 0;
    fc.assert(
      fc.property(withRestarts, fc.integer({ min: 0, max: 1e6 }), (s, seed) => {
        const a = simulate(valid(s), { seed });
        const b = simulate(valid(s), { seed });
        seen += restarts(a).length;
        expect(b.summary.logHash).toBe(a.summary.logHash);
        const viaJson = JSON.parse(JSON.stringify(a.events)) as SimEvent[];
        expect(stateDigest(fold(a.model, viaJson))).toBe(stateDigest(a.state));
      }),
      { numRuns: 30, seed: SEED },
    );
    expect(seen).toBeGreaterThan(0);
  });

  it('the log holds exactly the duplicates the summary counts, and with idempotence only records created before a restart are duplicated', () => {
    let dups = 0;
    fc.assert(
      fc.property(
        clusterScenarioArb({
          faults: ['ackLoss', 'producerRestart'],
          producer: {
            acks: 'all',
            'enable.idempotence': true,
            retries: 2147483647,
            'max.in.flight.requests.per.connection': 5,
          },
          lossless: true,
          unclean: false,
        }),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = simulate(valid(s), { seed });
          const copies = [...copiesInLog(r)].filter(([, n]) => n > 1);
          const extra = copies.reduce((a, [, n]) => a + n - 1, 0);
          expect(r.summary.logDuplicates).toBe(extra);
          dups += extra;
          const bound = Math.max(-1, ...restarts(r).map((e) => e.firstNewEventId));
          for (const [id] of copies) expect(id).toBeLessThan(bound);
        },
      ),
      { numRuns: 40, seed: SEED + 1 },
    );
    expect(dups).toBeGreaterThan(0);
  });

  it('a restart loses nothing: every record sent before the run ends is in the log (lossless links, clean elections, no give-up)', () => {
    fc.assert(
      fc.property(
        clusterScenarioArb({
          faults: ['producerRestart'],
          producer: {
            acks: 'all',
            retries: 2147483647,
            'delivery.timeout.ms': 120_000,
            // Longer than any round trip here: no request times out after its append.
            'request.timeout.ms': 400,
          },
          lossless: true,
          unclean: false,
        }),
        fc.integer({ min: 0, max: 1e6 }),
        (s, seed) => {
          const r = simulate(valid(s), { seed });
          const copies = copiesInLog(r);
          const endUs = (s.durationMs ?? 0) * 1000;
          for (const e of r.events)
            if (e.type === 'recordSent' && e.timeUs < endUs - 500_000)
              expect(copies.get(e.eventId), `event ${e.eventId}`).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30, seed: SEED + 2 },
    );
  });
});
