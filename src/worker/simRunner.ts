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
import { SimSession } from './simSession';
import { TimelineRequests } from './timelineRequests';

export interface RunnerHost {
  post(msg: WorkerMessage): void;
  /** Wall-clock milliseconds (performance.now in the worker). */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const FRAME_MS = 1000 / MAX_FRAMES_PER_SEC;
/** A slow tick (a busy engine, a throttled tab) drops time instead of piling up a backlog. */
const MAX_CATCH_UP_MS = 100;

export class SimRunner {
  private session: SimSession | null = null;
  private status: RunStatus = 'idle';
  private speed = 1;
  private lastWallMs = 0;
  private timer: unknown = null;
  private readonly requests: TimelineRequests;

  constructor(private readonly host: RunnerHost) {
    this.requests = new TimelineRequests(host, {
      session: () => this.session,
      rootAdvanced: () => {
        this.session?.syncClock();
        if (this.session?.ended) this.status = 'ended';
        this.sendFrame();
      },
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
      case 'load':
        this.stop('idle');
        this.requests.cancelAll();
        this.session = new SimSession(msg.scenario);
        this.sendFrame();
        return;
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
        if (this.session) this.session = new SimSession(this.session.scenario);
        this.sendFrame();
        return;
      case 'stateAt':
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

  private play(speed: number): void {
    if (!this.session) throw new Error('play before any scenario was loaded');
    if (!(speed > 0) || !Number.isFinite(speed))
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
      const now = this.host.now();
      const wallMs = Math.min(Math.max(0, now - this.lastWallMs), MAX_CATCH_UP_MS);
      this.lastWallMs = now;
      session.advanceTo(session.timeUs + Math.round(wallMs * 1000 * this.speed));
      if (session.ended) this.status = 'ended';
      this.sendFrame();
      if (this.status === 'playing') this.schedule();
    } catch (e) {
      this.fail(e);
    }
  }

  private stop(next: RunStatus): void {
    if (this.timer !== null) this.host.clearTimer(this.timer);
    this.timer = null;
    this.status = next;
  }

  private sendFrame(): void {
    const s = this.session;
    if (!s) return;
    this.host.post({
      type: 'frame',
      timeUs: s.timeUs,
      endUs: s.endUs,
      status: this.status,
      view: s.view(),
    });
  }

  private fail(e: unknown): void {
    this.stop(this.session ? 'paused' : 'idle');
    this.host.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
