/**
 * Runs an EventStoreScript on the simulated event store and reports what the client sees: an
 * observation per op, plus the deliveries, parks and drops the op caused. After every op the store
 * settles (`settle`): each running system projection handles `$all` to its end, the persistent
 * subscription groups read and deliver what was appended, and the catch-up subscriptions receive
 * it. Untrusted input never throws: a malformed op is a `problem` naming the op and the field, and
 * the run goes on; work is bounded (MAX_RECORDS_PER_RUN, MAX_READ_EVENTS_PER_RUN, MAX_RUN_EVENTS).
 *
 * State = fold(events): `foldEs(events)` is `state` (the store); `foldEsRun(runEvents)` is the
 * whole run (store, persistent subscriptions, catch-up subscriptions).
 *
 * Persistent subscriptions (persistent.ts) are wired as its doc comment describes: each op is a
 * `stepPersistent` with the store as its `PersistentSource`; what the module reports is written to
 * the store as EventStoreDB writes it (docs/server/features/persistent-subscriptions.md): a parked
 * message is a link event (`$>`, data `<number>@<stream>`) appended to
 * `$persistentsubscription-<stream>::<group>-parked`; a checkpoint a `$SubscriptionCheckpoint`
 * event (data: the position as text) in `…::<group>-checkpoint`, whose metadata gets `$maxCount` 2
 * before the first one (PersistentSubscriptionCheckpointWriter); a replay of parked messages sets
 * the parked stream's `$tb`; deleting a group soft-deletes both streams (DeleteStream, not hard). The store notifies the groups
 * after every write (a client's, a projection's, a parked write's). Time: `advanceTime` moves the
 * store's clock, then the groups' (their 1 s ticks in between: timeouts, timed checkpoints); what
 * the ticks write is appended at the new time (the parked link's metadata keeps its tick time).
 */
import {
  catchUpPositionOf,
  evolveCatchUp,
  initialCatchUpState,
  type CatchUpDropReason,
  type CatchUpEvent,
  type CatchUpState,
} from './catchUp';
import type { EsEvent } from './events';
import { evolveEs } from './evolve';
import { evolvePersistent, parkedMessages, stepPersistent } from './persistent';
import { initialPersistentState } from './persistentEvolve';
import type {
  PersistentEvent,
  PersistentSource,
  PersistentState,
  PersistentStepResult,
} from './persistentTypes';
import type { CatchUpOp, EsObservation, EsOp, EventStoreScript, StoreOp } from './script';
import {
  DELETED_STREAM,
  SYSTEM_PROJECTIONS,
  initialEsState,
  lastEventNumber,
  type EsState,
} from './state';
import {
  decideAppend,
  decideDelete,
  decideProjectionStep,
  decideSetStreamMetadata,
  readAll,
  readStream,
  type Decision,
  type ReadOptions,
} from './store';
import type { EsError, ReadEvent, ResolvedEvent } from './types';
import { MAX_READ_COUNT, opProblems, scriptProblems } from './validate';

/** Most records (`$all` positions) one run may write before it stops (a problem says so). */
export const MAX_RECORDS_PER_RUN = 200_000;
/** Most events all the reads of one run may return before it stops (a problem says so). */
export const MAX_READ_EVENTS_PER_RUN = 1_000_000;
/** Most events (store, persistent, catch-up) one run may produce before it stops. */
export const MAX_RUN_EVENTS = 2_000_000;
/** The connect's buffer size when the op gives none (the clients' default). */
export const DEFAULT_CONSUMER_BUFFER_SIZE = 10;

/** Every fact of a run: the store's (`es.*`), persistent subscriptions' (`ps.*`), catch-up (`cu.*`). */
export type EsRunEvent = EsEvent | PersistentEvent | CatchUpEvent;

export interface EsRunState {
  store: EsState;
  persistent: PersistentState;
  catchUp: CatchUpState;
}

