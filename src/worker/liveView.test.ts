import { describe, expect, it } from 'vitest';
import { compileModel, initialState, parseScenario, run } from '../engine';
import { KEY_BUCKETS, keyBucket, RECENT_RECORDS, READ_MODEL_ROWS } from './liveView';
import { buildView } from './view';

const scenario = (() => {
  const r = parseScenario({
    version: 1,
    name: 'live',
    topics: [{ name: 'orders', partitions: 3 }],
    producers: [{ id: 'shop', topic: 'orders', rate: { kind: 'constant', perSec: 400 }, keys: { kind: 'uniform', count: 50, prefix: 'o-' }, keyField: 'orderId', eventType: 'OrderCreated' }],
    groups: [
      { id: 'billing', topics: ['orders'], members: 2, commit: 'after-processing', processingMs: 1 },
      { id: 'view', topics: ['orders'], members: 1, processingMs: 0.5, readModel: true },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
})();

describe('live figures in the view', () => {
  const state = initialState(compileModel(scenario));
  const n = run(state, 1_000_000, () => {});
  const view = buildView(state, n);
  const t = view.topics['orders']!;

  it('gives each partition its tail, at most RECENT_RECORDS, matching the log', () => {
    expect(t.recentKeys).toHaveLength(3);
    t.logEndOffsets.forEach((leo, p) => {
      expect(t.recentKeys[p]).toHaveLength(Math.min(leo, RECENT_RECORDS));
      expect(t.recentTypes[p]).toHaveLength(Math.min(leo, RECENT_RECORDS));
      const last = state.logs[state.model.topics[0]!.firstGp + p]![leo - 1]!;
      expect(t.recentKeys[p]!.at(-1)).toBe(keyBucket(last.key!));
    });
    expect(t.eventTypes).toEqual(['OrderCreated']);
    expect(t.highWatermarks).toEqual(t.logEndOffsets);
  });

  it('gives fetch positions between committed offsets and the log-end offset', () => {
    const g = view.groups['billing']!;
    g.positions['orders']!.forEach((pos, p) => {
      expect(pos).toBeGreaterThanOrEqual(g.committed['orders']![p]!);
      expect(pos).toBeLessThanOrEqual(t.logEndOffsets[p]!);
    });
  });

  it('shows a read model’s newest rows', () => {
    const rm = view.groups['view']!.readModel!;
    expect(rm.size).toBeGreaterThan(0);
    expect(rm.rows.length).toBe(Math.min(READ_MODEL_ROWS, rm.size));
    expect(rm.rows[0]).toMatchObject({ lastType: 'OrderCreated' });
    expect(view.groups['billing']!.readModel).toBeUndefined();
  });

  it('hashes keys into stable buckets', () => {
    expect(keyBucket('order-1')).toBe(keyBucket('order-1'));
    expect(keyBucket('x')).toBeLessThan(KEY_BUCKETS);
  });
});
