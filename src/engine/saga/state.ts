/** The orchestrators' state: plain data, changed only by evolve.ts. */
import type { SagaDefModel } from './model';

/** A record the orchestrator reads (from a start or reply topic), in arrival order. */
export interface SagaMessage {
  eventId: number;
  type: string;
  topic: string;
  /** The correlation id: the record's entity (payload key), else its key. */
  key: string | null;
  keyId: number;
  /** The event id of the record it answers (a service's reply carries its command's id). */
  causationId: number | null;
  arrivedUs: number;
}

/** An attempt waiting for its reply, or for its backoff to pass before it is sent. */
export interface SagaSlot {
  step: number;
  compensation: boolean;
  attempt: number;
  waiting: 'reply' | 'retry';
  atUs: number;
}

export type SagaStatus = 'running' | 'compensating' | 'completed' | 'cancelled' | 'failed';

/** One attempt on the time axis (what the saga view draws). */
export interface SagaMark {
  step: number;
  compensation: boolean;
  attempt: number;
  commandId: number;
  sentUs: number;
  endUs: number | null;
  outcome: 'pending' | 'success' | 'failure' | 'timeout' | 'abandoned';
}

export interface SagaInstance {
  key: string;
  keyId: number;
  /** The start message's event id (the instance's records carry it as correlation id). */
  startEventId: number;
  status: SagaStatus;
  /** The forward step running (or the one that failed). */
  step: number;
  /** Forward steps whose local transaction committed, in order. */
  completed: number[];
  /** The compensation plan (reverse order of completion) and the steps compensated so far. */
  plan: number[];
  compensated: number[];
  slots: SagaSlot[];
  /** Command event id → its mark's index (to recognise a late reply by its causation id). */
  sent: Map<number, number>;
  marks: SagaMark[];
  startedUs: number;
  lastProgressUs: number;
  endedUs: number | null;
}

export interface SagaCounters {
  messages: number;
  redelivered: number;
  duplicatesDropped: number;
  started: number;
  startsRejected: number;
  commands: number;
  compensations: number;
  retries: number;
  timeouts: number;
  completed: number;
  cancelled: number;
  gaveUp: number;
  repliesRejected: number;
  lateReplies: number;
  /** Redelivered replies applied again (no deduplication). */
  doubleApplied: number;
  /** Confirmations of compensations already confirmed: a compensation ran twice. */
  compensatedAgain: number;
  /** Successes of compensatable steps left in place by a cancelled instance. */
  effectsLeft: number;
  crashes: number;
}

export interface SagaDefState {
  inbox: SagaMessage[];
  /** The next inbox position to handle, the committed one, and the highest handled + 1. */
  position: number;
  committed: number;
  handledEnd: number;
  /** When the orchestrator is free to handle the next message. */
  freeUs: number;
  /** Event ids handled (the dedup store; `deduplicate` decides whether it drops them). */
  seen: Set<number>;
  instances: Map<string, SagaInstance>;
  /** Instances with a slot (their earliest slot time is a wake). */
  active: Set<string>;
  crashCursor: number;
  counters: SagaCounters;
}

export interface SagaSystemState {
  defs: SagaDefState[];
}

export const zeroSagaCounters = (): SagaCounters => ({
  messages: 0,
  redelivered: 0,
  duplicatesDropped: 0,
  started: 0,
  startsRejected: 0,
  commands: 0,
  compensations: 0,
  retries: 0,
  timeouts: 0,
  completed: 0,
  cancelled: 0,
  gaveUp: 0,
  repliesRejected: 0,
  lateReplies: 0,
  doubleApplied: 0,
  compensatedAgain: 0,
  effectsLeft: 0,
  crashes: 0,
});

export const initialSagaDefState = (): SagaDefState => ({
  inbox: [],
  position: 0,
  committed: 0,
  handledEnd: 0,
  freeUs: 0,
  seen: new Set(),
  instances: new Map(),
  active: new Set(),
  crashCursor: 0,
  counters: zeroSagaCounters(),
});

export const initialSagaSystemState = (defs: readonly SagaDefModel[]): SagaSystemState => ({
  defs: defs.map(initialSagaDefState),
});

const cloneInstance = (i: SagaInstance): SagaInstance => ({
  ...i,
  completed: i.completed.slice(),
  plan: i.plan.slice(),
  compensated: i.compensated.slice(),
  slots: i.slots.map((x) => ({ ...x })),
  sent: new Map(i.sent),
  marks: i.marks.map((x) => ({ ...x })),
});

export function cloneSagaDefState(d: SagaDefState): SagaDefState {
  return {
    ...d,
    // Inbox entries never change once pushed: a shallow copy shares them.
    inbox: d.inbox.slice(),
    seen: new Set(d.seen),
    instances: new Map([...d.instances].map(([k, v]) => [k, cloneInstance(v)])),
    active: new Set(d.active),
    counters: { ...d.counters },
  };
}

export const cloneSagaSystemState = (s: SagaSystemState): SagaSystemState => ({
  defs: s.defs.map(cloneSagaDefState),
});

/** The state's name as the UI says it: Step(name), Compensating, Completed, Cancelled, Failed. */
export function stateName(def: SagaDefModel, inst: SagaInstance | undefined): string {
  if (inst === undefined) return 'None';
  switch (inst.status) {
    case 'running':
      return `Step(${def.steps[inst.step]?.name ?? inst.step})`;
    case 'compensating':
      return 'Compensating';
    case 'completed':
      return 'Completed';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
  }
}

/** The instance's earliest slot time, or +∞. */
export function nextSlotUs(inst: SagaInstance): number {
  let t = Number.POSITIVE_INFINITY;
  for (const s of inst.slots) if (s.atUs < t) t = s.atUs;
  return t;
}
