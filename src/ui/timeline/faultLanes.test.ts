import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine';
import { renderMsg } from '../../i18n';
import crash from '../../scenarios/crash-before-commit.json';
import { faultFor, faultLabel, laneOfFault, lanesOf, msAt } from './faultLanes';

const scenario = (() => {
  const r = parseScenario(crash);
  if (!r.ok) throw new Error('bad scenario');
  return r.scenario;
})();

describe('fault lanes', () => {
  it('has a lane per producer and group, and puts each scheduled fault on its lane', () => {
    const lanes = lanesOf(scenario);
    expect(lanes.map((l) => l.id)).toEqual([
      'producer:checkout',
      'group:ledger',
      'group:notifier',
      'topic:payments',
    ]);
    expect(lanes[1]!.members).toEqual(['ledger-1', 'ledger-2']);
    expect(scenario.faults.map((f) => laneOfFault(f, lanes))).toEqual([
      'group:ledger',
      'group:notifier',
      'group:ledger',
      'group:notifier',
    ]);
  });

  it('makes the palette fault for the lane it is dropped on, and refuses other lanes', () => {
    const [producer, ledger] = lanesOf(scenario);
    expect(faultFor('crash', ledger!, 1200)).toEqual({
      kind: 'crash',
      atMs: 1200,
      group: 'ledger',
      member: 'ledger-1',
    });
    expect(faultFor('poisonMessage', producer!, 300)).toEqual({
      kind: 'poisonMessage',
      atMs: 300,
      producer: 'checkout',
    });
    expect(faultFor('crash', producer!, 300)).toBeNull();
    expect(faultFor('brokerDown', ledger!, 300)).toBeNull();
    const pause = faultLabel({
      kind: 'pause',
      atMs: 1,
      group: 'g',
      member: 'g-1',
      durationMs: 2000,
    });
    expect(renderMsg('en', pause)).toBe('pause g-1 2000 ms');
    expect(renderMsg('zh-CN', pause)).toBe('暂停 g-1 2000 ms');
  });

  it('a topic lane takes addPartitions: two more than the topic will have, labelled in both languages', () => {
    const grown = {
      ...scenario,
      faults: [{ kind: 'addPartitions' as const, atMs: 500, topic: 'payments', partitions: 5 }],
    };
    const lanes = lanesOf(grown);
    const topic = lanes.find((l) => l.id === 'topic:payments')!;
    expect(topic.partitions).toBe(5);
    expect(laneOfFault(grown.faults[0]!, lanes)).toBe('topic:payments');
    const f = faultFor('addPartitions', topic, 900);
    expect(f).toEqual({ kind: 'addPartitions', atMs: 900, topic: 'payments', partitions: 7 });
    expect(faultFor('addPartitions', lanes[0]!, 900)).toBeNull();
    expect(renderMsg('en', faultLabel(f!))).toBe('payments → 7 partitions');
    expect(renderMsg('zh-CN', faultLabel(f!))).toBe('payments → 7 个分区');
  });

  it('maps pixels to whole sim ms, clamped to the run', () => {
    expect(msAt(50, 200, 8000)).toBe(2000);
    expect(msAt(-5, 200, 8000)).toBe(0);
    expect(msAt(999, 200, 8000)).toBe(8000);
    expect(msAt(10, 0, 8000)).toBe(0);
  });
});

describe('fault lanes with a cluster', () => {
  it('a broker fault from the palette is a valid scenario fault (brokers are numbered from 1)', () => {
    const withCluster = { ...scenario, cluster: { brokers: 3 } };
    const lanes = lanesOf(withCluster);
    const cluster = lanes.find((l) => l.kind === 'cluster')!;
    const f = faultFor('brokerDown', cluster, 1500)!;
    const r = parseScenario({ ...withCluster, faults: [f] });
    expect(r.ok ? 'ok' : r.errors).toBe('ok');
    expect(laneOfFault(f, lanes)).toBe('cluster');
  });
});
