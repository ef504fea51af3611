/**
 * The orchestrator as an actor: what is due at a time (a crash, the next message, a timer) and
 * when it is next due. A run (system.ts) drives it from the kernel's schedule; `runSaga` drives
 * it alone against a scripted environment (tests, and the UI's what-if on one definition).
 */
import { evolveSagaDef } from './evolve';
import type { SagaCommandSent, SagaEvent } from './events';
import type { SagaDefModel } from './model';
import { decideCrash, decideMessage, decideTimer, type IdSource } from './orchestrator';
import { initialSagaDefState, nextSlotUs, type SagaDefState, type SagaMessage } from './state';

const INF = Number.POSITIVE_INFINITY;

/** The instance with the earliest slot (ties: the first in `active`'s order), or null. */
function earliestTimer(ds: SagaDefState): { key: string; atUs: number } | null {
  let best: { key: string; atUs: number } | null = null;
  for (const key of ds.active) {
    const at = nextSlotUs(ds.instances.get(key)!);
    if (best === null || at < best.atUs) best = { key, atUs: at };
  }
  return best;
}

/** When the orchestrator next has something to do, or +∞. */
export function sagaNextWakeUs(def: SagaDefModel, ds: SagaDefState): number {
  let t = def.crashesUs[ds.crashCursor] ?? INF;
  const msg = ds.inbox[ds.position];
  if (msg !== undefined) t = Math.min(t, Math.max(msg.arrivedUs, ds.freeUs));
  const timer = earliestTimer(ds);
  if (timer !== null) t = Math.min(t, timer.atUs);
  return t;
}

/** What the orchestrator does at t: a crash due, else the next message, else a timer due. */
export function sagaStep(
  def: SagaDefModel,
  ds: SagaDefState,
  t: number,
  ids: IdSource,
): SagaEvent[] {
  const crash = def.crashesUs[ds.crashCursor];
  if (crash !== undefined && crash <= t) return decideCrash(def, ds, t);
  const msg = ds.inbox[ds.position];
  if (msg !== undefined && msg.arrivedUs <= t && ds.freeUs <= t)
    return decideMessage(def, ds, t, ids);
  const timer = earliestTimer(ds);
  if (timer !== null && timer.atUs <= t) return decideTimer(def, ds, timer.key, t, ids);
  return [];
}

/** The environment of a standalone run: start messages, and the replies to each command. */
export interface SagaEnvironment {
  /** Messages arriving without being asked for (start records, stray replies), any order. */
  messages: SagaMessage[];
  /** The replies to a command the orchestrator sent (also to end records: usually none). */
  respond(cmd: SagaCommandSent): SagaMessage[];
  untilUs: number;
  /** The first event id of the records the orchestrator sends. Default 1_000_000. */
  firstId?: number;
  /** A bound on the orchestrator's steps. Default 100_000. */
  maxSteps?: number;
}

export interface SagaRun {
  events: SagaEvent[];
  /** Every message in arrival order (what fold needs besides the events). */
  arrivals: SagaMessage[];
  state: SagaDefState;
  /** True when maxSteps stopped it. */
  truncated: boolean;
}

const byArrival = (a: SagaMessage, b: SagaMessage) =>
  a.arrivedUs - b.arrivedUs || a.eventId - b.eventId;

/** Inserts a message into a pending list kept in arrival order. */
function insert(list: SagaMessage[], m: SagaMessage): void {
  let i = list.length;
  while (i > 0 && byArrival(list[i - 1]!, m) > 0) i--;
  list.splice(i, 0, m);
}

/** Runs one orchestrator alone: deterministic for a deterministic environment. */
export function runSaga(def: SagaDefModel, env: SagaEnvironment): SagaRun {
  const ds = initialSagaDefState();
  const pending = env.messages.slice().sort(byArrival);
  const arrivals: SagaMessage[] = [];
  const events: SagaEvent[] = [];
  let nextId = env.firstId ?? 1_000_000;
  const ids: IdSource = { next: () => nextId++ };
  const maxSteps = env.maxSteps ?? 100_000;
  let steps = 0;
  for (;;) {
    const wake = sagaNextWakeUs(def, ds);
    const t = Math.min(wake, pending[0]?.arrivedUs ?? INF);
    if (t > env.untilUs || t === INF) break;
    while (pending.length > 0 && pending[0]!.arrivedUs <= t) {
      const m = pending.shift()!;
      arrivals.push(m);
      ds.inbox.push(m);
    }
    if (sagaNextWakeUs(def, ds) > t) continue;
    if (++steps > maxSteps) return { events, arrivals, state: ds, truncated: true };
    const out = sagaStep(def, ds, t, ids);
    for (const e of out) {
      evolveSagaDef(def, ds, e);
      events.push(e);
      if (e.type === 'saga.commandSent') for (const r of env.respond(e)) insert(pending, r);
    }
  }
  return { events, arrivals, state: ds, truncated: false };
}

/** State = fold(events): the arrivals enter the inbox at their time, before that time's events. */
export function foldSaga(
  def: SagaDefModel,
  arrivals: readonly SagaMessage[],
  events: readonly SagaEvent[],
): SagaDefState {
  const ds = initialSagaDefState();
  let i = 0;
  for (const e of events) {
    while (i < arrivals.length && arrivals[i]!.arrivedUs <= e.timeUs) ds.inbox.push(arrivals[i++]!);
    evolveSagaDef(def, ds, e);
  }
  while (i < arrivals.length) ds.inbox.push(arrivals[i++]!);
  return ds;
}