export interface EsRunResult {
  observations: EsObservation[];
  problems: string[];
  /** The store's events, in order (State = fold(events): `foldEs(events)` is `state`). */
  events: EsEvent[];
  state: EsState;
  /** Every event of the run, in order: `foldEsRun(runEvents)` is { state, persistent, catchUp }. */
  runEvents: EsRunEvent[];
  persistent: PersistentState;
  catchUp: CatchUpState;
  /** Events all reads and catch-up subscriptions returned so far (≤ MAX_READ_EVENTS_PER_RUN). */
  readEvents: number;
}

export function initialEsRunState(): EsRunState {
  return {
    store: initialEsState(),
    persistent: initialPersistentState(),
    catchUp: initialCatchUpState(),
  };
}

/** Applies one run event to the part of the run it belongs to. */
export function evolveEsRun(s: EsRunState, e: EsRunEvent): EsRunState {
  if (e.type.startsWith('es.')) evolveEs(s.store, e as EsEvent);
  else if (e.type.startsWith('ps.')) evolvePersistent(s.persistent, e as PersistentEvent);
  else evolveCatchUp(s.catchUp, e as CatchUpEvent);
  return s;
}

export function foldEsRun(events: readonly EsRunEvent[]): EsRunState {
  const s = initialEsRunState();
  for (const e of events) evolveEsRun(s, e);
  return s;
}

export function runEventStoreScript(script: EventStoreScript): EsObservation[] {
  return runEventStoreScriptDetailed(script).observations;
}

export function runEventStoreScriptDetailed(script: unknown): EsRunResult {
  const run: EsRunResult = {
    observations: [],
    problems: scriptProblems(script),
    events: [],
    state: initialEsState(),
    runEvents: [],
    persistent: initialPersistentState(),
    catchUp: initialCatchUpState(),
    readEvents: 0,
  };
  if (run.problems.length > 0) return run;
  const sc = script as EventStoreScript;
  if (sc.startStandardProjections === true)
    for (const projection of SYSTEM_PROJECTIONS)
      apply(run, [{ type: 'es.projectionEnabled', projection }]);
  const ops = sc.ops as unknown[];
  for (let step = 0; step < ops.length; step++) {
    const bad = opProblems(ops[step], step);
    if (bad.length > 0) {
      run.problems.push(...bad);
      continue;
    }
    let stop = execOp(run, ops[step] as EsOp, step) ?? settle(run, step);
    if (stop === null && run.runEvents.length > MAX_RUN_EVENTS)
      stop = `the run produced more than ${MAX_RUN_EVENTS} events`;
    if (stop !== null) {
      run.problems.push(`ops[${step}]: the run stopped: ${stop}`);
      break;
    }
  }
  return run;
}

