import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type FaultSpec, type Scenario } from '../engine';
import brokerFailure from '../scenarios/broker-failure.json';
import crashBeforeCommit from '../scenarios/crash-before-commit.json';
import exactlyOnce from '../scenarios/exactly-once.json';
import orderFlow from '../scenarios/order-flow.json';
import logsTopic from '../scenarios/rabbitmq-logs-topic.json';
import poisonRabbit from '../scenarios/rabbitmq-poison-message.json';
import { Timeline } from '../timeline';
import { faultAtCursor, injectItems, type NodeTarget } from './liveFaults';

/** fast-check seed (printed by fast-check on a failure; pinned so CI is reproducible). */
const FC_SEED = 20261201;
const UNTIL_MS = 3000;

function scenario(json: unknown, keepFaults: boolean): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error('built-in scenario does not parse');
  return { ...r.scenario, durationMs: UNTIL_MS, faults: keepFaults ? r.scenario.faults : [] };
}

/** Every node of a scenario as the canvas' right-click menu sees it. */
function targets(s: Scenario): NodeTarget[] {
  return [
    ...s.groups.map((g): NodeTarget => ({ kind: 'group', name: g.id })),
    ...s.producers.map((p): NodeTarget => ({ kind: 'producer', name: p.id })),
    ...s.topics.map((t): NodeTarget => ({ kind: 'topic', name: t.name })),
    ...(s.amqp?.consumers ?? []).map((c): NodeTarget => ({ kind: 'group', name: c.id })),
    ...(s.amqp?.publishers ?? []).map((p): NodeTarget => ({ kind: 'producer', name: p.id })),
    ...(s.amqp?.queues ?? []).map((q): NodeTarget => ({ kind: 'amqp', name: q.name })),
  ];
}

/**
 * A fault injected live (the node menu's item, forked at the cursor as forkActions does) gives
 * the very log a run with the same fault scheduled in the scenario gives (a lane or a file).
 */
function liveEqualsScheduled(
  s: Scenario,
  fault: FaultSpec,
  cursorUs: number,
  parentToEnd: boolean,
) {
  const tl = new Timeline({ blockEvents: 257 });
  const root = tl.start(s);
  root.record(parentToEnd ? UNTIL_MS * 1000 : cursorUs);
  const fork = tl.fork(root.id, root.indexAtTimeUs(cursorUs), { kind: 'addFault', fault });
  fork.record(UNTIL_MS * 1000);
  const scheduled = simulate({ ...s, faults: [...s.faults, fault] }, { untilMs: UNTIL_MS });
  return {
    live: { events: fork.length, hash: fork.logHash() },
    scheduled: { events: scheduled.events.length, hash: scheduled.summary.logHash },
  };
}

const CASES = [
  ['crash-before-commit (no faults)', scenario(crashBeforeCommit, false)],
  ['crash-before-commit (its own faults too)', scenario(crashBeforeCommit, true)],
  ['broker-failure (brokers, acks)', scenario(brokerFailure, false)],
  ['order-flow (retries, dead letters)', scenario(orderFlow, false)],
  ['rabbitmq-logs-topic (RabbitMQ consumers, publisher, broker)', scenario(logsTopic, false)],
  ['rabbitmq-poison-message (RabbitMQ, its own faults too)', scenario(poisonRabbit, true)],
  ['exactly-once (transactional groups)', scenario(exactlyOnce, false)],
] as const;

