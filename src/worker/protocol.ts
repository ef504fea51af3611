/**
 * The typed message protocol between the UI thread and the simulation worker. Both directions
 * are discriminated unions of plain, structured-clone-safe objects; every switch over them ends
 * in `assertNever` so a new message type cannot be forgotten.
 */
import type { Scenario } from '../engine';
import type { ForkChange, RunComparison, RunRecipe } from '../timeline';
import type { Anomaly, Lineage, SpaceTime } from '../insight';
import type { TimelineMark } from './insightStream';
import type { SimView } from './view';

/** UI → worker: playback of the root run, and timeline requests (see TimelineRequest). */
export type MainToWorker =
  | { type: 'load'; scenario: Scenario }
  /** `speed`: sim seconds per wall second, or 'max' (as fast as the engine goes, in slices). */
  | { type: 'play'; speed: number | 'max' }
  /** Records the root run a little further while paused: one step of events, or one sim ms. */
  | { type: 'advance'; unit: 'event' | 'ms' }
  | { type: 'pause' }
  | { type: 'reset' }
  /** Liveness: the worker answers `pong` at once (a worker that does not is dead or hung). */
  | { type: 'ping'; id: number }
  /**
   * Test hook (e2e): 'exit' closes the worker from inside, silently, as a crash would; 'throw'
   * makes its step loop throw, which it reports as a fatal error.
   */
  | { type: 'selfTest'; fault: 'exit' | 'throw' }
  | TimelineRequest;

/**
 * Questions about the recorded runs, answered at any event index. Each carries a request id the
 * reply echoes. `run` defaults to 0, the root run the player advances; forks get new ids.
 */
export type TimelineRequest =
  /** The view of the state after `index` events. */
  | { type: 'stateAt'; id: number; run?: number; index: number }
  /** The view at sim time `timeUs` (every event at or before it applied): the scrubber. */
  | { type: 'viewAt'; id: number; run?: number; timeUs: number }
  /** One record's journey and what it caused (src/insight lineage), by event id. */
  | { type: 'lineage'; id: number; run?: number; eventId: number }
  /** The space-time diagram's layout for [fromUs, toUs], `width` pixels across. */
  | { type: 'spaceTime'; id: number; run?: number; fromUs: number; toUs: number; width: number }
  /** Event index ↔ sim time: the number of events at or before `timeMs`. */
  | { type: 'indexAtTime'; id: number; run?: number; timeMs: number }
  /** Records [from, from + limit) of one partition (limit ≤ MAX_RECORDS). */
  | {
      type: 'records';
      id: number;
      run?: number;
      topic: string;
      partition: number;
      from: number;
      limit: number;
    }
  | { type: 'counters'; id: number; run?: number }
  /** Record the run up to `untilMs` (default: the scenario's end) in slices, with progress. */
  | { type: 'runTo'; id: number; run?: number; untilMs?: number }
  /** Stop the long job started by request `target` (runTo or fork). */
  | { type: 'cancel'; id: number; target: number }
  /**
   * Fork `run` at `index` with `change`, then record the fork to the parent's end (a job). The
   * fork starts at the step boundary at or after `index`; with `before`, at the last boundary
   * before event `index`'s instant (just before that event and everything at its time).
   */
  | { type: 'fork'; id: number; run?: number; index: number; change: ForkChange; before?: boolean }
  | { type: 'compare'; id: number; a: number; b: number }
  /** The run's shareable recipe (scenario + seed + forks + log hash). */
  | { type: 'share'; id: number; run?: number };

/** Where the run stands, as the worker sees it (the worker is the authority). */
export type RunStatus = 'idle' | 'playing' | 'paused' | 'ended';

/**
 * Worker → UI. Frames are batched summaries (at most ~30 per second of wall time), never the
 * event log: the log stays in the worker.
 */
export type WorkerToMain =
  /** `trimmedBeforeUs`: history before this sim time was folded away to bound memory (null: none). */
  | {
      type: 'frame';
      timeUs: number;
      endUs: number;
      status: RunStatus;
      view: SimView;
      trimmedBeforeUs: number | null;
    }
  /** `fatal`: the step loop crashed; the run cannot go on (the UI starts a fresh worker). */
  | { type: 'error'; message: string; fatal?: boolean }
  | { type: 'pong'; id: number }
  /** What a run's newest events revealed: anomalies and timeline marks, one batch per advance. */
  | { type: 'insight'; run: number; anomalies: Anomaly[]; marks: TimelineMark[]; total: number };

/** What the timeline holds for one run (the UI shows `trimmedBefore` as "history trimmed"). */
export interface RunCounters {
  run: number;
  parent: number | null;
  /** Events logged. */
  events: number;
  /** Sim time recorded to. */
  timeUs: number;
  /** The earliest index still held: history before it was folded into the base. */
  trimmedBefore: number;
  historyTrimmed: boolean;
  /** Bytes the timeline holds for this run (encoded log + snapshots). */
  bytes: number;
}

/** A record of a partition log, as the UI lists it. */
export interface RecordView {
  offset: number;
  timeUs: number;
  producer: string;
  key: string | null;
  eventId: number;
  eventType: string;
}

/** Worker → UI replies to TimelineRequest; each echoes its request's id. */
export type TimelineReply =
  | {
      type: 'state';
      id: number;
      run: number;
      index: number;
      timeUs: number;
      view: SimView;
      counters: RunCounters;
    }
  | { type: 'index'; id: number; run: number; index: number; timeUs: number }
  | {
      type: 'records';
      id: number;
      run: number;
      topic: string;
      partition: number;
      from: number;
      records: RecordView[];
      logEndOffset: number;
    }
  | { type: 'counters'; id: number; counters: RunCounters }
  | { type: 'progress'; id: number; run: number; events: number; timeUs: number; endUs: number }
  | { type: 'done'; id: number; run: number; cancelled: boolean; counters: RunCounters }
  /** `index`/`timeUs`: where the fork starts (0 when the change needs a run from the start). */
  | { type: 'forked'; id: number; run: number; parent: number; index: number; timeUs: number }
  | { type: 'comparison'; id: number; comparison: RunComparison; divergenceTimeUs: number | null }
  | { type: 'lineage'; id: number; run: number; lineage: Lineage | null }
  | {
      type: 'spaceTime';
      id: number;
      run: number;
      fromUs: number;
      toUs: number;
      spaceTime: SpaceTime;
    }
  | { type: 'recipe'; id: number; recipe: RunRecipe }
  | { type: 'requestFailed'; id: number; message: string };

/** Everything the worker posts. The UI's handler must accept TimelineReply once it asks. */
export type WorkerMessage = WorkerToMain | TimelineReply;

/** Frames per second the worker sends while playing, at most. */
export const MAX_FRAMES_PER_SEC = 30;

/** Records per `records` reply, at most: the UI pages through a partition. */
export const MAX_RECORDS = 1000;

export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
