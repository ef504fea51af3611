/**
 * Forking the past: inject a fault "now" (at the cursor) or change a group's settings from a
 * chosen point on. The worker forks the shown run there and records the fork to the end; the
 * previous future stays as the other run (a run switcher picks which one the canvas shows), and
 * two runs are compared once both are recorded: the shown fork and its parent, or any two the
 * user picks.
 */
import type { Scenario } from '../engine';
import { msg, type Msg } from '../i18n';
import { formatMs } from '../insight/format';
import { applyChange, type ForkChange } from '../timeline';
import { faultAtCursor, type FaultNow } from './liveFaults';
import type { TimelineReply } from '../worker/protocol';
import { useAppStore } from './store';
import { cursorOf, seekIndex, seekTime, stopReplay } from './timelineActions';
import type { RunInfo } from './timelineSlice';
import { ask, postToWorker } from './workerPort';

const runName = (id: number) =>
  String.fromCharCode(65 + (id % 26)) + (id >= 26 ? Math.floor(id / 26) : '');

/** "B: ledger: idempotent consumer, from 2,400 ms": the run's name, change and fork time (the app's one time format). */
export function runTitle(r: RunInfo): Msg {
  if (r.parent === null) return msg('toolbar.runs.title', { name: r.name, label: r.label });
  return msg('toolbar.runs.titleFrom', {
    name: r.name,
    label: r.label,
    from: formatMs(r.forkTimeUs),
  });
}

/** The scenario run `id` simulates: the design's for the root, the changed one for a fork. */
export function runScenario(id: number, s = useAppStore.getState()): Scenario | null {
  const r = s.runs.find((x) => x.id === id);
  if (r?.scenario) return r.scenario;
  return s.compiled.ok ? s.compiled.scenario : null;
}

/** A name no other run has (run ids are unique; a restored share link may reuse letters). */
function uniqueName(id: number, runs: readonly RunInfo[]): string {
  const base = runName(id);
  let name = base;
  for (let k = 2; runs.some((r) => r.name === name); k++) name = `${base}${k}`;
  return name;
}

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
  forkAtCursor({ kind: 'addFault', fault: spec }, `${label} at ${formatMs(spec.atMs * 1000)}`);
}

export function forkAtCursor(change: ForkChange, label: string): void {
  forkAt(cursorOf(), change, label);
}

/** Forks the shown run at `at` (an event index and its time) with `change`. */
export function forkAt(
  at: { index: number; before?: boolean },
  change: ForkChange,
  label: string,
  warning: string | null = null,
): void {
  stopReplay();
  const s = useAppStore.getState();
  if (s.status === 'playing') postToWorker({ type: 'pause' });
  finishRoot();
  forkRun(s.activeRun, at, change, label, undefined, warning);
}

/**
 * Forks `parent` at `c.index` with `change` and records the fork to the scenario's end; `then`
 * hears when it is recorded (the share link chains forks this way).
 */
export function forkRun(
  parent: number,
  c: { index: number; before?: boolean },
  change: ForkChange,
  label: string,
  then?: (run: number | null, message?: string) => void,
  warning: string | null = null,
): void {
  let forkId = -1;
  ask(
    { type: 'fork', run: parent, index: c.index, change, before: c.before },
    (r: TimelineReply) => {
      if (r.type === 'forked') {
        forkId = r.run;
        forked(parent, r, change, label, c, warning);
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
          notice: { tone: 'error', title: msg('toolbar.fork.failed'), lines: [r.message] },
        });
        then?.(null, r.message);
        return true;
      }
      return false;
    },
  );
}

function forked(
  parent: number,
  r: Extract<TimelineReply, { type: 'forked' }>,
  change: ForkChange,
  label: string,
  asked: { index: number; before?: boolean },
  warning: string | null,
): void {
  const st = useAppStore.getState();
  const base = runScenario(parent, st);
  let scenario: Scenario | null = null;
  try {
    scenario = base ? applyChange(base, change) : null;
  } catch {
    // The worker accepted the change, so this does not happen; the canvas then shows the design.
  }
  const info: RunInfo = {
    id: r.run,
    parent,
    name: uniqueName(r.run, st.runs),
    label,
    change,
    scenario,
    forkIndex: r.index,
    forkTimeUs: r.timeUs,
    events: r.index,
    timeUs: r.timeUs,
    busy: true,
  };
  const parentName = st.runs.find((x) => x.id === parent)?.name ?? runName(parent);
  const lines: Msg[] = [msg('toolbar.fork.kept', { parent: parentName, name: info.name })];
  if (r.index === 0 && asked.index > 0 && !asked.before)
    lines.unshift(msg('toolbar.fork.fromStart', { name: info.name }));
  if (warning) lines.unshift(msg('toolbar.fork.warning', { warning }));
  useAppStore.setState({
    runs: [...st.runs, info],
    activeRun: r.run,
    cursor: { index: r.index, timeUs: r.timeUs },
    selectedAnomaly: null,
    highlight: null,
    comparePair: null,
    notice: { tone: 'info', title: msg('toolbar.fork.done', { title: runTitle(info) }), lines },
  });
  // The canvas shows the fork at its start (not the parent's last view).
  seekIndex(r.index);
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

/** Compares the picked pair, else the shown fork with its parent, once none is being recorded. */
function compareWhenReady(): void {
  const s = useAppStore.getState();
  if (s.runs.some((r) => r.busy)) return;
  if (s.comparePair) return compareRuns(s.comparePair.a, s.comparePair.b);
  const b = s.runs.find((r) => r.id === s.activeRun);
  if (!b || b.parent === null) return;
  compareRuns(b.parent, b.id);
}

/** The user picked two runs to compare (any two, in either order). */
export function pickComparison(a: number, b: number): void {
  const s = useAppStore.getState();
  if (a === b || !s.runs.some((r) => r.id === a) || !s.runs.some((r) => r.id === b)) return;
  useAppStore.setState({ comparePair: { a, b }, comparison: null });
  compareWhenReady();
}

export function compareRuns(a: number, b: number): void {
  ask({ type: 'compare', a, b }, (r) => {
    if (r.type === 'comparison')
      useAppStore.setState({
        comparison: { a, b, comparison: r.comparison, divergenceTimeUs: r.divergenceTimeUs },
      });
    else if (r.type === 'requestFailed')
      useAppStore.setState({
        notice: { tone: 'error', title: msg('toolbar.fork.compareFailed'), lines: [r.message] },
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
  if (!s.comparePair) compareWhenReady();
}
