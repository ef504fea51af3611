/**
 * The worker's answers to timeline requests (protocol.ts TimelineRequest): views at any event
 * index, partition records by page, counters, forks, comparisons, recipes, and long jobs
 * (recording a run ahead) that run in slices of ~JOB_SLICE_MS of wall time, report progress
 * after each, and can be cancelled between slices. Failures answer the request
 * (`requestFailed`) and never stop the player.
 */
import type { TimelineRun } from '../timeline';
import { recipeOf } from '../timeline';
import { lineage, spaceTime } from '../insight';
import {
  assertNever,
  MAX_RECORDS,
  type RecordView,
  type RunCounters,
  type TimelineRequest,
} from './protocol';
import type { RunnerHost } from './simRunner';
import type { SimSession } from './simSession';
import { buildView } from './view';

/** Wall time per job slice: long enough to be efficient, short enough to stay responsive. */
export const JOB_SLICE_MS = 40;
/** Sim time of a job's first slice; later slices adapt to JOB_SLICE_MS. */
const FIRST_SLICE_US = 20_000;
/** How far before a space-time window its events are read (a fetch drawn as it is processed). */
const SPACE_TIME_LEAD_US = 3_000_000;

interface Job {
  id: number;
  run: TimelineRun;
  untilUs: number;
  sliceUs: number;
  timer: unknown;
}

export interface RequestContext {
  session(): SimSession | null;
  /** A job recorded the root run ahead: the player's clock and frame follow. */
  rootAdvanced(): void;
  /** A job on the root run takes over from the player. */
  pausePlayer(): void;
  /** A job recorded a run further (any run): its anomalies are due. */
  runAdvanced(run: TimelineRun): void;
}

export class TimelineRequests {
  private readonly jobs = new Map<number, Job>();

  constructor(
    private readonly host: RunnerHost,
    private readonly ctx: RequestContext,
  ) {}

