/**
 * The moment in the URL: `#run=` + the scenario, seed, every fork on the timeline (each with its
 * parent; the shown run marked) and the cursor (src/insight's encodeShareState: JSON, deflate, base64url). Written while the user
 * reviews a run (debounced, never while playing); read once at start. A link that does not read
 * (damaged, too long, an invalid scenario or fork) gets a clear message and the default scenario.
 */
import { decompile } from '../diagram';
import { msg } from '../i18n';
import { decodeShareState, encodeShareState, type ShareState } from '../insight';
import type { ForkChange } from '../timeline';
import { resetToDefault } from './fileActions';
import { finishRoot, forkRun } from './forkActions';
import { openDocument } from './libraryActions';
import { errorText, nameText, type Text } from './messages';
import { useAppStore, type AppState } from './store';
import { cursorOf, seekIndex } from './timelineActions';

export const SHARE_PREFIX = '#run=';
const WRITE_DELAY_MS = 300;

/**
 * One fork in the link. `parent` is a position in [root, ...forks] (forks come after their
 * parents), `active` marks the shown run. Links from before every run was shared have neither:
 * a chain, root → first → … → last, showing the last.
 */
interface SharedFork {
  at: number;
  change: ForkChange;
  label: string;
  parent?: number;
  active?: true;
}

/** Every fork on the timeline, parents first, and which run is shown. */
function allForks(s: AppState): SharedFork[] {
  const forks = s.runs.filter((r) => r.parent !== null && r.change).sort((a, b) => a.id - b.id);
  const pos = new Map<number, number>([[0, 0], ...forks.map((r, i): [number, number] => [r.id, i + 1])]);
  return forks.map((r) => ({
    at: r.forkIndex,
    change: r.change!,
    label: typeof r.label === 'string' ? r.label : nameText(r.label),
    parent: pos.get(r.parent!) ?? 0,
    ...(r.id === s.activeRun ? { active: true as const } : {}),
  }));
}

export function shareStateOf(s: AppState = useAppStore.getState()): ShareState | null {
  if (!s.compiled.ok) return null;
  const scenario = s.compiled.scenario;
  return { scenario, seed: scenario.seed ?? 1, forks: allForks(s), cursor: cursorOf(s).index };
}

/** Writes the share link into the address bar now. Returns the link. */
export async function writeShareLink(): Promise<string | null> {
  const state = shareStateOf();
  if (!state) return null;
  const text = await encodeShareState(state);
  const url = `${location.pathname}${location.search}${SHARE_PREFIX}${text}`;
  history.replaceState(null, '', url);
  return location.href;
}

/** Keeps the URL on the reviewed moment; returns the unsubscribe (for a React effect). */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.cursor === prev.cursor && s.activeRun === prev.activeRun && s.runs === prev.runs && s.status === prev.status) return;
    if (s.status === 'playing' || s.replaying || s.status === 'idle' || restoring || s.runs.some((r) => r.busy)) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void writeShareLink(), WRITE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

let restoring = false;
let opened: string | null = null;

/** Opens the moment in the URL, if there is one. Call after the worker started. */
export async function openShareLink(hash: string = location.hash): Promise<void> {
  // Once per page load (React's StrictMode runs effects twice in development).
  if (!hash.startsWith(SHARE_PREFIX) || opened === hash) return;
  opened = hash;
  restoring = true;
  const r = await decodeShareState(hash.slice(SHARE_PREFIX.length));
  if (!r.ok) return refuse(r.message);
  const forks = checkForks(r.state.forks);
  if (!Array.isArray(forks)) return refuse(forks);
  const { scenario, seed, cursor } = r.state;
  // What was decoded goes to the worker (postMessage) and into autosave (JSON): a value either
  // cannot take gets a notice here, never a silent stop (the decoder's bounds make this rare).
  try {
    structuredClone(r.state);
    JSON.stringify(r.state);
  } catch (e) {
    return refuse(msg('toolbar.share.notCopyable', { error: errorText(e) }));
  }
  try {
    openDocument(decompile({ ...scenario, seed }), null, { kind: 'unsaved', source: 'link', label: nameText(msg('toolbar.doc.link')) }, { relayout: true, remember: false });
    if (!useAppStore.getState().compiled.ok) return refuse(msg('toolbar.share.notCompiling'));
    finishRoot((ok, message) => {
      if (!ok) return refuse(msg('toolbar.share.notRecorded', { error: message ?? '' }));
      applyForks(forks, [0], cursor);
    });
  } catch (e) {
    refuse(msg('toolbar.share.notHanded', { error: errorText(e) }));
  }
}

/** Re-forks the shared forks one by one (each after its parent is recorded), then shows the active run. */
function applyForks(forks: SharedFork[], ids: number[], cursor: number): void {
  const i = ids.length - 1;
  if (i >= forks.length) {
    restoring = false;
    const chain = forks.every((f) => f.parent === undefined);
    const marked = forks.findIndex((f) => f.active);
    const shown = marked >= 0 ? ids[marked + 1]! : chain ? ids[ids.length - 1]! : 0;
    const runs = useAppStore.getState().runs;
    const name = runs.find((r) => r.id === shown)?.name ?? 'A';
    useAppStore.setState({
      activeRun: shown,
      notice: {
        tone: 'info',
        title: msg('toolbar.share.opened'),
        lines: [msg('toolbar.share.openedLine', { name, n: runs.length, cursor })],
      },
    });
    seekIndex(cursor);
    return;
  }
  const f = forks[i]!;
  const parent = ids[f.parent ?? i]!;
  forkRun(parent, { index: f.at }, f.change, f.label, (run, message) => {
    if (run === null) return refuse(msg('toolbar.share.forkFailed', { i, error: message ?? '' }));
    applyForks(forks, [...ids, run], cursor);
  });
}

function checkForks(forks: unknown[]): SharedFork[] | Text {
  const out: SharedFork[] = [];
  for (let i = 0; i < forks.length; i++) {
    const f = forks[i] as Partial<SharedFork> | null;
    if (!f || typeof f !== 'object') return msg('toolbar.share.forkNotObject', { i });
    if (!Number.isInteger(f.at) || f.at! < 0) return msg('toolbar.share.forkAt', { i });
    if (!f.change || typeof f.change !== 'object' || typeof (f.change as { kind?: unknown }).kind !== 'string') return msg('toolbar.share.forkChange', { i });
    if (f.parent !== undefined && (!Number.isInteger(f.parent) || f.parent < 0 || f.parent > i))
      return msg('toolbar.share.forkParent', { i, got: String(JSON.stringify(f.parent)).slice(0, 40) });
    out.push({
      at: f.at!,
      change: f.change,
      label: typeof f.label === 'string' ? f.label.slice(0, 200) : nameText(msg('toolbar.share.forkLabel', { n: i + 1 })),
      ...(f.parent === undefined ? {} : { parent: f.parent }),
      ...(f.active === true ? { active: true as const } : {}),
    });
  }
  return out;
}

function refuse(error: Text): void {
  restoring = false;
  resetToDefault(false);
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  useAppStore.setState({
    notice: {
      tone: 'error',
      title: msg('toolbar.share.title'),
      lines: [typeof error === 'string' ? `${error[0]?.toUpperCase() ?? ''}${error.slice(1)}.` : error],
    },
  });
}
