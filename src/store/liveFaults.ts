/**
 * What the node menu offers to inject "now" (pure, tested in Node): every fault kind the
 * scenario format has, aimed at the right-clicked node. A live fault is the same `FaultSpec` a
 * fault lane or a scenario file holds, at the cursor's next whole millisecond, so injecting it
 * live and scheduling it at that time give the same run (liveFaults.test.ts).
 */
import type { FaultSpec, Scenario } from '../engine';
import { msg, type Msg } from '../i18n';

export type FaultNow = FaultSpec extends infer F
  ? F extends unknown
    ? Omit<F, 'atMs'>
    : never
  : never;

export interface NodeTarget {
  /** The engine entity: a group id, producer id or topic name; `amqp` is an Exchange or Queue
   *  node (its faults are the RabbitMQ broker's). */
  kind: 'group' | 'producer' | 'topic' | 'amqp';
  name: string;
}

export interface InjectItem {
  /** In words, rendered in the UI's language. */
  label: Msg;
  fault: FaultNow;
  testId: string;
}

/** How many acknowledgements "lose acks" drops. */
export const LOST_ACKS = 5;

export function memberIds(scenario: Scenario, group: string): string[] {
  const g = scenario.groups.find((x) => x.id === group);
  if (!g) return [];
  return Array.isArray(g.members)
    ? g.members.map((m) => m.id)
    : Array.from({ length: g.members }, (_, i) => `${g.id}-${i + 1}`);
}

/** A RabbitMQ consumer's member ids (as the engine names them: `<id>-1`, …). */
export function amqpMemberIds(scenario: Scenario, consumer: string): string[] {
  const c = scenario.amqp?.consumers.find((x) => x.id === consumer);
  if (!c) return [];
  return Array.isArray(c.members)
    ? c.members.map((m) => m.id)
    : Array.from({ length: c.members }, (_, i) => `${c.id}-${i + 1}`);
}

/** RabbitMQ's faults: per consumer member crash / restart / connection loss; a publisher's
 *  poison message; the broker's restart from an Exchange or Queue node (or any RabbitMQ node). */
function amqpItems(at: NodeTarget, scenario: Scenario, durationMs: number): InjectItem[] | null {
  const a = scenario.amqp;
  if (!a) return null;
  const s = durationMs / 1000;
  const restart: InjectItem = {
    label: msg('canvas.inject.rabbitmqRestart'),
    fault: { kind: 'rabbitmqRestart' },
    testId: 'inject-rabbitmq-restart',
  };
  if (at.kind === 'amqp') return [restart];
  if (at.kind === 'group' && a.consumers.some((c) => c.id === at.name)) {
    const out: InjectItem[] = [];
    for (const member of amqpMemberIds(scenario, at.name)) {
      out.push({
        label: msg('canvas.inject.crash', { member }),
        fault: { kind: 'crash', group: at.name, member },
        testId: `inject-crash-${member}`,
      });
      out.push({
        label: msg('canvas.inject.restart', { member }),
        fault: { kind: 'restart', group: at.name, member },
        testId: `inject-restart-${member}`,
      });
      out.push({
        label: msg('canvas.inject.connectionLoss', { member, s }),
        fault: { kind: 'connectionLoss', consumer: at.name, member, durationMs },
        testId: `inject-connection-loss-${member}`,
      });
    }
    return [...out, restart];
  }
  if (at.kind === 'producer' && a.publishers.some((p) => p.id === at.name))
    return [
      {
        label: msg('canvas.inject.poison'),
        fault: { kind: 'poisonMessage', producer: at.name },
        testId: `inject-poison-${at.name}`,
      },
      restart,
    ];
  return null;
}

/** The menu's items for a node; pauses and cut links last `durationMs`. */
export function injectItems(at: NodeTarget, scenario: Scenario, durationMs: number): InjectItem[] {
  const amqp = amqpItems(at, scenario, durationMs);
  if (amqp) return amqp;
  const out: InjectItem[] = [];
  const s = durationMs / 1000;
  const brokers = scenario.cluster?.brokers ?? 0;
  if (at.kind === 'group') {
    for (const member of memberIds(scenario, at.name)) {
      out.push({
        label: msg('canvas.inject.crash', { member }),
        fault: { kind: 'crash', group: at.name, member },
        testId: `inject-crash-${member}`,
      });
      out.push({
        label: msg('canvas.inject.pause', { member, s }),
        fault: { kind: 'pause', group: at.name, member, durationMs },
        testId: `inject-pause-${member}`,
      });
      out.push({
        label: msg('canvas.inject.restart', { member }),
        fault: { kind: 'restart', group: at.name, member },
        testId: `inject-restart-${member}`,
      });
      out.push({
        label: msg('canvas.inject.leave', { member }),
        fault: { kind: 'leave', group: at.name, member },
        testId: `inject-leave-${member}`,
      });
      out.push({
        label: msg('canvas.inject.cutCoordinator', { member, s }),
        fault: { kind: 'networkPartition', between: [member, 'coordinator'], durationMs },
        testId: `inject-cut-${member}`,
      });
    }
    const g = scenario.groups.find((x) => x.id === at.name);
    if (g?.config?.['transactional.id'] !== undefined)
      out.push({
        label: msg('canvas.inject.txnCoordinatorFailover', { s }),
        fault: { kind: 'txnCoordinatorFailover', durationMs },
        testId: `inject-txn-failover-${at.name}`,
      });
  } else if (at.kind === 'producer') {
    out.push({
      label: msg('canvas.inject.poison'),
      fault: { kind: 'poisonMessage', producer: at.name },
      testId: `inject-poison-${at.name}`,
    });
    out.push({
      label: msg('canvas.inject.ackLoss', { n: LOST_ACKS }),
      fault: { kind: 'ackLoss', producer: at.name, count: LOST_ACKS },
      testId: `inject-ackloss-${at.name}`,
    });
    const transactional =
      scenario.producers.find((p) => p.id === at.name)?.config?.['transactional.id'] !== undefined;
    out.push({
      label: msg(
        transactional ? 'canvas.inject.producerRestartTxn' : 'canvas.inject.producerRestart',
      ),
      fault: { kind: 'producerRestart', producer: at.name },
      testId: `inject-producer-restart-${at.name}`,
    });
    for (let b = 1; b <= brokers; b++)
      out.push({
        label: msg('canvas.inject.cutBroker', { b, s }),
        fault: { kind: 'networkPartition', between: [at.name, `broker-${b}`], durationMs },
        testId: `inject-cut-${at.name}-broker-${b}`,
      });
  } else {
    for (let b = 1; b <= brokers; b++) {
      out.push({
        label: msg('canvas.inject.brokerDown', { b }),
        fault: { kind: 'brokerDown', broker: b },
        testId: `inject-broker-down-${b}`,
      });
      out.push({
        label: msg('canvas.inject.brokerUp', { b }),
        fault: { kind: 'brokerUp', broker: b },
        testId: `inject-broker-up-${b}`,
      });
    }
  }
  return out;
}

/** The fault as scheduled from the cursor at `cursorUs`: it happens at the next whole sim ms. */
export function faultAtCursor(fault: FaultNow, cursorUs: number): FaultSpec {
  return { ...fault, atMs: Math.floor(cursorUs / 1000) + 1 } as FaultSpec;
}
