/**
 * Running the design: the worker gets the compiled scenario whenever it changes; Play refuses a
 * design that does not compile and says why; frames land in one setState each.
 */
import { entityName } from '../diagram';
import { msg as msgOf } from '../i18n';
import { assertNever, type WorkerMessage } from '../worker/protocol';
import { flowRates } from './flowRates';
import { receiveInsight } from './insightActions';
import { simSlice, type Speed } from './simSlice';
import { endUsOf, useAppStore } from './store';
import { stopReplay, togglePlayAtCursor } from './timelineActions';
import { timelineSlice } from './timelineSlice';
import { closeWorker, openWorker, restartWorker, tooHeavy, workerIsDown } from './workerLife';
import { answer, forgetRequests, postToWorker } from './workerPort';

const channel = { post: postToWorker };
/** The scenario the worker has (as JSON), so an edit that changes nothing reloads nothing. */
let loadedJson: string | null = null;

/** Starts the worker and loads the design; returns the teardown (for a React effect). */
export function startSimulation(): () => void {
  openWorker(receive, () => {
    loadedJson = null;
    syncSimulation();
  });
  return closeWorker;
}

/** Loads the compiled design into the worker if it changed; the run starts again from zero. */
export function syncSimulation(): void {
  const s = useAppStore.getState();
  // A "Can't play" notice is stale once the design compiles.
  if (s.compiled.ok && s.notice?.cause === 'compile') useAppStore.setState({ notice: null });
  // A dead worker gets the design when Reset starts a fresh one; one too heavy is not loaded.
  if (workerIsDown()) return;
  const heavy = s.compiled.ok && tooHeavy(s.compiled.scenario).length > 0;
  const json = s.compiled.ok && !heavy ? JSON.stringify(s.compiled.scenario) : null;
  if (heavy !== s.tooHeavy) useAppStore.setState({ tooHeavy: heavy });
  if (json === loadedJson) return;
  loadedJson = json;
  stopReplay();
  forgetRequests();
  useAppStore.setState({
    ...simSlice(endUsOf(s), s.speed),
    tooHeavy: heavy,
    ...keepTab(timelineSlice()),
  });
  if (s.compiled.ok && !heavy) channel.post({ type: 'load', scenario: s.compiled.scenario });
}

export function play(): void {
  const s = useAppStore.getState();
  if (workerIsDown()) {
    useAppStore.setState({
      simError: s.simError ?? msgOf('toolbar.sim.workerStopped'),
    });
    return;
  }
  if (!s.compiled.ok) {
    const byId = new Map(s.nodes.map((n) => [n.id, n]));
    const lines = s.compiled.issues.map((i) => {
      const n = i.nodeId === null ? undefined : byId.get(i.nodeId);
      const issue = i.text ?? i.message;
      return n ? msgOf('toolbar.play.issueOf', { name: entityName(n.data) || n.id, issue }) : issue;
    });
    const first = s.compiled.issues.find((i) => i.nodeId !== null)?.nodeId ?? null;
    useAppStore.setState({
      notice: {
        tone: 'error',
        title: msgOf('toolbar.play.refused', { n: lines.length }),
        lines,
        cause: 'compile',
      },
      nodes:
        first === null
          ? s.nodes
          : s.nodes.map((n) =>
              n.selected === (n.id === first) ? n : { ...n, selected: n.id === first },
            ),
    });
    return;
  }
  const heavy = tooHeavy(s.compiled.scenario);
  if (heavy.length > 0) {
    useAppStore.setState({
      notice: { tone: 'error', title: msgOf('toolbar.play.tooLarge'), lines: heavy },
    });
    return;
  }
  syncSimulation();
  useAppStore.setState({ simError: null, notice: null });
  if (togglePlayAtCursor()) return;
  channel.post({ type: 'play', speed: useAppStore.getState().speed });
}

/** Plays the live root run from its head (the cursor follows it). */
export function playLive(): void {
  useAppStore.setState({ cursor: null, activeRun: 0, replaying: false });
  channel.post({ type: 'play', speed: useAppStore.getState().speed });
}

export function pause(): void {
  stopReplay();
  channel.post({ type: 'pause' });
}

export function reset(): void {
  stopReplay();
  if (workerIsDown()) {
    useAppStore.setState({ simError: null, ...keepTab(timelineSlice()) });
    restartWorker();
    return;
  }
  forgetRequests();
  useAppStore.setState({ simError: null, ...keepTab(timelineSlice()) });
  channel.post({ type: 'reset' });
}

export function togglePlay(): void {
  const s = useAppStore.getState();
  if (s.status === 'playing' || s.replaying) pause();
  else play();
}

export function setSpeed(speed: Speed): void {
  useAppStore.setState({ speed });
  if (useAppStore.getState().status === 'playing') channel.post({ type: 'play', speed });
}

/** The open insight tab survives a reload of the run. */
function keepTab<T extends { insightTab: unknown }>(slice: T): Omit<T, 'insightTab'> {
  const { insightTab, ...rest } = slice;
  void insightTab;
  return rest;
}

export function receive(msg: WorkerMessage): void {
  switch (msg.type) {
    case 'frame': {
      const s = useAppStore.getState();
      const dt = msg.timeUs - s.timeUs;
      const base = {
        status: msg.status,
        timeUs: msg.timeUs,
        endUs: msg.endUs,
        headEvents: msg.view.totals.events,
        trimmedBeforeUs: msg.trimmedBeforeUs,
      };
      if (s.cursor !== null) {
        useAppStore.setState(base);
        return;
      }
      const rates =
        s.view && dt > 0
          ? flowRates(s.view, msg.view, dt, s.edgeInfo, s.rates)
          : dt < 0 || !s.view
            ? {}
            : s.rates;
      useAppStore.setState({ ...base, view: msg.view, rates });
      return;
    }
    case 'error':
      failed(msg.message);
      return;
    case 'pong':
      return;
    case 'insight':
      receiveInsight(msg);
      return;
    case 'state':
    case 'index':
    case 'records':
    case 'counters':
    case 'progress':
    case 'done':
    case 'forked':
    case 'comparison':
    case 'lineage':
    case 'spaceTime':
    case 'recipe':
    case 'requestFailed':
      answer(msg);
      return;
    default:
      assertNever(msg);
  }
}

function failed(message: string): void {
  const { status } = useAppStore.getState();
  useAppStore.setState({ simError: message, status: status === 'playing' ? 'paused' : status });
}