  handle(msg: TimelineRequest): void {
    try {
      this.dispatch(msg);
    } catch (e) {
      this.host.post({ type: 'requestFailed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Stops every job (a new scenario or a reset replaces the timeline). */
  cancelAll(): void {
    for (const id of [...this.jobs.keys()]) this.cancel(id);
  }

  private dispatch(msg: TimelineRequest): void {
    switch (msg.type) {
      case 'stateAt': {
        const run = this.run(msg.run);
        const state = run.stateAt(msg.index);
        this.host.post({
          type: 'state',
          id: msg.id,
          run: run.id,
          index: msg.index,
          timeUs: run.timeAtIndexUs(msg.index),
          view: buildView(state, msg.index),
          counters: counters(run),
        });
        return;
      }
      case 'viewAt': {
        const run = this.run(msg.run);
        if (!Number.isFinite(msg.timeUs)) throw new Error(`viewAt: timeUs must be a finite number, got ${msg.timeUs}`);
        const timeUs = Math.max(0, Math.round(msg.timeUs));
        const index = run.indexAtTimeUs(timeUs);
        const view = buildView(run.stateAt(index), index);
        this.host.post({ type: 'state', id: msg.id, run: run.id, index, timeUs, view, counters: counters(run) });
        return;
      }
      case 'lineage': {
        const run = this.run(msg.run);
        const events = run.events(run.base, run.length);
        this.host.post({ type: 'lineage', id: msg.id, run: run.id, lineage: lineage(run.model, events, msg.eventId) });
        return;
      }
      case 'spaceTime': {
        const run = this.run(msg.run);
        if (!Number.isFinite(msg.fromUs) || !Number.isFinite(msg.toUs) || msg.toUs <= msg.fromUs)
          throw new Error(`spaceTime: the window must be a finite range, got ${msg.fromUs}…${msg.toUs}`);
        const width = Math.max(100, Math.min(4000, Math.round(msg.width)));
        // Fetches up to a few seconds before the window still draw their processing arrows.
        const from = run.indexAtTimeUs(Math.max(0, msg.fromUs - SPACE_TIME_LEAD_US));
        const to = run.indexAtTimeUs(msg.toUs);
        const events = run.events(Math.max(from, run.base), to);
        const st = spaceTime(run.model, events, { fromUs: msg.fromUs, toUs: msg.toUs, width, laneHeight: 18, maxArrows: 1500 });
        this.host.post({ type: 'spaceTime', id: msg.id, run: run.id, fromUs: msg.fromUs, toUs: msg.toUs, spaceTime: st });
        return;
      }
      case 'indexAtTime': {
        const run = this.run(msg.run);
        const index = run.indexAtTimeUs(Math.round(msg.timeMs * 1000));
        this.host.post({ type: 'index', id: msg.id, run: run.id, index, timeUs: run.timeAtIndexUs(index) });
        return;
      }
      case 'records':
        this.records(msg);
        return;
      case 'counters':
        this.host.post({ type: 'counters', id: msg.id, counters: counters(this.run(msg.run)) });
        return;
      case 'runTo': {
        const run = this.run(msg.run);
        const endUs = msg.untilMs === undefined ? this.session().endUs : Math.round(msg.untilMs * 1000);
        if (!Number.isFinite(endUs)) throw new Error(`untilMs must be a finite number, got ${msg.untilMs}`);
        this.startJob(msg.id, run, endUs);
        return;
      }
      case 'cancel':
        if (!this.jobs.has(msg.target)) throw new Error(`no job ${msg.target} is running`);
        this.cancel(msg.target);
        return;
      case 'fork': {
        const parent = this.run(msg.run);
        const index = msg.before ? boundaryBefore(parent, msg.index) : msg.index;
        const fork = this.session().timeline.fork(parent.id, index, msg.change);
        this.host.post({
          type: 'forked',
          id: msg.id,
          run: fork.id,
          parent: parent.id,
          index: fork.length,
          timeUs: fork.length === 0 ? 0 : fork.live.timeUs,
        });
        this.startJob(msg.id, fork, parent.untilUs);
        return;
      }
      case 'compare': {
        const comparison = this.session().timeline.compare(msg.a, msg.b);
        const at = comparison.firstDivergence;
        const b = this.run(msg.b);
        const divergenceTimeUs = at === null ? null : b.timeAtIndexUs(Math.min(at + 1, b.length));
        this.host.post({ type: 'comparison', id: msg.id, comparison, divergenceTimeUs });
        return;
      }
      case 'share':
        this.host.post({ type: 'recipe', id: msg.id, recipe: recipeOf(this.run(msg.run)) });
        return;
      default:
        assertNever(msg);
    }
  }

  private session(): SimSession {
    const s = this.ctx.session();
    if (!s) throw new Error('no scenario is loaded');
    return s;
  }

  private run(id = 0): TimelineRun {
    return this.session().timeline.run(id);
  }

  private records(msg: Extract<TimelineRequest, { type: 'records' }>): void {
    const run = this.run(msg.run);
    const model = run.model;
    const t = model.topics[model.topicIndex.get(msg.topic) ?? -1];
    if (!t) throw new Error(`records: no topic named "${msg.topic}"`);
    if (!Number.isInteger(msg.partition) || msg.partition < 0 || msg.partition >= t.partitions)
      throw new Error(`records: ${msg.topic} has partitions 0…${t.partitions - 1}, not ${msg.partition}`);
    if (!Number.isInteger(msg.from) || msg.from < 0) throw new Error(`records: from must be an offset ≥ 0, got ${msg.from}`);
    const gp = t.firstGp + msg.partition;
    const leo = run.live.leo[gp]!;
    const to = Math.min(leo, msg.from + Math.max(0, Math.min(MAX_RECORDS, Math.floor(msg.limit))));
    const log = run.live.logs[gp]!;
    // Records below the log's start were released with trimmed history: the page starts there.
    const start = run.live.logStart[gp]!;
    const from = Math.max(msg.from, start);
    const records: RecordView[] = [];
    for (let offset = from; offset < to; offset++) {
      const r = log[offset - start]!;
      records.push({ offset, timeUs: r.timeUs, producer: r.producer, key: r.key, eventId: r.eventId, eventType: r.eventType });
    }
    this.host.post({
      type: 'records',
      id: msg.id,
      run: run.id,
      topic: msg.topic,
      partition: msg.partition,
      from,
      records,
      logEndOffset: leo,
    });
  }

  private startJob(id: number, run: TimelineRun, untilUs: number): void {
    if (this.jobs.has(id)) throw new Error(`request id ${id} is already running a job`);
    if (run.id === 0) this.ctx.pausePlayer();
    const job: Job = { id, run, untilUs, sliceUs: FIRST_SLICE_US, timer: null };
    this.jobs.set(id, job);
    job.timer = this.host.setTimer(() => this.step(job), 0);
  }

  /** One slice of a job: record, report, adapt the slice to the wall time it took, go on. */
  private step(job: Job): void {
    job.timer = null;
    if (this.jobs.get(job.id) !== job) return;
    try {
      const t0 = this.host.now();
      job.run.record(Math.min(job.untilUs, Math.max(job.run.untilUs, 0) + job.sliceUs));
      const ms = this.host.now() - t0;
      const scale = ms > 0 ? JOB_SLICE_MS / ms : 4;
      job.sliceUs = Math.max(1000, Math.round(job.sliceUs * Math.min(4, Math.max(0.25, scale))));
      if (job.run.id === 0) this.ctx.rootAdvanced();
      else this.ctx.runAdvanced(job.run);
      const done = job.run.untilUs >= job.untilUs;
      if (done) return this.finish(job, false);
      this.host.post({
        type: 'progress',
        id: job.id,
        run: job.run.id,
        events: job.run.length,
        timeUs: job.run.untilUs,
        endUs: job.untilUs,
      });
      job.timer = this.host.setTimer(() => this.step(job), 0);
    } catch (e) {
      this.jobs.delete(job.id);
      this.host.post({ type: 'requestFailed', id: job.id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private cancel(id: number): void {
    const job = this.jobs.get(id);
    if (!job) return;
    if (job.timer !== null) this.host.clearTimer(job.timer);
    this.finish(job, true);
  }

  private finish(job: Job, cancelled: boolean): void {
    this.jobs.delete(job.id);
    this.host.post({ type: 'done', id: job.id, run: job.run.id, cancelled, counters: counters(job.run) });
  }
}

/** The last step boundary before event `index`'s instant (0 when it is at the first instant). */
export function boundaryBefore(run: TimelineRun, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= run.length)
    throw new Error(`fork: event ${index} is outside the run (0…${run.length - 1})`);
  const timeUs = run.timeAtIndexUs(index + 1);
  return timeUs <= 0 ? 0 : run.indexAtTimeUs(timeUs - 1);
}

function counters(run: TimelineRun): RunCounters {
  return {
    run: run.id,
    parent: run.parent?.id ?? null,
    events: run.length,
    timeUs: Math.max(0, run.untilUs),
    trimmedBefore: run.base,
    historyTrimmed: run.trimmed,
    bytes: run.bytes,
  };
}
