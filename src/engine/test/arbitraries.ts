/**
 * fast-check arbitraries for whole scenarios: topics, producers with every key distribution,
 * groups with every assignor and commit mode, and fault schedules. Small on purpose, so a
 * property can run hundreds of them; fast-check prints the seed of any failure to replay it.
 */
import fc from 'fast-check';
import type {
  ConsumerConfig,
  FaultSpec,
  GroupSpec,
  KeySpec,
  ProducerSpec,
  Scenario,
} from '../scenario/types';

const strategies = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const;

export const keySpec: fc.Arbitrary<KeySpec> = fc.oneof(
  fc.constant<KeySpec>({ kind: 'null' }),
  fc
    .array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 })
    .map((keys): KeySpec => ({ kind: 'fixed', keys })),
  fc.integer({ min: 1, max: 50 }).map((count): KeySpec => ({ kind: 'uniform', count })),
  fc
    .record({
      count: fc.integer({ min: 1, max: 50 }),
      exponent: fc.double({ min: 0.5, max: 2, noNaN: true }),
    })
    .map((z): KeySpec => ({ kind: 'zipf', ...z })),
);

export interface ScenarioShape {
  commit?: GroupSpec['commit'];
  autoCommit?: boolean;
  faults?: boolean;
}

export function scenarioArb(shape: ScenarioShape = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      partitions: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 2 }),
      producers: fc.array(
        fc.record({
          rate: fc.integer({ min: 50, max: 800 }),
          poisson: fc.boolean(),
          keys: keySpec,
          sendKey: fc.boolean(),
          topic: fc.nat(),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      groups: fc.array(
        fc.record({
          members: fc.integer({ min: 1, max: 4 }),
          strategy: fc.constantFrom(...strategies),
          commit: shape.commit
            ? fc.constant(shape.commit)
            : fc.constantFrom('after-processing', 'before-processing', undefined),
          maxPoll: fc.integer({ min: 1, max: 50 }),
          meanMs: fc.double({ min: 0.2, max: 6, noNaN: true }),
          idempotent: fc.boolean(),
          failure: fc.boolean(),
          handler: fc.boolean(),
          allTopics: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      faults: fc.array(
        fc.record({
          kind: fc.constantFrom('crash', 'restart', 'pause', 'leave'),
          atMs: fc.integer({ min: 0, max: 1500 }),
          group: fc.nat(),
          member: fc.nat(),
          durationMs: fc.integer({ min: 1, max: 1500 }),
        }),
        { maxLength: shape.faults === false ? 0 : 6 },
      ),
    })
    .map((r): Scenario => {
      const topics = r.partitions.map((partitions, i) => ({ name: `t${i}`, partitions }));
      topics.push({ name: 'out', partitions: 2 }, { name: 'dlq', partitions: 1 });
      const producers: ProducerSpec[] = r.producers.map((p, i) => ({
        id: `p${i}`,
        topic: topics[p.topic % r.partitions.length]!.name,
        rate: { kind: p.poisson ? 'poisson' : 'constant', perSec: p.rate },
        keys: p.keys,
        sendKey: p.sendKey,
        eventType: 'Created',
      }));
      const groups: GroupSpec[] = r.groups.map((g, i) => {
        const config: ConsumerConfig = {
          'partition.assignment.strategy': g.strategy,
          'max.poll.records': g.maxPoll,
          'session.timeout.ms': 300,
          'heartbeat.interval.ms': 100,
          'max.poll.interval.ms': 2000,
          'auto.commit.interval.ms': 200,
        };
        if (shape.autoCommit !== undefined) config['enable.auto.commit'] = shape.autoCommit;
        const spec: GroupSpec = {
          id: `g${i}`,
          topics: g.allTopics ? r.partitions.map((_, t) => `t${t}`) : ['t0'],
          members: g.members,
          config,
          processingMs: { kind: 'exponential', meanMs: g.meanMs },
          idempotent: g.idempotent,
        };
        if (g.commit) spec.commit = g.commit;
        if (g.handler)
          spec.handlers = [
            { on: 'Created', emit: [{ type: 'Emitted', topic: 'out', probability: 0.7 }] },
          ];
        if (g.failure)
          spec.failure = { rate: 0.05, retries: 1, backoffMs: 5, deadLetterTopic: 'dlq' };
        return spec;
      });
      const faults: FaultSpec[] = r.faults.map((f) => {
        const g = groups[f.group % groups.length]!;
        const member = `${g.id}-${(f.member % (g.members as number)) + 1}`;
        return f.kind === 'pause'
          ? { kind: 'pause', atMs: f.atMs, group: g.id, member, durationMs: f.durationMs }
          : { kind: f.kind, atMs: f.atMs, group: g.id, member };
      });
      return { version: 1, name: 'random', durationMs: 2500, topics, producers, groups, faults };
    });
}