describe('a fault injected live = the same fault scheduled', () => {
  it('the node menu offers every fault kind of the scenario format', () => {
    const kinds = new Set<string>();
    for (const [, s] of CASES)
      for (const t of targets(s))
        for (const it of injectItems(t, s, 2000)) kinds.add(it.fault.kind);
    expect([...kinds].sort()).toEqual([
      'ackLoss',
      'brokerDown',
      'brokerUp',
      'connectionLoss',
      'crash',
      'leave',
      'networkPartition',
      'pause',
      'poisonMessage',
      'producerRestart',
      'rabbitmqRestart',
      'restart',
      'txnCoordinatorFailover',
    ]);
  });

  it('a RabbitMQ node offers RabbitMQ faults only (no Kafka broker or coordinator items)', () => {
    const s = scenario(logsTopic, false);
    const ids = (t: NodeTarget) => injectItems(t, s, 2000).map((i) => i.testId);
    expect(ids({ kind: 'group', name: 'alerting' })).toEqual([
      'inject-crash-alerting-1',
      'inject-restart-alerting-1',
      'inject-connection-loss-alerting-1',
      'inject-rabbitmq-restart',
    ]);
    expect(ids({ kind: 'producer', name: 'app-logs' })).toEqual([
      'inject-poison-app-logs',
      'inject-rabbitmq-restart',
    ]);
    expect(ids({ kind: 'amqp', name: 'errors' })).toEqual(['inject-rabbitmq-restart']);
    const loss = injectItems({ kind: 'group', name: 'alerting' }, s, 2000)[2]!.fault;
    expect(loss).toEqual({
      kind: 'connectionLoss',
      consumer: 'alerting',
      member: 'alerting-1',
      durationMs: 2000,
    });
  });

  it('a live RabbitMQ consumer crash is applied, not skipped: its unacked deliveries come back redelivered', () => {
    const s = scenario(logsTopic, false);
    const item = injectItems({ kind: 'group', name: 'alerting' }, s, 2000)[0]!;
    const fault = faultAtCursor(item.fault, 1_000_000);
    const run = simulate({ ...s, faults: [fault] }, { untilMs: UNTIL_MS });
    const types = run.events.map((e) => e.type);
    expect(types).toContain('amqp.memberCrashed');
    expect(types).not.toContain('faultSkipped');
  });

  it('faultAtCursor schedules at the next whole sim millisecond', () => {
    expect(faultAtCursor({ kind: 'poisonMessage', producer: 'p' }, 0)).toEqual({
      kind: 'poisonMessage',
      producer: 'p',
      atMs: 1,
    });
    expect(faultAtCursor({ kind: 'brokerDown', broker: 2 }, 1_999_999).atMs).toBe(2000);
    expect(faultAtCursor({ kind: 'brokerDown', broker: 2 }, 2_000_000).atMs).toBe(2001);
  });

  for (const [name, s] of CASES) {
    const items = targets(s).flatMap((t) => injectItems(t, s, 700));
    it(`${name}: every menu item (${items.length}), at random cursors, parent recorded to the end or only to the cursor`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...items),
          fc.integer({ min: 0, max: (UNTIL_MS - 200) * 1000 }),
          fc.boolean(),
          (item, cursorUs, parentToEnd) => {
            const fault = faultAtCursor(item.fault, cursorUs);
            const r = liveEqualsScheduled(s, fault, cursorUs, parentToEnd);
            expect(r.live, `${item.testId} at ${cursorUs} µs`).toEqual(r.scheduled);
          },
        ),
        { numRuns: 12, seed: FC_SEED },
      );
    });
  }

  it('a live poison message dead-letters like a scheduled one (it used to do nothing)', () => {
    const s = scenario(orderFlow, false);
    const poison = faultAtCursor({ kind: 'poisonMessage', producer: 'order-service' }, 1_500_000);
    const tl = new Timeline();
    const root = tl.start(s);
    root.record(UNTIL_MS * 1000);
    const fork = tl.fork(root.id, root.indexAtTimeUs(1_500_000), {
      kind: 'addFault',
      fault: poison,
    });
    fork.record(UNTIL_MS * 1000);
    const dead = (events: { type: string }[]) =>
      events.filter((e) => e.type === 'recordDeadLettered').length;
    const scheduled = simulate({ ...s, faults: [poison] }, { untilMs: UNTIL_MS });
    expect(dead(scheduled.events)).toBeGreaterThan(0);
    expect(dead(fork.events(0, fork.length))).toBe(dead(scheduled.events));
    expect(dead(root.events(0, root.length))).toBe(dead(simulate(s, { untilMs: UNTIL_MS }).events));
  });
});