/** Runs one op; returns why the run must stop, or null. */
function execOp(run: EsRunResult, op: EsOp, step: number): string | null {
  const s = run.state;
  if (PERSISTENT_OPS.has(op.op)) return persistentOp(run, op, step);
  if (CATCH_UP_OPS.has(op.op)) return catchUpOp(run, op as CatchUpOp, step);
  const o = op as StoreOp;
  switch (o.op) {
    case 'append':
      return write(
        run,
        step,
        o.op,
        o.stream,
        decideAppend(s, o.stream, o.expectedVersion ?? 'any', o.events),
      );
    case 'setStreamMetadata':
      return write(
        run,
        step,
        o.op,
        o.stream,
        decideSetStreamMetadata(s, o.stream, o.expectedVersion ?? 'any', o.metadata),
      );
    case 'delete': {
      const mode = o.mode ?? 'soft';
      const d = decideDelete(s, o.stream, o.expectedVersion ?? 'any', mode);
      if (d.outcome.ok && !room(run, d.events)) return recordsLimit();
      apply(run, d.events);
      run.observations.push(
        d.outcome.ok
          ? { kind: 'deleted', step, stream: o.stream, mode, position: d.outcome.position }
          : { kind: 'error', step, op: o.op, error: d.outcome.error },
      );
      return null;
    }
    case 'read': {
      const direction = o.direction ?? 'forwards';
      const opts: ReadOptions = {
        direction,
        from: o.from ?? (direction === 'forwards' ? 'start' : 'end'),
        maxCount: o.maxCount ?? MAX_READ_COUNT,
        resolveLinkTos: o.resolveLinkTos ?? false,
      };
      const r =
        o.stream === '$all'
          ? { ok: true as const, events: readAll(s, opts) }
          : readStream(s, o.stream, opts);
      if (!r.ok) {
        run.observations.push({ kind: 'error', step, op: o.op, error: r.error });
        return null;
      }
      run.readEvents += r.events.length;
      if (run.readEvents > MAX_READ_EVENTS_PER_RUN)
        return `reads returned more than ${MAX_READ_EVENTS_PER_RUN} events`;
      run.observations.push({ kind: 'read', step, stream: o.stream, events: r.events });
      return null;
    }
    case 'advanceTime': {
      const timeUs = s.timeUs + o.ms * 1000;
      apply(run, [{ type: 'es.timeAdvanced', timeUs }]);
      run.observations.push({ kind: 'timeAdvanced', step, timeUs });
      // The groups' timer ticks up to now: message timeouts, timed checkpoints.
      if (run.persistent.groups.size > 0 || run.persistent.timeUs < timeUs)
        return psStep(run, { op: 'advanceTime', toUs: timeUs }, step);
      return null;
    }
    case 'enableProjection':
    case 'disableProjection': {
      const type = o.op === 'enableProjection' ? 'es.projectionEnabled' : 'es.projectionDisabled';
      apply(run, [{ type, projection: o.name }]);
      // The status after the projection has caught up (enable) — settle runs it first.
      const stop = settle(run, step);
      const status = s.projections.get(o.name)?.status ?? 'Stopped';
      run.observations.push({ kind: 'projection', step, name: o.name, status });
      return stop;
    }
    default:
      return assertNeverOp(o);
  }
}

function assertNeverOp(o: never): never {
  throw new Error(`unexpected op: ${JSON.stringify(o)}`);
}

function write(
  run: EsRunResult,
  step: number,
  op: 'append' | 'setStreamMetadata',
  stream: string,
  d: Decision,
): string | null {
  if (!room(run, d.events)) return recordsLimit();
  apply(run, d.events);
  if (!d.outcome.ok) {
    run.observations.push({ kind: 'error', step, op, error: d.outcome.error });
    return null;
  }
  const { nextExpectedVersion, position } = d.outcome;
  run.observations.push(
    op === 'append'
      ? { kind: 'appended', step, stream, nextExpectedVersion, position }
      : { kind: 'metadataSet', step, stream, nextExpectedVersion, position },
  );
  return null;
}

const recordsLimit = () => `$all would hold more than ${MAX_RECORDS_PER_RUN} records`;

/** Whether the events' records still fit under MAX_RECORDS_PER_RUN. */
function room(run: EsRunResult, events: readonly EsEvent[]): boolean {
  let n = run.state.log.length;
  for (const e of events) {
    if (e.type === 'es.appended') n += e.records.length;
    else if (e.type === 'es.tombstoned') n += 1;
    else if (e.type === 'es.projectionHandled' && e.link !== null) n += 1;
  }
  return n <= MAX_RECORDS_PER_RUN;
}

/**
 * What the store does on its own after an op: the running system projections catch up with
 * `$all`; the persistent subscription groups read what was written and deliver it (what that
 * writes in turn is handled the same way); the catch-up subscriptions receive it.
 */
function settle(run: EsRunResult, step: number): string | null {
  for (;;) {
    const next = decideProjectionStep(run.state);
    if (next !== null) {
      if (!room(run, next)) return recordsLimit();
      apply(run, next);
      continue;
    }
    const seen = notified.get(run) ?? 0;
    if (run.state.log.length > seen) {
      notified.set(run, run.state.log.length);
      if (run.persistent.groups.size > 0) {
        const stop = psStep(run, { op: 'appended' }, step);
        if (stop !== null) return stop;
        continue;
      }
    }
    return deliverCatchUp(run, step);
  }
}

