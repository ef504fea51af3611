/**
 * The cursor: scrubbing (the canvas follows through `viewAt` / `stateAt` views from the worker,
 * one request in flight and only the newest wanted position sent next), stepping (one event,
 * one sim ms, the next anomaly), and replaying recorded history at the chosen speed until the
 * live head, where the worker's player takes over again.
 */
import { msg } from '../i18n';
import type { TimelineReply } from '../worker/protocol';
import { useAppStore, type AppState } from './store';
import { ask, postToWorker } from './workerPort';

type Target = { run: number; timeUs: number } | { run: number; index: number };

let inFlight = false;
let wanted: Target | null = null;
let replayTimer: ReturnType<typeof setTimeout> | null = null;
let replayWallMs = 0;
/** Bumped when the cursor returns to the live head: seek replies from before are stale. */
let epoch = 0;

/** Sim time the shown run has recorded to. */
export function runEndUs(s: AppState = useAppStore.getState()): number {
  if (s.activeRun === 0) return s.timeUs;
  return s.runs.find((r) => r.id === s.activeRun)?.timeUs ?? 0;
}

function runEvents(s: AppState): number {
  if (s.activeRun === 0) return s.headEvents;
  return s.runs.find((r) => r.id === s.activeRun)?.events ?? 0;
}

/** The cursor as a position, even when it follows the live head. */
export function cursorOf(s: AppState = useAppStore.getState()): { index: number; timeUs: number } {
  return s.cursor ?? { index: runEvents(s), timeUs: runEndUs(s) };
}

/** Pauses the live player if it runs: the cursor leaves the head. */
function leaveHead(): void {
  const s = useAppStore.getState();
  if (s.status === 'playing') postToWorker({ type: 'pause' });
}

/** Moves the cursor to sim time `timeUs` of the shown run (clamped to what is recorded). */
export function seekTime(timeUs: number, opts: { keepReplay?: boolean } = {}): void {
  if (!opts.keepReplay) stopReplay();
  leaveHead();
  const s = useAppStore.getState();
  const t = Math.max(0, Math.min(Math.round(timeUs), runEndUs(s)));
  request({ run: s.activeRun, timeUs: t });
}

/** Moves the cursor to just after event `index` of the shown run. */
export function seekIndex(index: number): void {
  stopReplay();
  leaveHead();
  const s = useAppStore.getState();
  request({ run: s.activeRun, index: Math.max(0, Math.min(Math.round(index), runEvents(s))) });
}

function request(target: Target): void {
  wanted = target;
  if (!inFlight) sendWanted();
}

function sendWanted(): void {
  const t = wanted;
  wanted = null;
  if (!t) return;
  inFlight = true;
  const sentEpoch = epoch;
  const onReply = (r: TimelineReply) => {
    inFlight = false;
    if (sentEpoch !== epoch) return sendWanted();
    if (r.type === 'state' && r.run === useAppStore.getState().activeRun) {
      useAppStore.setState({ cursor: { index: r.index, timeUs: r.timeUs }, view: r.view, rates: {}, ...clearedBefore(r.index) });
    } else if (r.type === 'requestFailed') {
      useAppStore.setState({ simError: msg('toolbar.sim.momentFailed', { error: r.message }) });
    }
    sendWanted();
  };
  if ('timeUs' in t) ask({ type: 'viewAt', run: t.run, timeUs: t.timeUs }, onReply);
  else ask({ type: 'stateAt', run: t.run, index: t.index }, onReply);
}

/** Back to the live head of the original run (frames drive the canvas again). */
export function goLive(): void {
  stopReplay();
  const s = useAppStore.getState();
  if (s.activeRun !== 0) return seekTime(runEndUs(s));
  epoch++;
  wanted = null;
  useAppStore.setState({ cursor: null, activeRun: 0 });
  if (s.status !== 'playing') postToWorker({ type: 'pause' });
}

export function stepEvents(n: number): void {
  const s = useAppStore.getState();
  const c = cursorOf(s);
  const atHead = s.activeRun === 0 && c.index >= s.headEvents;
  if (n > 0 && atHead && s.status !== 'ended') {
    useAppStore.setState({ cursor: null });
    postToWorker({ type: 'advance', unit: 'event' });
    return;
  }
  seekIndex(c.index + n);
}

