import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse';
import type { Scenario } from '../../scenario/types';
import { fold, simulate } from '../../simulate';
import { esAggregateCounts, esAllTail, esQueryCounts, esSummary } from './views';

// What the canvas reads per node (an aggregate's outcomes, a query's stale answers, the newest
// records of `$all`) is a fold of the run's own events, at every point of it.

const scenarioArb = fc
  .record({
    aggregates: fc.integer({ min: 1, max: 2 }),
    handlers: fc.integer({ min: 1, max: 3 }),
    keys: fc.integer({ min: 1, max: 3 }),
    maxRetries: fc.integer({ min: 0, max: 2 }),
    processingMs: fc.integer({ min: 1, max: 30 }),
    readYourWrites: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((r): Scenario => {
    const aggregates = Array.from({ length: r.aggregates }, (_, i) => ({
      id: `acc${i}`,
      commands: {
        rate: { kind: 'poisson', perSec: 60 },
        keys: { kind: 'uniform', count: r.keys, prefix: 'k' },
      },
      handlers: r.handlers,
      processingMs: r.processingMs,
      maxRetries: r.maxRetries,
      rules: [
        { command: 'Open', event: 'Opened', whenStatus: null, setStatus: 'open' },
        { command: 'Deposit', event: 'Deposited', whenStatus: 'open', amount: 5, maxEvents: 8 },
      ],
    }));
    const p = parseScenario({
      version: 2,
      name: 'views',
      seed: r.seed,
      durationMs: 1500,
      topics: [],
      eventStore: {
        aggregates,
        projections: [{ id: 'balances', from: '$all', mode: 'async', kind: 'counter' }],
        queries: [
          {
            id: 'q',
            projection: 'balances',
            rate: { kind: 'poisson', perSec: 40 },
            readYourWrites: r.readYourWrites,
          },
        ],
      },
    });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.scenario;
  });

describe('event store views per node', () => {
  it('per-aggregate and per-query counts are the fold of their events and add up to the summary', () => {
    let conflicts = 0;
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0, max: 1, noNaN: true }), (s, at) => {
        const run = simulate(s);
        const upTo = Math.floor(at * run.events.length);
        const state = fold(run.model, run.events, upTo);
        const seen = run.events.slice(0, upTo);
        const total = esSummary(state)!;
        let sum = { commands: 0, succeeded: 0, conflicts: 0, failed: 0, rejected: 0 };
        for (const a of s.eventStore!.aggregates) {
          const c = esAggregateCounts(state, a.id)!;
          const of = (t: string) =>
            seen.filter((e) => e.type === t && (e as { aggregate?: string }).aggregate === a.id)
              .length;
          expect(c.succeeded).toBe(of('es.commandSucceeded'));
          expect(c.conflicts).toBe(of('es.appendConflicted'));
          expect(c.failed).toBe(of('es.commandFailed'));
          expect(c.rejected).toBe(of('es.commandRejected'));
          expect(c.commands).toBe(of('es.commandSent'));
          sum = {
            commands: sum.commands + c.commands,
            succeeded: sum.succeeded + c.succeeded,
            conflicts: sum.conflicts + c.conflicts,
            failed: sum.failed + c.failed,
            rejected: sum.rejected + c.rejected,
          };
        }
        expect(sum).toEqual({
          commands: total.commands,
          succeeded: total.succeeded,
          conflicts: total.conflicts,
          failed: total.failedCommands,
          rejected: total.rejectedCommands,
        });
        conflicts += sum.conflicts;
        const q = esQueryCounts(state, 'q')!;
        const answers = seen.filter((e) => e.type === 'es.queryAnswered') as {
          stale: boolean;
        }[];
        expect(q.answered).toBe(answers.length);
        expect(q.stale).toBe(answers.filter((e) => e.stale).length);
        expect(esQueryCounts(state, 'nope')).toBeNull();
        expect(esAggregateCounts(state, 'nope')).toBeNull();
        // $all's tail: the newest records, in position order, ending at the head.
        const tail = esAllTail(state, 5)!;
        expect(tail.total).toBe(state.eventStore!.store.log.length);
        expect(tail.records.length).toBe(Math.min(5, tail.total));
        tail.records.forEach((r, i) =>
          expect(r.position).toBe(tail.total - tail.records.length + i),
        );
      }),
      { numRuns: 30 },
    );
    // Concurrent handlers on few streams: conflicts happen, so the property is about something.
    expect(conflicts).toBeGreaterThan(0);
  });

  it('a run without an event store has no event store views', () => {
    const p = parseScenario({
      version: 1,
      name: 'k',
      durationMs: 200,
      topics: [{ name: 't', partitions: 1 }],
      producers: [
        {
          id: 'p',
          topic: 't',
          eventType: 'E',
          rate: { kind: 'poisson', perSec: 10 },
          keys: { kind: 'uniform', count: 3 },
        },
      ],
      groups: [],
      faults: [],
    });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const state = simulate(p.scenario).state;
    expect(esAllTail(state, 3)).toBeNull();
    expect(esAggregateCounts(state, 'a')).toBeNull();
    expect(esQueryCounts(state, 'q')).toBeNull();
  });
});