/** The `$all` length the groups were last told of (runner bookkeeping, not state). */
const notified = new WeakMap<EsRunResult, number>();

function apply(run: EsRunResult, events: readonly EsEvent[]): void {
  for (const e of events) {
    evolveEs(run.state, e);
    run.events.push(e);
    run.runEvents.push(e);
  }
}

function applyCatchUp(run: EsRunResult, e: CatchUpEvent): void {
  evolveCatchUp(run.catchUp, e);
  run.runEvents.push(e);
}

// --- Persistent subscriptions -----------------------------------------------------------------

const PERSISTENT_OPS = new Set<string>([
  'createPersistentSubscription',
  'updatePersistentSubscription',
  'deletePersistentSubscription',
  'connectToPersistentSubscription',
  'disconnect',
  'ack',
  'nak',
  'replayParked',
  'listParked',
  'restartPersistentSubscriptions',
]);

/** The store as persistent subscriptions read it. */
function sourceOf(s: EsState): PersistentSource {
  const asResolved = (e: ReadEvent): ResolvedEvent =>
    // A link the store cannot resolve is delivered as the link itself (its own record).
    e.event === null ? { event: e.link } : e;
  return {
    read(stream, from, maxCount, resolveLinkTos) {
      const o: ReadOptions = { direction: 'forwards', from, maxCount, resolveLinkTos };
      if (stream === '$all') return readAll(s, o).map(asResolved);
      const r = readStream(s, stream, o);
      return r.ok ? r.events.map(asResolved) : [];
    },
    end(stream) {
      if (stream === '$all') return s.log.length;
      const last = lastEventNumber(s, stream);
      return last === DELETED_STREAM ? 0 : last + 1;
    },
  };
}

function persistentOp(run: EsRunResult, op: EsOp, step: number): string | null {
  if (op.op === 'listParked') {
    const messages = parkedMessages(run.persistent, op.stream, op.group);
    if (messages === null) {
      const error: EsError = {
        name: 'PersistentSubscriptionNotFound',
        streamId: op.stream,
        group: op.group,
      };
      run.observations.push({ kind: 'error', step, op: op.op, error });
      return null;
    }
    run.observations.push({
      kind: 'parkedMessages',
      step,
      stream: op.stream,
      group: op.group,
      messages: messages.map((m) => ({
        parkedNumber: m.parkedNumber,
        eventId: m.eventId,
        event: m.event,
        reason: m.reason,
        timeUs: m.timeUs,
      })),
    });
    return null;
  }
  const moduleOp =
    op.op === 'connectToPersistentSubscription'
      ? { ...op, bufferSize: op.bufferSize ?? DEFAULT_CONSUMER_BUFFER_SIZE }
      : op;
  return psStep(run, moduleOp, step, op.op);
}

/**
 * One persistent-subscription step: its events join the run, its observations are the client's,
 * its writes go to the store. `opName`: the client op it answers (an `ok` when it succeeded).
 */
function psStep(run: EsRunResult, op: unknown, step: number, opName?: string): string | null {
  const r: PersistentStepResult = stepPersistent(run.persistent, op, sourceOf(run.state));
  for (const e of r.events) run.runEvents.push(e);
  for (const p of r.problems)
    run.problems.push(
      p.startsWith('op.') || p.startsWith('op:')
        ? `ops[${step}]${p.slice(2)}`
        : `ops[${step}]: ${p}`,
    );
  if (r.error !== null && opName !== undefined)
    run.observations.push({ kind: 'error', step, op: opName, error: r.error });
  else if (opName !== undefined && (r.problems.length === 0 || r.events.length > 0))
    run.observations.push({ kind: 'ok', step, op: opName });
  // In the order they happened: deliveries match the `ps.delivered` events one to one.
  let delivery = 0;
  for (const e of r.events) {
    if (e.type === 'ps.delivered') {
      const d = r.deliveries[delivery++];
      if (d !== undefined)
        run.observations.push({
          kind: 'delivered',
          step,
          stream: d.stream,
          group: d.group,
          consumer: d.consumer,
          event: d.event,
          retryCount: d.retryCount,
        });
    } else if (e.type === 'ps.parked')
      run.observations.push({
        kind: 'parked',
        step,
        stream: e.stream,
        group: e.group,
        eventId: e.eventId,
        event: e.event,
        reason: e.reason,
        parkedNumber: e.parkedNumber,
      });
    else if (e.type === 'ps.consumerDropped')
      run.observations.push({
        kind: 'dropped',
        step,
        stream: e.stream,
        group: e.group,
        consumer: e.consumer,
        reason: e.reason,
      });
  }
  return psWrites(run, r);
}

