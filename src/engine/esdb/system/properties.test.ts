import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateDigest } from '../../kafka/digest';
import type { SimEvent } from '../../kafka/events';
import { parseScenario } from '../../scenario/parse';
import type {
  EsAggregateSpec,
  EsFaultSpec,
  EsProjectionSpec,
  EsQuerySpec,
  EventStoreSpec,
  Scenario,
} from '../../scenario/types';
import { fold, simulate } from '../../simulate';
import { categoryOf } from '../state';
import { foldAgg, readData } from './domain';
import type { EsClientEvent } from './events';

// The event store in a run over random scenarios with random crash, rebuild and deploy
// schedules (issue 13's property tests). fast-check prints the seed and the shrunk
// counterexample on failure; replay with fc.assert(prop, { seed, path }).

const RULE_SETS: EsAggregateSpec['rules'][] = [
  [{ command: 'Add', event: 'Added', amount: 2 }],
  [
    { command: 'Open', event: 'Opened', whenStatus: null, setStatus: 'open' },
    { command: 'Add', event: 'Added', whenStatus: 'open', amount: 3, maxEvents: 6 },
    { command: 'Close', event: 'Closed', whenStatus: 'open', setStatus: 'closed' },
  ],
];

const aggregateArb = (id: string) =>
  fc
    .record({
      handlers: fc.integer({ min: 1, max: 3 }),
      keys: fc.integer({ min: 1, max: 3 }),
      perSec: fc.integer({ min: 5, max: 80 }),
      processingMs: fc.integer({ min: 0, max: 40 }),
      maxRetries: fc.integer({ min: 0, max: 3 }),
      snapshotEvery: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      upcast: fc.boolean(),
      rules: fc.constantFrom(...RULE_SETS),
    })
    .map((a): EsAggregateSpec => ({
      id,
      commands: {
        rate: { kind: 'poisson', perSec: a.perSec },
        keys: { kind: 'uniform', count: a.keys, prefix: 'k' },
      },
      handlers: a.handlers,
      processingMs: a.processingMs,
      maxRetries: a.maxRetries,
      rules: a.rules,
      ...(a.snapshotEvery !== undefined ? { snapshot: { every: a.snapshotEvery } } : {}),
      ...(a.upcast ? { upcast: { from: 1, to: 2, defaults: { currency: 'EUR' } } } : {}),
    }));

