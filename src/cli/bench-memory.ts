/**
 * Long-run memory: heap after N million events with the memory bound vs without it.
 * - CLI path: the engine alone (no log kept), releasing records nobody reads (sim.ts does) vs not.
 * - Worker path: a Timeline with a memory bound (the worker's, scaled down so a bench run
 *   reaches it) vs an unbounded one; the bound covers log, snapshots and partition records.
 * - Worker path with the anomaly detector: the same bounded Timeline plus the worker's
 *   RunInsight (the detector releasing records no state can read) vs a detector keeping all.
 *   npx tsx src/cli/bench-memory.ts [--events N] [--json]
 * Heap is heapUsed + arrayBuffers after gc, in a child `node --expose-gc` (as bench-timeline).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileModel, initialState, parseScenario, releaseRecords, run } from '../engine';
import { defaultScenarioJson } from '../scenarios';
import { AnomalyDetector } from '../insight';
import { Timeline } from '../timeline';
import { RunInsight } from '../worker/insightStream';
import { benchScenario } from './bench';

export interface MemoryPoint {
  events: number;
  boundedMb: number;
  unboundedMb: number;
}

export interface MemoryBench {
  /** CLI path: 12 partitions at 20,000 records/s, three groups, no log kept. */
  engine: MemoryPoint[];
  /** Worker path: the default scenario on a Timeline bounded to `timelineBoundMb`. */
  timeline: MemoryPoint[];
  timelineBoundMb: number;
  /** Worker path with the detector on: bounded = the worker's (releasing), unbounded = keeping every record. */
  detector: MemoryPoint[];
}

const gc = (): void => (globalThis as { gc?: () => void }).gc!();
const heapMb = (): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  return Math.round(((m.heapUsed + m.arrayBuffers) / 2 ** 20) * 10) / 10;
};

/** Heap (MB) at each checkpoint of `events`, one fresh run per `bounded` setting. */
function engineCurve(checkpoints: number[], bounded: boolean): number[] {
  const s = initialState(compileModel(benchScenario(12, 20_000, 0)));
  const base = heapMb();
  const out: number[] = [];
  let n = 0;
  let t = 0;
  let sinceRelease = 0;
  for (const target of checkpoints) {
    while (n < target) {
      const k = run(s, (t += 50_000), () => {});
      n += k;
      sinceRelease += k;
      if (bounded && sinceRelease >= 65_536) {
        releaseRecords(s);
        sinceRelease = 0;
      }
    }
    out.push(Math.round((heapMb() - base) * 10) / 10);
  }
  return out;
}

function timelineCurve(checkpoints: number[], boundBytes: number | null): number[] {
  const parsed = parseScenario(defaultScenarioJson);
  if (!parsed.ok) throw new Error('the default scenario does not parse');
  const base = heapMb();
  const tl = new Timeline(boundBytes === null ? {} : { maxBytes: boundBytes });
  const r = tl.start(parsed.scenario);
  const out: number[] = [];
  let t = 0;
  for (const target of checkpoints) {
    while (r.length < target) r.record((t += 200_000));
    out.push(Math.round((heapMb() - base) * 10) / 10);
  }
  return out;
}

/** The bounded timeline plus the anomaly detector: the worker's (releasing) or one keeping all. */
function detectorCurve(checkpoints: number[], boundBytes: number, releasing: boolean): number[] {
  const parsed = parseScenario(defaultScenarioJson);
  if (!parsed.ok) throw new Error('the default scenario does not parse');
  const base = heapMb();
  const tl = new Timeline({ maxBytes: boundBytes });
  const r = tl.start(parsed.scenario);
  const insight = releasing ? new RunInsight(r) : null;
  const plain = releasing ? null : new AnomalyDetector(r.model);
  const out: number[] = [];
  let t = 0;
  let fed = 0;
  for (const target of checkpoints) {
    while (r.length < target) {
      r.record((t += 200_000));
      if (insight) insight.catchUp();
      else {
        const cursor = r.cursor(fed);
        for (; fed < r.length; fed++) plain!.push(cursor.next()!, fed);
      }
    }
    out.push(Math.round((heapMb() - base) * 10) / 10);
  }
  return out;
}

/** Measures in this process; needs --expose-gc. */
export function measureMemory(millions: number): MemoryBench {
  const checkpoints = Array.from({ length: millions }, (_, i) => (i + 1) * 1_000_000);
  const boundMb = 32;
  const eb = engineCurve(checkpoints, true);
  const eu = engineCurve(checkpoints, false);
  const tb = timelineCurve(checkpoints, boundMb * 2 ** 20);
  const tu = timelineCurve(checkpoints, null);
  const db = detectorCurve(checkpoints, boundMb * 2 ** 20, true);
  const du = detectorCurve(checkpoints, boundMb * 2 ** 20, false);
  return {
    engine: checkpoints.map((events, i) => ({
      events,
      boundedMb: eb[i]!,
      unboundedMb: eu[i]!,
    })),
    timeline: checkpoints.map((events, i) => ({
      events,
      boundedMb: tb[i]!,
      unboundedMb: tu[i]!,
    })),
    timelineBoundMb: boundMb,
    detector: checkpoints.map((events, i) => ({
      events,
      boundedMb: db[i]!,
      unboundedMb: du[i]!,
    })),
  };
}

/** Runs measureMemory in a child `node --expose-gc`. */
export function benchMemory(millions: number): MemoryBench {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(millions)],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) throw new Error(`memory bench failed: ${child.stderr || child.stdout}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as MemoryBench;
}

export function formatMemoryBench(b: MemoryBench): string[] {
  const row = (p: MemoryPoint) =>
    `${String(p.events / 1e6).padStart(6)}M ${String(p.boundedMb).padStart(10)} ${String(p.unboundedMb).padStart(12)}`;
  return [
    'long-run memory: heap growth (MB) after N events, with the bound vs without',
    `  engine, no log kept (the CLI; records nobody reads released), 12 partitions at 20,000 records/s`,
    '  events  bounded MB  unbounded MB',
    ...b.engine.map((p) => `  ${row(p)}`),
    `  timeline (the worker), default scenario, bound ${b.timelineBoundMb} MB (log + snapshots + records)`,
    '  events  bounded MB  unbounded MB',
    ...b.timeline.map((p) => `  ${row(p)}`),
    `  the same timeline with the anomaly detector on (the worker): records no state can read released vs all kept`,
    '  events  bounded MB  unbounded MB',
    ...b.detector.map((p) => `  ${row(p)}`),
  ];
}

function main(): void {
  const argv = process.argv;
  if (argv.includes('--child')) {
    console.log(JSON.stringify(measureMemory(Number(argv[argv.indexOf('--child') + 1]))));
    return;
  }
  const millions = argv.includes('--events')
    ? Math.max(1, Math.round(Number(argv[argv.indexOf('--events') + 1]) / 1e6))
    : 4;
  const b = benchMemory(millions);
  if (argv.includes('--json')) console.log(JSON.stringify(b));
  else for (const line of formatMemoryBench(b)) console.log(line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