/** What EventStoreDB writes for the groups: parked links, checkpoints, truncations, deletes. */
function psWrites(run: EsRunResult, r: PersistentStepResult): string | null {
  const s = run.state;
  const writes: (() => Decision | null)[] = [];
  for (const w of r.parkedWrites)
    writes.push(() =>
      decideAppend(s, w.parkedStream, 'any', [
        {
          eventId: `$parked@${s.log.length}`,
          eventType: w.eventType,
          data: w.data,
          metadata: { ...w.metadata },
        },
      ]),
    );
  for (const c of r.checkpoints) {
    // PersistentSubscriptionCheckpointWriter: the first checkpoint of a stream that does not
    // exist writes its metadata first ($maxCount 2), then `$SubscriptionCheckpoint` with the
    // position's text as JSON (`"<event number>"`, or for `$all` `"C:<commit>/P:<prepare>"`).
    writes.push(() =>
      lastEventNumber(s, c.checkpointStream) < 0
        ? decideSetStreamMetadata(s, c.checkpointStream, 'any', { maxCount: 2 })
        : null,
    );
    const text = c.stream === '$all' ? `C:${c.position}/P:${c.position}` : String(c.position);
    writes.push(() =>
      decideAppend(s, c.checkpointStream, 'any', [
        { eventId: `$checkpoint@${s.log.length}`, eventType: CHECKPOINT_EVENT, data: text },
      ]),
    );
  }
  for (const t of r.truncations)
    writes.push(() =>
      decideSetStreamMetadata(s, t.parkedStream, 'any', { truncateBefore: t.truncateBefore }),
    );
  for (const d of r.deletedStreams)
    writes.push(() => {
      const last = lastEventNumber(s, d);
      return last < 0 || last === DELETED_STREAM ? null : decideDelete(s, d, 'any', 'soft');
    });
  for (const w of writes) {
    const d = w();
    if (d === null) continue;
    if (!room(run, d.events)) return recordsLimit();
    apply(run, d.events);
  }
  return null;
}

/** The event type of a persistent subscription's checkpoint (SystemEventTypes). */
export const CHECKPOINT_EVENT = '$SubscriptionCheckpoint';

// --- Catch-up subscriptions -------------------------------------------------------------------

const CATCH_UP_OPS = new Set<string>([
  'subscribeToStream',
  'subscribeToAll',
  'unsubscribe',
  'checkpoint',
  'clientRestart',
]);

function drop(run: EsRunResult, step: number, id: string, reason: CatchUpDropReason): void {
  applyCatchUp(run, { type: 'cu.dropped', id, reason });
  run.observations.push({ kind: 'subscriptionDropped', step, subscriptionId: id, reason });
}

