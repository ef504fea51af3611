/**
 * Engine throughput: end-to-end simulated records per second of wall time (produce → append →
 * fetch → process → commit, three consumer groups) at 1, 12 and 100 partitions.
 * Then long-run memory (bench-memory.ts): heap after 2 (quick) or 4 million events, bounded vs not
 * (engine; timeline; timeline with the anomaly detector).
 *   npm run bench [-- --json] [-- --quick]
 * Wall-clock timing lives here, outside the engine, which never reads a clock.
 */
import { performance } from 'node:perf_hooks';
import { benchAmqp } from './benchAmqp';
import { benchCluster } from './benchCluster';
import { simulate, type Scenario } from '../engine';
import { benchTimeline, formatTimelineBench } from './bench-timeline';
import { benchMemory, formatMemoryBench } from './bench-memory';

export interface EngineBench {
  partitions: number;
  records: number;
  events: number;
  wallMs: number;
  recordsPerSec: number;
  eventsPerSec: number;
}

/** A producer at `perSec` into one topic read by three groups of up to four members each. */
export function benchScenario(partitions: number, perSec: number, durationMs: number): Scenario {
  const members = Math.min(4, partitions);
  const group = (
    id: string,
    strategy: 'range' | 'roundrobin' | 'cooperative-sticky',
    commit?: 'after-processing',
  ) => ({
    id,
    topics: ['events'],
    members,
    processingMs: 0.002,
    ...(commit ? { commit } : {}),
    config: { 'partition.assignment.strategy': strategy, 'max.poll.records': 500 },
  });
  return {
    version: 1,
    name: `bench-${partitions}`,
    durationMs,
    topics: [{ name: 'events', partitions }],
    producers: [
      {
        id: 'p',
        topic: 'events',
        rate: { kind: 'constant', perSec },
        keys: { kind: 'uniform', count: 10_000 },
        eventType: 'E',
      },
    ],
    groups: [
      group('g1', 'range', 'after-processing'),
      group('g2', 'roundrobin'),
      group('g3', 'cooperative-sticky', 'after-processing'),
    ],
    faults: [],
  };
}

export function benchEngine(partitions: number, simMs: number): EngineBench {
  const scenario = benchScenario(partitions, 200_000, simMs);
  simulate(benchScenario(partitions, 200_000, Math.min(simMs, 200)), {
    keepEvents: false,
    hash: false,
  }); // warm-up
  const t0 = performance.now();
  const { summary } = simulate(scenario, { keepEvents: false, hash: false });
  const wallMs = performance.now() - t0;
  return {
    partitions,
    records: summary.appended,
    events: summary.events,
    wallMs: Math.round(wallMs),
    recordsPerSec: Math.round((summary.appended / wallMs) * 1000),
    eventsPerSec: Math.round((summary.events / wallMs) * 1000),
  };
}

function main(): void {
  const json = process.argv.includes('--json');
  const quick = process.argv.includes('--quick');
  const simMs = quick ? 500 : 3000;
  const engine = [1, 12, 100].map((p) => benchEngine(p, simMs));
  // Replication factor 3 with a fault schedule, against the 12-partition figure above.
  const cluster = benchCluster(12, simMs, engine[1]!.recordsPerSec);
  // RabbitMQ: a topic exchange into 1 and 12 queues, two competing consumers each.
  const amqp = [1, 12].map((q) => benchAmqp(q, simMs));
  // The timeline at 1M events (the bar), and at 10M to show growth unless --quick.
  const timeline = {
    ...benchTimeline(1_000_000)!,
    at10M: quick ? null : benchTimeline(10_000_000),
  };
  // Long runs: heap after N million events with the memory bound vs without.
  const memory = benchMemory(quick ? 2 : 4);
  if (json) {
    console.log(JSON.stringify({ engine, cluster, amqp, timeline, memory }));
    return;
  }
  console.log('engine: end-to-end records/s (1 producer, 3 consumer groups)');
  console.log('partitions   records    events   wall ms   records/s    events/s');
  for (const r of engine) {
    console.log(
      `${String(r.partitions).padStart(10)} ${String(r.records).padStart(9)} ${String(r.events).padStart(9)} ${String(r.wallMs).padStart(9)} ${String(r.recordsPerSec).padStart(11)} ${String(r.eventsPerSec).padStart(11)}`,
    );
  }
  console.log(
    `rf=3 + faults: ${cluster.recordsPerSec} records/s at ${cluster.partitions} partitions (${cluster.slowdownVsNoFault}× slower than without faults; bar ≤ 2×)`,
  );
  console.log(
    'RabbitMQ: messages/s (topic exchange, 2 consumers per queue, prefetch 10, manual ack)',
  );
  console.log('    queues  messages processed    events   wall ms  messages/s    events/s');
  for (const r of amqp) {
    console.log(
      `${String(r.queues).padStart(10)} ${String(r.messages).padStart(9)} ${String(r.processed).padStart(9)} ${String(r.events).padStart(9)} ${String(r.wallMs).padStart(9)} ${String(r.messagesPerSec).padStart(11)} ${String(r.eventsPerSec).padStart(11)}`,
    );
  }
  for (const b of [timeline, timeline.at10M])
    if (b) for (const line of formatTimelineBench(b)) console.log(line);
  for (const line of formatMemoryBench(memory)) console.log(line);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) main();