export function stepTime(deltaUs: number): void {
  const s = useAppStore.getState();
  const c = cursorOf(s);
  const atHead = s.activeRun === 0 && c.timeUs + deltaUs > s.timeUs;
  if (deltaUs > 0 && atHead && s.status !== 'ended') {
    stopReplay();
    useAppStore.setState({ cursor: null });
    postToWorker({ type: 'advance', unit: 'ms' });
    return;
  }
  seekTime(c.timeUs + deltaUs);
}

export function seekStart(): void {
  seekIndex(0);
}

export function seekEnd(): void {
  goLive();
}

/**
 * Play pressed with the cursor in recorded history: replay it. Returns false when the cursor
 * is at the live head (the worker's player should play instead).
 */
export function togglePlayAtCursor(): boolean {
  const s = useAppStore.getState();
  if (s.cursor === null) return false;
  if (s.activeRun === 0 && s.cursor.timeUs >= s.timeUs && s.status !== 'ended') {
    useAppStore.setState({ cursor: null });
    return false;
  }
  // A seek still on its way (Home, then Space) decides where the replay starts: the tick waits.
  if (!seekPending() && s.cursor.timeUs >= runEndUs(s)) return true;
  useAppStore.setState({ replaying: true });
  replayWallMs = performance.now();
  replayTimer = setTimeout(replayTick, 33);
  return true;
}

/** Views a replay at speed 'max' takes from the start of a run to its end. */
const REPLAY_MAX_TICKS = 120;

/** A cursor move was asked for and its view has not arrived yet. */
function seekPending(): boolean {
  return inFlight || wanted !== null;
}

function replayTick(): void {
  replayTimer = null;
  const s = useAppStore.getState();
  if (!s.replaying) return;
  if (seekPending()) {
    // Paced by the worker: the next step starts from the view it sends back.
    replayTimer = setTimeout(replayTick, 8);
    return;
  }
  const now = performance.now();
  const wallMs = Math.min(100, now - replayWallMs);
  replayWallMs = now;
  const c = cursorOf(s);
  const end = runEndUs(s);
  // 'max' in recorded history: the whole run in ~REPLAY_MAX_TICKS views (a few seconds), so
  // it can still be watched; a number is sim seconds per wall second, as live.
  const stepUs = s.speed === 'max' ? end / REPLAY_MAX_TICKS : wallMs * 1000 * s.speed;
  const next = Math.min(end, c.timeUs + Math.max(1, Math.round(stepUs)));
  seekTime(next, { keepReplay: true });
  if (next >= end) {
    useAppStore.setState({ replaying: false });
    // The original run continues live from its head once the replay reaches it.
    if (s.activeRun === 0 && s.status !== 'ended') {
      useAppStore.setState({ cursor: null });
      postToWorker({ type: 'play', speed: s.speed });
    }
    return;
  }
  replayTimer = setTimeout(replayTick, 33);
}

export function stopReplay(): void {
  if (replayTimer !== null) clearTimeout(replayTimer);
  replayTimer = null;
  if (useAppStore.getState().replaying) useAppStore.setState({ replaying: false });
}

/** The next (dir 1) or previous (dir −1) anomaly of the shown run from the cursor; selects it. */
export function stepAnomaly(dir: 1 | -1): boolean {
  const s = useAppStore.getState();
  const list = s.insight[s.activeRun]?.anomalies ?? [];
  const at = cursorOf(s).index;
  const a = dir > 0 ? list.find((x) => x.index + 1 > at) : [...list].reverse().find((x) => x.index + 1 < at);
  if (!a) return false;
  selectAnomalyById(a.id);
  return true;
}

/** Selects an anomaly: the cursor jumps just after it and the canvas highlights its record. */
export function selectAnomalyById(id: string): void {
  const s = useAppStore.getState();
  const a = s.insight[s.activeRun]?.anomalies.find((x) => x.id === id);
  if (!a) return;
  useAppStore.setState({
    selectedAnomaly: a.id,
    highlight: { topic: a.topic, partition: a.partition, offset: a.offset, group: a.group, member: a.member },
  });
  seekIndex(a.index + 1);
}

/**
 * The selected anomaly has not happened yet at event `index` (the cursor moved before it): its
 * highlight would point at a record the canvas does not show, so it clears.
 */
function clearedBefore(index: number): { selectedAnomaly?: null; highlight?: null } {
  const s = useAppStore.getState();
  if (s.selectedAnomaly === null) return {};
  const a = s.insight[s.activeRun]?.anomalies.find((x) => x.id === s.selectedAnomaly);
  return a && index > a.index ? {} : { selectedAnomaly: null, highlight: null };
}

export function clearHighlight(): void {
  useAppStore.setState({ selectedAnomaly: null, highlight: null });
}
