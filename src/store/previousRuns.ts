/**
 * An edit after a run used to discard the recorded run and its forks. Now the run's recipe (the
 * scenario, seed, forks and cursor a share link carries) is kept: same recipe, same log, so the
 * previous run re-records exactly, in a new tab beside the edited design, for comparison. We
 * keep rather than ask: an editor that interrupts typing with a question is worse than one that
 * keeps both, and a kept recipe costs a few kilobytes.
 */
import { getLocale, msg } from '../i18n';
import { encodeShareState } from '../insight';
import { showToast } from './libraryActions';
import { MAX_PREVIOUS_RUNS, type PreviousRun } from './librarySlice';
import { nameText } from './messages';
import { SHARE_PREFIX, shareStateOf } from './shareActions';
import { useAppStore, type AppState } from './store';

let ids = 0;

/** Whether `before` had a recorded run worth keeping (something happened, or forks exist). */
export function hadRecordedRun(before: AppState): boolean {
  return (
    before.compiled.ok &&
    (before.headEvents > 0 || before.runs.length > 1 || before.runs.some((r) => r.events > 0))
  );
}

/** Call after a design change: if it discarded a recorded run, keep that run's recipe. */
export function keepPreviousRun(before: AppState): void {
  const after = useAppStore.getState();
  if (after.runs === before.runs || !hadRecordedRun(before)) return;
  const share = shareStateOf(before);
  if (!share) return;
  const names = before.runs.map((r) => r.name);
  const time = new Date().toLocaleTimeString(getLocale() === 'en' ? 'en-GB' : getLocale());
  const runs =
    names.length === 1
      ? msg('toolbar.runs.one', { name: names[0]! })
      : msg('toolbar.runs.many', { names: names.join(', ') });
  const design = before.settings.name;
  const run: PreviousRun = {
    id: ++ids,
    label: nameText(msg('toolbar.runs.previousLabel', { runs, design, time })),
    share,
  };
  useAppStore.setState({ previousRuns: [run, ...after.previousRuns].slice(0, MAX_PREVIOUS_RUNS) });
  // The first edit of an unsaved document also said where it is saved: say both.
  const kept = msg('toolbar.runs.kept', { n: names.length, runs, design });
  const just =
    after.toast && after.toast !== before.toast && after.toast.action === null
      ? after.toast.message
      : null;
  showToast(just ? msg('toolbar.runs.keptAfter', { before: just, after: kept }) : kept, {
    kind: 'openPreviousRun',
    label: msg('toolbar.toast.openRun'),
    ref: String(run.id),
  });
}

/** The `#run=` hash that re-records a kept run (scenario, seed, forks) and seeks to its cursor. */
export async function previousRunHash(id: number): Promise<string | null> {
  const run = useAppStore.getState().previousRuns.find((r) => r.id === id);
  if (!run) return null;
  return `${SHARE_PREFIX}${await encodeShareState(run.share)}`;
}

/** Opens the kept run in a new tab: this tab keeps the edited design, that one the run. */
export async function openPreviousRun(id: number): Promise<void> {
  const hash = await previousRunHash(id);
  if (hash)
    window.open(
      `${location.origin}${location.pathname}${location.search}${hash}`,
      '_blank',
      'noopener',
    );
}