function catchUpOp(run: EsRunResult, op: CatchUpOp, step: number): string | null {
  const cu = run.catchUp;
  const at = `ops[${step}]`;
  switch (op.op) {
    case 'subscribeToStream':
    case 'subscribeToAll': {
      const id = op.subscriptionId;
      if (cu.subscriptions.has(id)) {
        run.problems.push(`${at}.subscriptionId: ${JSON.stringify(id)} is already subscribed`);
        return null;
      }
      const stream = op.op === 'subscribeToAll' ? '$all' : op.stream;
      const from = (op.op === 'subscribeToAll' ? op.fromPosition : op.fromRevision) ?? 'start';
      let next: number;
      const stored = op.fromCheckpoint === true ? cu.checkpoints.get(id) : undefined;
      if (stored !== undefined) {
        if (stored.stream !== stream) {
          run.problems.push(
            `${at}.fromCheckpoint: the checkpoint of ${JSON.stringify(id)} is of ${JSON.stringify(stored.stream)}`,
          );
          return null;
        }
        next = stored.position + 1;
      } else if (from === 'start') next = 0;
      else if (from === 'end') next = endOf(run.state, stream);
      else next = from + 1; // exclusive: the next event after it
      applyCatchUp(run, {
        type: 'cu.subscribed',
        id,
        stream,
        resolveLinkTos: op.resolveLinkTos ?? false,
        next,
      });
      run.observations.push({ kind: 'subscribed', step, subscriptionId: id, stream, next });
      return null;
    }
    case 'unsubscribe':
      if (!cu.subscriptions.has(op.subscriptionId)) {
        run.problems.push(
          `${at}.subscriptionId: ${JSON.stringify(op.subscriptionId)} is not subscribed`,
        );
        return null;
      }
      drop(run, step, op.subscriptionId, 'Disposed');
      return null;
    case 'checkpoint': {
      const sub = cu.subscriptions.get(op.subscriptionId);
      if (sub === undefined) {
        run.problems.push(
          `${at}.subscriptionId: ${JSON.stringify(op.subscriptionId)} is not subscribed`,
        );
        return null;
      }
      if (sub.last !== null)
        applyCatchUp(run, {
          type: 'cu.checkpointStored',
          id: sub.id,
          stream: sub.stream,
          position: sub.last,
        });
      run.observations.push({
        kind: 'checkpointStored',
        step,
        subscriptionId: sub.id,
        stream: sub.stream,
        position: sub.last,
      });
      return null;
    }
    case 'clientRestart': {
      for (const id of [...cu.subscriptions.keys()]) drop(run, step, id, 'clientRestarted');
      // Its persistent connections close too: the server retries what they held.
      const conns: { stream: string; group: string; consumer: string }[] = [];
      for (const byStream of run.persistent.groups.values())
        for (const g of byStream.values())
          for (const c of g.consumers.keys())
            conns.push({ stream: g.stream, group: g.group, consumer: c });
      for (const c of conns) {
        const stop = psStep(run, { op: 'disconnect', ...c }, step);
        if (stop !== null) return stop;
      }
      return null;
    }
  }
}

function endOf(s: EsState, stream: string): number {
  if (stream === '$all') return s.log.length;
  const last = lastEventNumber(s, stream);
  return last === DELETED_STREAM ? 0 : last + 1;
}

/** Every live catch-up subscription receives what is there for it, in subscribe order. */
function deliverCatchUp(run: EsRunResult, step: number): string | null {
  for (const sub of [...run.catchUp.subscriptions.values()]) {
    for (;;) {
      const o: ReadOptions = {
        direction: 'forwards',
        from: sub.next,
        maxCount: MAX_READ_COUNT,
        resolveLinkTos: sub.resolveLinkTos,
      };
      let events: ReadEvent[];
      if (sub.stream === '$all') events = readAll(run.state, o);
      else {
        const r = readStream(run.state, sub.stream, o);
        if (!r.ok) {
          if (r.error.name === 'StreamDeleted') drop(run, step, sub.id, 'StreamDeleted');
          break; // StreamNotFound: not there (yet, or again): the subscription waits
        }
        events = r.events;
      }
      if (events.length === 0) break;
      run.readEvents += events.length;
      if (run.readEvents > MAX_READ_EVENTS_PER_RUN)
        return `reads and subscriptions returned more than ${MAX_READ_EVENTS_PER_RUN} events`;
      for (const event of events)
        run.observations.push({ kind: 'received', step, subscriptionId: sub.id, event });
      const last = catchUpPositionOf(sub.stream, events[events.length - 1] as ReadEvent);
      applyCatchUp(run, { type: 'cu.received', id: sub.id, count: events.length, last });
    }
  }
  return null;
}
