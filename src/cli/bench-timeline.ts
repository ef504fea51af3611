/**
 * Timeline bench: log a long run of the default scenario (order-flow, run past its 10 s) and
 * measure what the issue asks: heap per logged event, random seeks by stateAt (p50/p99), the
 * naive fold from zero they replace, and engine throughput while the log is kept.
 *   npx tsx src/cli/bench-timeline.ts [--events N] [--json]
 * Memory is heapUsed + arrayBuffers after `global.gc()`, so the measurement runs in a child process started with
 * `node --expose-gc` (benchTimeline does that); wall-clock timing lives here, never in the engine.
 */
import { spawnSync } from 'node:child_process';
import { freemem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { compileModel, evolve, initialState, parseScenario, run, type Scenario } from '../engine';
import { defaultScenarioJson } from '../scenarios';
import { Timeline, DEFAULT_BLOCK_EVENTS } from '../timeline';

export interface TimelineBench {
  scenario: string;
  events: number;
  records: number;
  simMs: number;
  blockEvents: number;
  snapshots: number;
  /** Heap (+ ArrayBuffers) growth per logged event: engine state (partition records) + timeline. */
  bytesPerEvent: number;
  /** Of which the timeline's own (encoded log + snapshots, heap-measured). */
  timelineBytesPerEvent: number;
  /** The same run with the engine alone (no log kept), for comparison. */
  engineOnlyBytesPerEvent: number;
  seeks: number;
  seekP50Ms: number;
  seekP99Ms: number;
  seekMaxMs: number;
  /** Folding every event from the initial state: what a seek costs without snapshots. */
  foldFromZeroMs: number;
  recordsPerSec: number;
  eventsPerSec: number;
  /** The same run without the log, for comparison. */
  engineOnlyRecordsPerSec: number;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc!();
/**
 * Heap in use plus ArrayBuffer backing stores: typed arrays (the encoded log, snapshots' offset
 * tables) live outside V8's heapUsed, so heapUsed alone would under-count the log.
 */
const heap = (): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function defaultScenario(): Scenario {
  const r = parseScenario(defaultScenarioJson);
  if (!r.ok) throw new Error('the default scenario does not parse');
  return r.scenario;
}

/** Sim time the default scenario needs for `events` events (found by a dry run, no log). */
function simUsFor(scenario: Scenario, events: number): number {
  const s = initialState(compileModel(scenario));
  let n = 0;
  let t = 0;
  while (n < events) n += run(s, (t += 100_000), () => {});
  return t;
}

/** Measures in this process; needs --expose-gc. */
export function measureTimeline(targetEvents: number, seeks = 300): TimelineBench {
  const scenario = defaultScenario();
  const untilUs = simUsFor(scenario, targetEvents);
  // Engine alone: heap and speed without the log.
  let h0 = heap();
  let t0 = performance.now();
  const bare = initialState(compileModel(scenario));
  const bareEvents = run(bare, untilUs, () => {});
  const bareMs = performance.now() - t0;
  const engineOnlyBytes = heap() - h0;
  const bareRecords = bare.appended;
  // With the timeline keeping the log.
  h0 = heap();
  t0 = performance.now();
  const tl = new Timeline();
  const r = tl.start(scenario);
  r.record(untilUs);
  const recordMs = performance.now() - t0;
  const h1 = heap();
  const events = r.length;
  if (events !== bareEvents)
    throw new Error(`the logged run has ${events} events, the bare run ${bareEvents}`);
  const times = seekTimes(r, seeks);
  t0 = performance.now();
  const s = initialState(r.model);
  const c = r.cursor(0);
  for (let e = c.next(); e; e = c.next()) evolve(s, e);
  const foldFromZeroMs = performance.now() - t0;
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    scenario: scenario.name,
    events,
    records: r.live.appended,
    simMs: untilUs / 1000,
    blockEvents: DEFAULT_BLOCK_EVENTS,
    snapshots: r.blocks.filter((b) => b.snapshot).length,
    bytesPerEvent: round((h1 - h0) / events, 1),
    timelineBytesPerEvent: round((h1 - h0 - engineOnlyBytes) / events, 1),
    engineOnlyBytesPerEvent: round(engineOnlyBytes / events, 1),
    seeks,
    seekP50Ms: round(pct(0.5)),
    seekP99Ms: round(pct(0.99)),
    seekMaxMs: round(times.at(-1)!),
    foldFromZeroMs: Math.round(foldFromZeroMs),
    recordsPerSec: Math.round((r.live.appended / recordMs) * 1000),
    eventsPerSec: Math.round((events / recordMs) * 1000),
    engineOnlyRecordsPerSec: Math.round((bareRecords / bareMs) * 1000),
  };
}

/** Sorted wall times of `n` seeks to pseudo-random indices (a fixed LCG: same indices every run). */
function seekTimes(r: ReturnType<Timeline['start']>, n: number): number[] {
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let k = 0; k < 20; k++) r.stateAt(Math.floor(next() * r.length)); // warm-up
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = Math.floor(next() * (r.length + 1));
    const t0 = performance.now();
    r.stateAt(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/**
 * The bench for `events` logged events, run in a child `node --expose-gc` (heap figures need
 * gc). Returns null when the machine lacks the memory (≈ 200 B per event, doubled for safety).
 */
export function benchTimeline(events: number): TimelineBench | null {
  const needMb = Math.ceil((events * 400) / 2 ** 20) + 512;
  if (freemem() / 2 ** 20 < needMb) return null;
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      `--max-old-space-size=${Math.max(4096, needMb)}`,
      '--import',
      'tsx',
      self,
      '--child',
      String(events),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) throw new Error(`timeline bench failed: ${child.stderr || child.stdout}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as TimelineBench;
}

export function formatTimelineBench(b: TimelineBench): string[] {
  return [
    `timeline: ${b.events.toLocaleString('en')} events (${b.records.toLocaleString('en')} records, ${b.simMs / 1000} s of "${b.scenario}"), K = ${b.blockEvents}, ${b.snapshots} snapshots`,
    `  heap ${b.bytesPerEvent} B/event (engine records ${b.engineOnlyBytesPerEvent} + timeline ${b.timelineBytesPerEvent})`,
    `  seek stateAt p50 ${b.seekP50Ms} ms, p99 ${b.seekP99Ms} ms, max ${b.seekMaxMs} ms (${b.seeks} random); fold from zero ${b.foldFromZeroMs} ms`,
    `  recording ${b.recordsPerSec.toLocaleString('en')} records/s (${b.eventsPerSec.toLocaleString('en')} events/s); engine alone ${b.engineOnlyRecordsPerSec.toLocaleString('en')} records/s`,
  ];
}

function main(): void {
  const argv = process.argv;
  if (argv.includes('--child')) {
    console.log(JSON.stringify(measureTimeline(Number(argv[argv.indexOf('--child') + 1]))));
    return;
  }
  const events = argv.includes('--events') ? Number(argv[argv.indexOf('--events') + 1]) : 1_000_000;
  const b = benchTimeline(events);
  if (!b) throw new Error(`not enough free memory for ${events} events`);
  if (argv.includes('--json')) console.log(JSON.stringify(b));
  else for (const line of formatTimelineBench(b)) console.log(line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