const esArb: fc.Arbitrary<EventStoreSpec> = fc
  .record({
    aggregates: fc
      .integer({ min: 1, max: 2 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => aggregateArb(`agg${i}`)))),
    projections: fc.array(
      fc.record({
        from: fc.integer({ min: 0, max: 2 }),
        mode: fc.constantFrom('inline', 'async', 'async') as fc.Arbitrary<'inline' | 'async'>,
        kind: fc.constantFrom('counter', 'idempotent') as fc.Arbitrary<'counter' | 'idempotent'>,
        checkpointEvery: fc.integer({ min: 1, max: 6 }),
        processingMs: fc.integer({ min: 0, max: 25 }),
      }),
      { maxLength: 3 },
    ),
    queries: fc.array(
      fc.record({
        projection: fc.nat(),
        perSec: fc.integer({ min: 5, max: 60 }),
        readYourWrites: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    faults: fc.array(
      fc.record({
        kind: fc.constantFrom('projectionCrash', 'projectionCrash', 'rebuild', 'deploy'),
        target: fc.nat(),
        atMs: fc.integer({ min: 0, max: 1500 }),
        snapshotSchemaVersion: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ aggregates, projections, queries, faults }) => {
    const ps: EsProjectionSpec[] = projections.map((p, i) => ({
      id: `p${i}`,
      from: p.from < aggregates.length ? aggregates[p.from]!.id : '$all',
      mode: p.mode,
      kind: p.kind,
      checkpointEvery: p.checkpointEvery,
      processingMs: p.processingMs,
    }));
    const qs: EsQuerySpec[] =
      ps.length === 0
        ? []
        : queries.map((q, i) => ({
            id: `q${i}`,
            projection: ps[q.projection % ps.length]!.id,
            rate: { kind: 'poisson', perSec: q.perSec },
            readYourWrites: q.readYourWrites,
          }));
    const asyncIds = ps.filter((p) => p.mode === 'async').map((p) => p.id);
    const fs: EsFaultSpec[] = [];
    for (const f of faults) {
      if (f.kind === 'deploy') {
        const a = aggregates[f.target % aggregates.length]!;
        // A new event version only where an upcaster reads the old one (no version errors here;
        // what breaks without one is a unit test).
        fs.push({
          kind: 'deploy',
          aggregate: a.id,
          atMs: f.atMs,
          snapshotSchemaVersion: f.snapshotSchemaVersion,
          ...(a.upcast ? { eventVersion: 2 } : {}),
        });
      } else if (asyncIds.length > 0)
        fs.push({
          kind: f.kind as 'projectionCrash' | 'rebuild',
          projection: asyncIds[f.target % asyncIds.length]!,
          atMs: f.atMs,
        });
    }
    return { aggregates, projections: ps, queries: qs, faults: fs };
  });

const scenarioArb = fc
  .record({ es: esArb, seed: fc.integer({ min: 0, max: 1_000_000 }) })
  .map(({ es, seed }): Scenario => {
    const r = parseScenario({
      version: 2,
      name: 'es',
      seed,
      durationMs: 2000,
      topics: [],
      eventStore: es,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.scenario;
  });

type Of<T extends EsClientEvent['type']> = Extract<EsClientEvent, { type: T }>;
const isType = <T extends EsClientEvent['type']>(e: SimEvent, t: T): e is Of<T> & SimEvent =>
  e.type === t;

describe('the event store in a run (random scenarios, crash and deploy schedules)', () => {
  it('state = fold(events), and the same scenario gives the same events (determinism)', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const a = simulate(s);
        expect(stateDigest(fold(a.model, a.events))).toBe(stateDigest(a.state));
        const b = simulate(s);
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
        expect(b.summary).toEqual(a.summary);
        expect(a.summary.eventStore!.versionErrors).toBe(0);
        for (const [k, v] of Object.entries(a.summary.eventStore!))
          seen.set(k, (seen.get(k) ?? 0) + v);
      }),
      { numRuns: 40 },
    );
    // The random scenarios reach every behaviour the properties are about.
    for (const k of [
      'conflicts',
      'retries',
      'failedCommands',
      'rejectedCommands',
      'snapshots',
      'snapshotsIgnored',
      'doubleCounted',
      'deduplicated',
      'projectionCrashes',
      'rebuilds',
      'staleReads',
      'readYourWritesWaits',
      'upcasted',
    ])
      expect([k, seen.get(k)! > 0]).toEqual([k, true]);
  });

  it('every aggregate state a handler reaches is the fold of its stream up to that version', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { events, state, model } = simulate(s);
        const es = state.eventStore!;
        const m = model.eventStore!;
        for (const e of events) {
          if (!isType(e, 'es.commandSucceeded')) continue;
          const am = m.aggregates[m.aggregateIndex.get(e.aggregate)!]!;
          const stream = es.store.streams.get(e.stream)!.events;
          const f = foldAgg(stream.slice(0, e.nextExpectedVersion + 1), e.eventVersion, am.upcast);
          expect(f.ok).toBe(true);
          if (f.ok) expect(e.stateAfter).toEqual(f.state);
        }
        // Every stream is written by handlers only: its last state is its head's.
        for (const [id, st] of es.store.streams) {
          if (id.startsWith('$')) continue;
          expect(es.aggregates.get(id)?.version).toBe(st.events.length - 1);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('no append ever succeeds with a wrong expected version; every rejection had one', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { events, summary } = simulate(s);
        const head = new Map<string, number>();
        const read = new Map<string, number>();
        let conflicts = 0;
        let appended = 0;
        events.forEach((e, i) => {
          if (isType(e, 'es.commandHandling')) read.set(e.handler, e.readVersion);
          if (e.type === 'es.writeRejected') {
            conflicts++;
            const h = head.get(e.streamId) ?? -1;
            expect(e.expected === 'no_stream' ? h >= 0 : e.expected !== h).toBe(true);
            expect(e.error).toMatchObject({ actual: h < 0 ? 'no_stream' : h });
          }
          if (e.type === 'es.appended') {
            appended += e.records.length;
            const next = events[i + 1]!;
            if (!isType(next, 'es.commandSucceeded'))
              throw new Error('an append without a command');
            const h = head.get(e.streamId) ?? -1;
            // The handler appended with the version it read, and that was the head.
            expect(read.get(next.handler)).toBe(h);
            expect(e.records[0]!.eventNumber).toBe(h + 1);
            head.set(e.streamId, e.records[e.records.length - 1]!.eventNumber);
          }
        });
        expect(summary.eventStore).toMatchObject({ conflicts, appends: appended });
      }),
      { numRuns: 40 },
    );
  });

  it('an idempotent projection equals the fold of its streams in $all after any crash schedule; a counter only double-counts what it handled twice', () => {
    let crashed = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { events, state, model } = simulate(s);
        const es = state.eventStore!;
        const m = model.eventStore!;
        for (const pm of m.projections) {
          // How far it got in $all since its last rebuild, and what it counted twice.
          let reached = 0;
          let twice = 0;
          let crashes = 0;
          for (const e of events) {
            if (isType(e, 'es.rebuildStarted') && e.projection === pm.id) {
              reached = 0;
              twice = 0;
              crashes = 0;
            }
            if (isType(e, 'es.projectionCrashed') && e.projection === pm.id) crashes++;
            if (isType(e, 'es.projected') && e.projection === pm.id) {
              reached = Math.max(reached, e.position + 1);
              if (e.duplicate && e.applied) twice++;
            }
          }
          crashed += crashes;
          const expected = new Map<string, { count: number; total: number; lastVersion: number }>();
          for (const r of es.store.log.slice(0, reached)) {
            const cat = categoryOf(r.streamId);
            if (cat === null || !(pm.from === '$all' ? m.aggregateIndex.has(cat) : pm.from === cat))
              continue;
            const a = m.aggregates[m.aggregateIndex.get(cat)!]!;
            const d = readData(r, 1, a.upcast) ?? readData(r, 2, a.upcast);
            const row = expected.get(r.streamId) ?? { count: 0, total: 0, lastVersion: -1 };
            row.count++;
            row.total += typeof d?.data.amount === 'number' ? d.data.amount : 0;
            row.lastVersion = r.eventNumber;
            expected.set(r.streamId, row);
          }
          const rm = es.projections[pm.index]!.readModel;
          if (pm.idempotent) {
            expect(new Map([...rm].sort())).toEqual(new Map([...expected].sort()));
          } else {
            let extra = 0;
            for (const [k, row] of expected) {
              expect(rm.get(k)!.lastVersion).toBe(row.lastVersion);
              expect(rm.get(k)!.count).toBeGreaterThanOrEqual(row.count);
              extra += rm.get(k)!.count - row.count;
            }
            expect(rm.size).toBe(expected.size);
            expect(extra).toBe(twice);
            if (crashes === 0) expect(twice).toBe(0);
          }
        }
      }),
      { numRuns: 60 },
    );
    expect(crashed).toBeGreaterThan(0);
  });

  it('a Kafka run is unchanged by an event store beside it', () => {
    fc.assert(
      fc.property(esArb, fc.integer({ min: 0, max: 1000 }), (es, seed) => {
        const base = {
          version: 2,
          name: 'k',
          seed,
          durationMs: 1000,
          topics: [{ name: 'orders', partitions: 2 }],
          producers: [
            {
              id: 'p',
              topic: 'orders',
              rate: { kind: 'poisson', perSec: 40 },
              keys: { kind: 'uniform', count: 4 },
              eventType: 'OrderPlaced',
            },
          ],
          groups: [{ id: 'g', topics: ['orders'], members: 2, processingMs: 5 }],
          faults: [{ kind: 'crash', group: 'g', member: 'g-1', atMs: 300 }],
        };
        const a = parseScenario(base);
        const b = parseScenario({ ...base, eventStore: es });
        if (!a.ok || !b.ok) throw new Error('invalid');
        const ra = simulate(a.scenario);
        const rb = simulate(b.scenario);
        const kafka = rb.events.filter((e) => !e.type.startsWith('es.'));
        expect(JSON.stringify(kafka)).toBe(JSON.stringify(ra.events));
        // The summary's Kafka figures too
        // (the log hash, event count and last event time cover every event)
        const kafkaOf = (x: typeof ra.summary): Record<string, unknown> => {
          const o: Record<string, unknown> = { ...x };
          for (const k of ['logHash', 'events', 'timeUs', 'eventStore']) delete o[k];
          return o;
        };
        expect(kafkaOf(rb.summary)).toEqual(kafkaOf(ra.summary));
      }),
      { numRuns: 15 },
    );
  });
});
