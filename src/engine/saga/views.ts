/**
 * What the saga view reads (issue 14): per instance its state, steps and compensations on the
 * time axis; stuck instances (no progress for stuckAfterMs); and the anomaly-ready facts with
 * their plain causes. Pure functions of the state (and of the events for the facts), so a
 * seek shows them as they were.
 */
import type { SagaEvent } from './events';
import type { SagaDefModel } from './model';
import {
  stateName,
  zeroSagaCounters,
  type SagaCounters,
  type SagaDefState,
  type SagaInstance,
  type SagaMark,
} from './state';

export interface SagaInstanceView {
  key: string;
  state: string;
  status: SagaInstance['status'];
  startedUs: number;
  endedUs: number | null;
  lastProgressUs: number;
  /** Forward attempts and compensations, with their times and outcomes. */
  marks: (SagaMark & { stepName: string })[];
  completed: string[];
  compensated: string[];
}

export function sagaInstanceView(def: SagaDefModel, inst: SagaInstance): SagaInstanceView {
  const name = (i: number) => def.steps[i]?.name ?? String(i);
  return {
    key: inst.key,
    state: stateName(def, inst),
    status: inst.status,
    startedUs: inst.startedUs,
    endedUs: inst.endedUs,
    lastProgressUs: inst.lastProgressUs,
    marks: inst.marks.map((m) => ({ ...m, stepName: name(m.step) })),
    completed: inst.completed.map(name),
    compensated: inst.compensated.map(name),
  };
}

/** One row per instance, in start order. */
export function sagaRows(def: SagaDefModel, ds: SagaDefState): SagaInstanceView[] {
  return [...ds.instances.values()].map((i) => sagaInstanceView(def, i));
}

/**
 * Instances that have not ended and made no progress (a step succeeded or was compensated,
 * compensation began) for stuckAfterMs at `nowUs` — also a Failed instance (it gave up and
 * waits for a human).
 */
export function stuckInstances(def: SagaDefModel, ds: SagaDefState, nowUs: number): string[] {
  const out: string[] = [];
  for (const inst of ds.instances.values())
    if (
      inst.status === 'failed' ||
      (inst.endedUs === null && nowUs - inst.lastProgressUs >= def.stuckAfterUs)
    )
      out.push(inst.key);
  return out;
}

export type SagaFactKind =
  | 'cancelledWithEffectLeft'
  | 'compensatedTwice'
  | 'lateReplyAfterCompensation'
  | 'replyAppliedTwice'
  | 'gaveUp';

/** A fact the anomaly list can explain, with the event it comes from. */
export interface SagaFact {
  kind: SagaFactKind;
  saga: string;
  key: string | null;
  timeUs: number;
  /** Index of the event in the list given. */
  at: number;
  /** The cause in plain English (the UI words it from kind and params in other languages). */
  cause: string;
}

/** The anomaly-ready facts in a run's events (saga events only are read). */
export function sagaFacts(events: readonly { type: string }[]): SagaFact[] {
  const out: SagaFact[] = [];
  events.forEach((x, at) => {
    if (!x.type.startsWith('saga.')) return;
    const e = x as SagaEvent;
    const f = (kind: SagaFactKind, key: string | null, cause: string) =>
      out.push({ kind, saga: e.saga, key, timeUs: e.timeUs, at, cause });
    if (e.type === 'saga.replyRejected') {
      if (e.effectLeft)
        f(
          'cancelledWithEffectLeft',
          e.key,
          `${e.replyType} came after the step timed out: the saga did not count the step as completed, so it never compensated it — the effect stays (${e.state}).`,
        );
      else if (e.compensatedAgain)
        f(
          'compensatedTwice',
          e.key,
          `${e.replyType} confirms a compensation already confirmed: the participant ran it twice (a redelivered command without an idempotent consumer).`,
        );
      else if (e.late && (e.state === 'Cancelled' || e.state === 'Compensating'))
        f(
          'lateReplyAfterCompensation',
          e.key,
          `${e.replyType} arrived after the orchestrator had given up on the attempt; not accepted in state ${e.state}.`,
        );
    } else if (
      (e.type === 'saga.stepSucceeded' || e.type === 'saga.stepCompensated') &&
      e.duplicate
    )
      f(
        'replyAppliedTwice',
        e.key,
        `${e.replyType} (event ${e.replyEventId}) was handled before and applied again: no deduplication by event id.`,
      );
    else if (e.type === 'saga.gaveUp')
      f(
        'gaveUp',
        e.key,
        `step ${e.step}${e.compensation ? "'s compensation" : ''} failed ${e.attempts} times: the saga stopped and needs a human.`,
      );
  });
  return out;
}

/** Summary counters over every orchestrator of a run. */
export function sagaTotals(states: readonly SagaDefState[]): SagaCounters {
  const t = zeroSagaCounters();
  for (const s of states)
    for (const k of Object.keys(t) as (keyof SagaCounters)[]) t[k] += s.counters[k];
  return t;
}
