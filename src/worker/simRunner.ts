import { BROWSER_LIMITS, costProblems, estimateCost } from '../engine';
import type { RunPolicy } from '../timeline';
/**
 * The worker's brain, free of worker globals so it runs in Node tests: handles UI messages,
 * paces sim time against wall time, and posts at most MAX_FRAMES_PER_SEC frames a second.
 */
import {
  assertNever,
  MAX_FRAMES_PER_SEC,
  type MainToWorker,
  type RunStatus,
  type WorkerMessage,
} from './protocol';
import { RunInsight } from './insightStream';
import { SimSession } from './simSession';
import { TimelineRequests } from './timelineRequests';

export interface RunnerHost {
  post(msg: WorkerMessage): void;
  /** Wall-clock milliseconds (performance.now in the worker). */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Ends the worker (self.close); absent in Node tests. */
  exit?(): void;
}

const FRAME_MS = 1000 / MAX_FRAMES_PER_SEC;
/** A slow tick (a busy engine, a throttled tab) drops time instead of piling up a backlog. */
const MAX_CATCH_UP_MS = 100;
/** Wall time a tick may spend simulating at speed 'max' (the rest of the frame posts and waits). */
const MAX_SLICE_MS = 25;

export class SimRunner {
  private session: SimSession | null = null;
  private status: RunStatus = 'idle';
  private speed: number | 'max' = 1;
  /** Sim µs per tick at speed 'max', adapted so a tick takes about MAX_SLICE_MS of wall time. */
  private maxSliceUs = 20_000;
  private readonly insights = new Map<number, RunInsight>();
  private lastWallMs = 0;
  private timer: unknown = null;
  private readonly requests: TimelineRequests;
  /** selfTest 'throw': the next step of the player throws (a crash inside the step loop). */
  private crashNextStep = false;

  constructor(
    private readonly host: RunnerHost,
    /** Timeline settings (tests shrink the memory bound to exercise trimming). */
    private readonly policy: Partial<RunPolicy> = {},
  ) {
    this.requests = new TimelineRequests(host, {
      session: () => this.session,
      rootAdvanced: () => {
        this.session?.syncClock();
        if (this.session?.ended) this.status = 'ended';
        this.sendFrame();
      },
      runAdvanced: (run) => this.sendInsight(run),
      pausePlayer: () => {
        if (this.status === 'playing') this.stop('paused');
      },
    });
  }

  handle(msg: MainToWorker): void {
    try {
      this.dispatch(msg);
    } catch (e) {
      this.fail(e);
    }
  }

  private dispatch(msg: MainToWorker): void {
    switch (msg.type) {
      case 'load': {
        this.stop('idle');
        this.requests.cancelAll();
        this.session = null;
        this.insights.clear();
        // Checked here too: a shared link or a scripted load bypasses the store's check.
        const heavy = costProblems(estimateCost(msg.scenario), BROWSER_LIMITS, 'in the browser');
        if (heavy.length > 0)
          throw new Error(
            `this scenario is too large to simulate in the browser. ${heavy.join(' ')}`,
          );
        this.session = new SimSession(msg.scenario, this.policy);
        this.sendFrame();
        return;
      }
      case 'play':
        this.play(msg.speed);
        return;
      case 'pause':
        if (this.status === 'playing') this.stop('paused');
        this.sendFrame();
        return;
      case 'reset':
        this.stop('idle');
        this.requests.cancelAll();
        if (this.session) this.session = new SimSession(this.session.scenario, this.policy);
        this.insights.clear();
        this.sendFrame();
        return;
      case 'advance':
        this.advance(msg.unit);
        return;
      case 'ping':
        this.host.post({ type: 'pong', id: msg.id });
        return;
      case 'selfTest':
        if (msg.fault === 'exit') this.host.exit?.();
        else {
          this.crashNextStep = true;
          if (this.status !== 'playing')
            this.tickCrashed(new Error('self-test crash in the step loop'));
        }
        return;
      case 'stateAt':
      case 'viewAt':
      case 'lineage':
      case 'spaceTime':
      case 'indexAtTime':
      case 'records':
      case 'counters':
      case 'runTo':
      case 'cancel':
      case 'fork':
      case 'compare':
      case 'share':
        this.requests.handle(msg);
        return;
      default:
        assertNever(msg);
    }
  }

