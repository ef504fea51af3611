import { describe, expect, it } from 'vitest';
import { esStreamHeads, fold, parseScenario, simulate } from '../engine';
import { ES_ALL_LANE, ES_STREAM_ROWS, esView } from './esView';
import { buildView } from './view';

const scenario = (() => {
  const p = parseScenario({
    version: 2,
    name: 'bank',
    seed: 7,
    durationMs: 2000,
    topics: [],
    eventStore: {
      aggregates: [
        {
          id: 'account',
          commands: {
            rate: { kind: 'poisson', perSec: 80 },
            keys: { kind: 'uniform', count: 12, prefix: 'a' },
          },
          handlers: 2,
          processingMs: 5,
          rules: [{ command: 'Deposit', event: 'Deposited', amount: 10 }],
        },
      ],
      projections: [{ id: 'balances', from: 'account', mode: 'async', kind: 'counter' }],
      queries: [{ id: 'balance', projection: 'balances', rate: { kind: 'poisson', perSec: 20 } }],
      faults: [{ kind: 'rebuild', projection: 'balances', atMs: 1500 }],
    },
  });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.scenario;
})();

describe('esView (the event store part of a frame)', () => {
  const run = simulate(scenario);

  it('lists the most recently written streams with their head versions, and $all’s newest records', () => {
    for (const upTo of [0, 10, Math.floor(run.events.length / 2), run.events.length]) {
      const state = fold(run.model, run.events, upTo);
      const v = esView(state)!;
      const heads = esStreamHeads(state)!;
      expect(v.streams.total).toBe(heads.size);
      expect(v.streams.recent.length).toBe(Math.min(ES_STREAM_ROWS, heads.size));
      expect(new Set(v.streams.recent.map((s) => s.id)).size).toBe(v.streams.recent.length);
      for (const s of v.streams.recent) {
        expect(s.version).toBe(heads.get(s.id)!.version);
        expect(s.events).toBe(s.version + 1);
      }
      const log = state.eventStore!.store.log;
      expect(v.all.total).toBe(log.length);
      expect(v.all.records.map((r) => r.position)).toEqual(
        log.slice(Math.max(0, log.length - ES_ALL_LANE)).map((r) => r.position),
      );
      // The newest stream is the one of $all's newest record.
      if (log.length > 0) expect(v.streams.recent[0]!.id).toBe(log[log.length - 1]!.streamId);
      const p = v.projections['balances']!;
      expect(p.rows).toBe(state.eventStore!.projections[0]!.readModel.size);
      expect(p.position).toBeGreaterThanOrEqual(p.checkpoint);
    }
  });

  it('rides in the frame only when the run has an event store', () => {
    const view = buildView(run.state, run.events.length);
    expect(view.eventStore?.aggregates['account']!.commands).toBeGreaterThan(0);
    expect(view.eventStore?.queries['balance']!.answered).toBeGreaterThan(0);
  });
});
