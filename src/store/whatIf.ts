/**
 * "What if…" (pure, tested in Node): the settings changes a fork can make to a consumer group,
 * only those that differ from the shown run's settings; where the fork can start (the start of
 * the run, just before the first anomaly, the cursor) and which is the default; and a warning
 * when the fork point lies after everything the change could affect.
 */
import type { GroupSpec, Scenario } from '../engine';
import { msg, type MessageKey, type Msg } from '../i18n';
import type { Anomaly } from '../insight';
import type { ForkChange } from '../timeline';

export type CommitMode = 'after-processing' | 'before-processing' | 'auto';

export interface WhatIfOption {
  /** Stable id: `${group}-${what}` (e2e specs click these). */
  id: string;
  group: string;
  /** In words: "commit after processing + idempotent consumer" (rendered in the UI's language). */
  label: Msg;
  change: Extract<ForkChange, { kind: 'setGroup' }>;
}

/** A group's commit mode as the engine runs it (model.ts: enable.auto.commit wins). */
export function commitModeOf(g: GroupSpec): CommitMode {
  const auto = g.config?.['enable.auto.commit'];
  if (auto === true || (auto === undefined && g.commit === undefined)) return 'auto';
  return g.commit ?? 'after-processing';
}

const COMMIT_LABEL: Record<Exclude<CommitMode, 'auto'>, MessageKey> = {
  'after-processing': 'canvas.commit.after',
  'before-processing': 'canvas.commit.before',
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
    const add = (what: string, label: Msg, set: WhatIfOption['change']['set']) =>
      out.push({
        id: `${g.id}-${what}`,
        group: g.id,
        label,
        change: { kind: 'setGroup', group: g.id, set },
      });
    for (const m of ['after-processing', 'before-processing'] as const)
      if (mode !== m)
        add(m === 'after-processing' ? 'after' : 'before', msg(COMMIT_LABEL[m]), commitSet(g, m));
    add(
      idem ? 'not-idem' : 'idem',
      msg(idem ? 'timeline.whatIf.notIdempotent' : 'canvas.change.idempotent'),
      { idempotent: !idem },
    );
    if (mode !== 'after-processing' && !idem)
      add(
        'both',
        msg('timeline.whatIf.both', {
          commit: msg(COMMIT_LABEL['after-processing']),
          idempotent: msg('canvas.change.idempotent'),
        }),
        {
          ...commitSet(g, 'after-processing'),
          idempotent: true,
        },
      );
  }
  return out;
}

const KIND_WORDS: Record<Anomaly['kind'], MessageKey> = {
  duplicate: 'timeline.whatIf.kind.duplicate',
  reordered: 'timeline.whatIf.kind.reordered',
  lost: 'timeline.whatIf.kind.lost',
  stuck: 'timeline.whatIf.kind.stuck',
  'dead-lettered': 'insight.whatIf.deadLettered',
  'stale-read': 'esInsight.whatIf',
  'double-count': 'esInsight.whatIf',
  'write-conflict': 'esInsight.whatIf',
  'command-failed': 'esInsight.whatIf',
  'schema-mismatch': 'esInsight.whatIf',
};

export interface ForkPoint {
  id: 'start' | 'anomaly' | 'cursor';
  /** The event the fork starts at (with `before`: just before this event's instant). */
  index: number;
  /** Its sim time, when known (the first anomaly's cause is known by index only). */
  timeUs: number | null;
  /** In words, rendered in the UI's language. */
  label: Msg;
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
    const atCause = index !== first.index;
    out.push({
      id: 'anomaly',
      index,
      timeUs,
      label: msg(atCause ? 'timeline.whatIf.beforeFirstCause' : 'timeline.whatIf.beforeFirst', {
        kind: msg(KIND_WORDS[first.kind]),
      }),
      before: true,
    });
  }
  out.push({ id: 'start', index: 0, timeUs: 0, label: msg('timeline.whatIf.start') });
  if (cursor.index > 0)
    out.push({
      id: 'cursor',
      index: cursor.index,
      timeUs: cursor.timeUs,
      label: msg('timeline.whatIf.cursor'),
    });
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
): Msg | null {
  if (runEvents > 0 && point.index >= runEvents) return msg('timeline.whatIf.warnEnd');
  const mine = anomalies.filter((a) => a.group === group);
  if (mine.length === 0 || mine.some((a) => a.index >= point.index)) return null;
  return msg('timeline.whatIf.warnEarlier', { group, n: mine.length });
}