  /** One step while paused: the next instant with events (at most ~1 s of sim time ahead), or 1 ms. */
  private advance(unit: 'event' | 'ms'): void {
    const session = this.session;
    if (!session) throw new Error('step before any scenario was loaded');
    if (this.status === 'playing') this.stop('paused');
    try {
      if (this.crashNextStep) throw new Error('self-test crash in the step loop');
      if (unit === 'ms') session.advanceTo(session.timeUs + 1000);
      else
        for (
          let d = 1;
          d <= 1 << 20 && !session.ended && session.advanceTo(session.timeUs + d) === 0;
          d *= 2
        );
    } catch (e) {
      this.tickCrashed(e);
      return;
    }
    this.status = session.ended ? 'ended' : 'paused';
    this.sendFrame();
  }

  private play(speed: number | 'max'): void {
    if (!this.session) throw new Error('play before any scenario was loaded');
    if (speed !== 'max' && (!(speed > 0) || !Number.isFinite(speed)))
      throw new Error(`speed must be a positive number, got ${speed}`);
    this.speed = speed;
    if (this.session.ended || this.status === 'playing') return;
    this.status = 'playing';
    this.lastWallMs = this.host.now();
    this.schedule();
  }

  private schedule(): void {
    this.timer = this.host.setTimer(() => this.tick(), FRAME_MS);
  }

  private tick(): void {
    this.timer = null;
    const session = this.session;
    if (!session || this.status !== 'playing') return;
    try {
      if (this.crashNextStep) throw new Error('self-test crash in the step loop');
      const now = this.host.now();
      const wallMs = Math.min(Math.max(0, now - this.lastWallMs), MAX_CATCH_UP_MS);
      this.lastWallMs = now;
      if (this.speed === 'max') {
        session.advanceTo(session.timeUs + this.maxSliceUs);
        const took = Math.max(0.5, this.host.now() - now);
        this.maxSliceUs = Math.max(
          1000,
          Math.round(this.maxSliceUs * Math.min(4, Math.max(0.25, MAX_SLICE_MS / took))),
        );
      } else session.advanceTo(session.timeUs + Math.round(wallMs * 1000 * this.speed));
      if (session.ended) this.status = 'ended';
      this.sendFrame();
      if (this.status === 'playing') this.schedule();
    } catch (e) {
      this.tickCrashed(e);
    }
  }

  /** The step loop threw: the run's state is suspect, so the UI is told to start afresh. */
  private tickCrashed(e: unknown): void {
    this.crashNextStep = false;
    this.stop(this.session ? 'paused' : 'idle');
    this.host.post({
      type: 'error',
      message: `the simulation crashed: ${e instanceof Error ? e.message : String(e)}`,
      fatal: true,
    });
  }

  private stop(next: RunStatus): void {
    if (this.timer !== null) this.host.clearTimer(this.timer);
    this.timer = null;
    this.status = next;
  }

  /** Posts what the run's newest events revealed, if anything (one batch per advance). */
  private sendInsight(run = this.session?.root): void {
    if (!run) return;
    let insight = this.insights.get(run.id);
    if (!insight || insight.run !== run) {
      insight = new RunInsight(run);
      this.insights.set(run.id, insight);
    }
    const batch = insight.catchUp();
    if (batch) this.host.post({ type: 'insight', run: run.id, ...batch });
  }

  private sendFrame(): void {
    const s = this.session;
    if (!s) return;
    this.sendInsight(s.root);
    this.host.post({
      type: 'frame',
      timeUs: s.timeUs,
      endUs: s.endUs,
      status: this.status,
      view: s.view(),
      trimmedBeforeUs: s.root.trimmed ? s.root.timeAtIndexUs(s.root.base) : null,
    });
  }

  private fail(e: unknown): void {
    this.stop(this.session ? 'paused' : 'idle');
    this.host.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
