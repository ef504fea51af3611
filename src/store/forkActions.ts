/**
 * Forking the past: inject a fault "now" (at the cursor) or change a group's settings from the
 * cursor on. The worker forks the shown run at the cursor and records the fork to the end; the
 * previous future stays as the other run (a run switcher picks which one the canvas shows), and
 * the two are compared once both are recorded.
 */
import type { ForkChange } from '../timeline';
import { faultAtCursor, type FaultNow } from './liveFaults';
import type { TimelineReply } from '../worker/protocol';
import { useAppStore } from './store';
import { cursorOf, seekTime, stopReplay } from './timelineActions';
import type { RunInfo } from './timelineSlice';
import { ask, postToWorker } from './workerPort';

const runName = (id: number) =>
  String.fromCharCode(65 + (id % 26)) + (id >= 26 ? Math.floor(id / 26) : '');

function patchRun(id: number, patch: Partial<RunInfo>): void {
  const s = useAppStore.getState();
  useAppStore.setState({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
}

/** Records the original run to the scenario's end (the future a fork is compared with). */
export function finishRoot(then?: (ok: boolean, message?: string) => void): void {
  const s = useAppStore.getState();
  if (s.status === 'ended' || s.runs[0]?.busy) return then?.(true);
  patchRun(0, { busy: true });
  ask({ type: 'runTo', run: 0 }, (r) => {
    if (r.type === 'done' || r.type === 'requestFailed') {
      patchRun(0, { busy: false, events: r.type === 'done' ? r.counters.events : 0 });
      compareWhenReady();
      then?.(r.type === 'done', r.type === 'requestFailed' ? r.message : undefined);
    }
  });
}

/** A fault at the cursor, e.g. `{ kind: 'crash', group, member }`: the fault happens 1 ms later. */
export function injectFault(fault: FaultNow, label: string): void {
  const spec = faultAtCursor(fault, cursorOf().timeUs);
  forkAtCursor({ kind: 'addFault', fault: spec }, `${label} at ${(spec.atMs / 1000).toFixed(3)} s`);
}

export function forkAtCursor(change: ForkChange, label: string): void {
  stopReplay();
  const s = useAppStore.getState();
  if (s.status === 'playing') postToWorker({ type: 'pause' });
  const c = cursorOf(s);
  finishRoot();
  forkRun(s.activeRun, c, change, label);
}

/**
 * Forks `parent` at `c.index` with `change` and records the fork to the scenario's end; `then`
 * hears when it is recorded (the share link chains forks this way).
 */
export function forkRun(
  parent: number,
  c: { index: number; timeUs: number },
  change: ForkChange,
  label: string,
  then?: (run: number | null, message?: string) => void,
): void {
  let forkId = -1;
  ask({ type: 'fork', run: parent, index: c.index, change }, (r: TimelineReply) => {
    if (r.type === 'forked') {
      forkId = r.run;
      const info: RunInfo = {
        id: r.run,
        parent,
        name: runName(r.run),
        label,
        change,
        forkIndex: r.index,
        forkTimeUs: c.timeUs,
        events: r.index,
        timeUs: c.timeUs,
        busy: true,
      };
      const st = useAppStore.getState();
      useAppStore.setState({
        runs: [...st.runs, info],
        activeRun: r.run,
        cursor: { index: r.index, timeUs: c.timeUs },
        selectedAnomaly: null,
        highlight: null,
        notice: {
          tone: 'info',
          title: `Forked run ${info.name}: ${label}`,
          lines: [
            `Run ${runName(parent)} is kept as it was. Press Play to watch run ${info.name} unfold, or switch runs above the timeline.`,
          ],
        },
      });
      return false;
    }
    if (r.type === 'progress') {
      patchRun(r.run, { events: r.events, timeUs: r.timeUs });
      return false;
    }
    if (r.type === 'done') {
      patchRun(r.run, { events: r.counters.events, timeUs: r.counters.timeUs });
      recordToEnd(forkId, then);
      return true;
    }
    if (r.type === 'requestFailed') {
      useAppStore.setState({
        notice: { tone: 'error', title: 'Could not fork the run', lines: [r.message] },
      });
      then?.(null, r.message);
      return true;
    }
    return false;
  });
}

function recordToEnd(run: number, then?: (run: number | null, message?: string) => void): void {
  ask({ type: 'runTo', run }, (r) => {
    if (r.type === 'progress') patchRun(run, { events: r.events, timeUs: r.timeUs });
    else if (r.type === 'done') {
      patchRun(run, { events: r.counters.events, timeUs: r.counters.timeUs, busy: false });
      compareWhenReady();
      then?.(run);
    } else if (r.type === 'requestFailed') {
      patchRun(run, { busy: false });
      then?.(null, r.message);
    }
  });
}

/** Compares the shown fork with its parent once neither is still being recorded. */
function compareWhenReady(): void {
  const s = useAppStore.getState();
  const b = s.runs.find((r) => r.id === s.activeRun);
  if (!b || b.parent === null || s.runs.some((r) => r.busy)) return;
  compareRuns(b.parent, b.id);
}

export function compareRuns(a: number, b: number): void {
  ask({ type: 'compare', a, b }, (r) => {
    if (r.type === 'comparison')
      useAppStore.setState({
        comparison: { a, b, comparison: r.comparison, divergenceTimeUs: r.divergenceTimeUs },
      });
    else if (r.type === 'requestFailed')
      useAppStore.setState({
        notice: { tone: 'error', title: 'Could not compare the runs', lines: [r.message] },
      });
  });
}

/** Shows another run at the same sim time. */
export function switchRun(id: number): void {
  const s = useAppStore.getState();
  if (id === s.activeRun || !s.runs.some((r) => r.id === id)) return;
  const t = cursorOf(s).timeUs;
  stopReplay();
  useAppStore.setState({
    activeRun: id,
    selectedAnomaly: null,
    highlight: null,
    cursor: cursorOf(s),
  });
  seekTime(t);
  const r = s.runs.find((x) => x.id === id);
  if (r && r.parent !== null && !r.busy) compareRuns(r.parent, r.id);
}
