/**
 * Random event store scenarios for insight's tests (the shape of the engine's own property
 * tests, src/engine/esdb/system/properties.test.ts): one or two aggregates with concurrent
 * handlers (conflicts, retries, failures past maxRetries), async and inline projections of both
 * kinds, queries with and without readYourWrites, and crash / rebuild / deploy schedules. A
 * deploy may raise the event version of an aggregate with no upcaster (what breaks).
 */
import fc from 'fast-check';
import { parseScenario, type Scenario } from '../../engine';
import type {
  EsAggregateSpec,
  EsFaultSpec,
  EsProjectionSpec,
  EsQuerySpec,
} from '../../engine/scenario/types';

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

export const esScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
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
        eventVersion: fc.integer({ min: 1, max: 2 }),
        snapshotSchemaVersion: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ seed, aggregates, projections, queries, faults }) => {
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
        fs.push({
          kind: 'deploy',
          aggregate: a.id,
          atMs: f.atMs,
          eventVersion: f.eventVersion,
          snapshotSchemaVersion: f.snapshotSchemaVersion,
        });
      } else if (asyncIds.length > 0)
        fs.push({
          kind: f.kind as 'projectionCrash' | 'rebuild',
          projection: asyncIds[f.target % asyncIds.length]!,
          atMs: f.atMs,
        });
    }
    const r = parseScenario({
      version: 2,
      name: 'es',
      seed,
      durationMs: 2000,
      topics: [],
      eventStore: { aggregates, projections: ps, queries: qs, faults: fs },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.scenario;
  });
