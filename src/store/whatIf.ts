/**
 * "What if…" (pure, tested in Node): the settings changes a fork can make to a consumer group,
 * only those that differ from the shown run's settings; where the fork can start (the start of
 * the run, just before the first anomaly, the cursor) and which is the default; and a warning
 * when the fork point lies after everything the change could affect.
 */
import type { GroupSpec, Scenario } from '../engine';
import type { Anomaly } from '../insight';
import type { ForkChange } from '../timeline';

export type CommitMode = 'after-processing' | 'before-processing' | 'auto';

export interface WhatIfOption {
  /** Stable id: `${group}-${what}` (e2e specs click these). */
  id: string;
  group: string;
  /** In words: "commit after processing + idempotent consumer". */
  label: string;
  change: Extract<ForkChange, { kind: 'setGroup' }>;
}

/** A group's commit mode as the engine runs it (model.ts: enable.auto.commit wins). */
export function commitModeOf(g: GroupSpec): CommitMode {
  const auto = g.config?.['enable.auto.commit'];
  if (auto === true || (auto === undefined && g.commit === undefined)) return 'auto';
  return g.commit ?? 'after-processing';
}

const COMMIT_LABEL: Record<Exclude<CommitMode, 'auto'>, string> = {
  'after-processing': 'commit after processing',
  'before-processing': 'commit before processing',
};

/** The group's settings a fork would change, with auto-commit turned off so the mode applies. */
function commitSet(g: GroupSpec, mode: Exclude<CommitMode, 'auto'>): WhatIfOption['change']['set'] {
  return g.config?.['enable.auto.commit'] === true
    ? { commit: mode, config: { 'enable.auto.commit': false } }
    : { commit: mode };
}

/** Every offered change differs from the group's current settings in at least one field. */
export function whatIfOptions(scenario: Scenario): WhatIfOption[] {
  const out: WhatIfOption[] = [];
  for (const g of scenario.groups) {
    const mode = commitModeOf(g);
    const idem = g.idempotent === true;
    const add = (what: string, label: string, set: WhatIfOption['change']['set']) =>
      out.push({
        id: `${g.id}-${what}`,
        group: g.id,
        label,
        change: { kind: 'setGroup', group: g.id, set },
      });
    for (const m of ['after-processing', 'before-processing'] as const)
      if (mode !== m)
        add(m === 'after-processing' ? 'after' : 'before', COMMIT_LABEL[m], commitSet(g, m));
    add(
      idem ? 'not-idem' : 'idem',
      idem ? 'not idempotent (no dedup store)' : 'idempotent consumer',
      { idempotent: !idem },
    );
    if (mode !== 'after-processing' && !idem)
      add('both', `${COMMIT_LABEL['after-processing']} + idempotent consumer`, {
        ...commitSet(g, 'after-processing'),
        idempotent: true,
      });
  }
  return out;
}

const KIND_WORDS: Record<Anomaly['kind'], string> = {
  duplicate: 'a duplicate',
  reordered: 'a reordered record',
  lost: 'lost records',
  stuck: 'a stuck partition',
};

export interface ForkPoint {
  id: 'start' | 'anomaly' | 'cursor';
  /** The event the fork starts at (with `before`: just before this event's instant). */
  index: number;
  /** Its sim time, when known (the first anomaly's cause is known by index only). */
  timeUs: number | null;
  label: string;
  before?: boolean;
}

/**
 * Where a fork can start. The default (first) is just before the run's first anomaly when it
 * has one — before what caused it (the crash, the expired session), since a fork after the
 * cause cannot undo it — else the start of the run.
 */
export function forkPoints(
  anomalies: readonly Anomaly[],
  cursor: { index: number; timeUs: number },
  marks: readonly { index: number; timeUs: number }[] = [],
): ForkPoint[] {
  const at = (a: Anomaly) => Math.min(a.index, a.causeIndex ?? a.index);
  const first = anomalies.reduce<Anomaly | null>(
    (a, x) => (a === null || at(x) < at(a) ? x : a),
    null,
  );
  const out: ForkPoint[] = [];
  if (first && at(first) > 0) {
    const index = at(first);
    const timeUs =
      index === first.index ? first.timeUs : (marks.find((m) => m.index === index)?.timeUs ?? null);
    const cause = index === first.index ? '' : ', at its cause';
    out.push({
      id: 'anomaly',
      index,
      timeUs,
      label: `just before the first anomaly (${KIND_WORDS[first.kind]})${cause}`,
      before: true,
    });
  }
  out.push({ id: 'start', index: 0, timeUs: 0, label: 'the start of the run' });
  if (cursor.index > 0)
    out.push({ id: 'cursor', index: cursor.index, timeUs: cursor.timeUs, label: 'the cursor' });
  return out;
}

/**
 * Why a fork of `group` at `point` cannot change anything the user is looking at, or null:
 * the fork starts at the end of the recorded run, or every anomaly of the group in this run
 * became visible before the fork point (a change from there on cannot undo them).
 */
export function forkWarning(
  group: string,
  point: { index: number },
  anomalies: readonly Anomaly[],
  runEvents: number,
): string | null {
  if (runEvents > 0 && point.index >= runEvents)
    return 'The fork point is the end of the run: nothing is left for the change to affect.';
  const mine = anomalies.filter((a) => a.group === group);
  if (mine.length === 0 || mine.some((a) => a.index >= point.index)) return null;
  return `Every anomaly of ${group} in this run (${mine.length}) happened before the fork point: the change cannot undo them. Fork earlier to see a difference.`;
}
