/**
 * Runs an EventStoreScript on the simulated event store and reports what the client sees, one
 * observation per op. After every op the store settles: each running system projection handles
 * `$all` to its end. Untrusted input never throws: a malformed op is a `problem` naming the op
 * and the field, and the run goes on; work is bounded (MAX_RECORDS_PER_RUN, MAX_READ_EVENTS_PER_RUN).
 *
 * State = fold(events): `initialEsState()` with `evolveEs` over `events` is `state`.
 */
import type { EsEvent } from './events';
import { evolveEs } from './evolve';
import type { EsObservation, EsOp, EventStoreScript, StoreOp } from './script';
import { SYSTEM_PROJECTIONS, initialEsState, type EsState } from './state';
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
import { MAX_READ_COUNT, opProblems, scriptProblems } from './validate';

/** Most records (`$all` positions) one run may write before it stops (a problem says so). */
export const MAX_RECORDS_PER_RUN = 200_000;
/** Most events all the reads of one run may return before it stops (a problem says so). */
export const MAX_READ_EVENTS_PER_RUN = 1_000_000;

export interface EsRunResult {
  observations: EsObservation[];
  problems: string[];
  /** The run's events, in order (State = fold(events)). */
  events: EsEvent[];
  state: EsState;
  /** Events all reads returned so far (bounded by MAX_READ_EVENTS_PER_RUN). */
  readEvents: number;
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
    const stop = execOp(run, ops[step] as EsOp, step) ?? settle(run);
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
      return null;
    }
    case 'enableProjection':
    case 'disableProjection': {
      const type = o.op === 'enableProjection' ? 'es.projectionEnabled' : 'es.projectionDisabled';
      apply(run, [{ type, projection: o.name }]);
      // The status after the projection has caught up (enable) — settle runs it first.
      const stop = settle(run);
      const status = s.projections.get(o.name)?.status ?? 'Stopped';
      run.observations.push({ kind: 'projection', step, name: o.name, status });
      return stop;
    }
    // Persistent-subscription ops (createPersistentSubscription, connect, ack, nak) are
    // dispatched here, to persistent*.ts.
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
 * `$all`. (Persistent subscriptions push their deliveries here too, once they exist.)
 */
function settle(run: EsRunResult): string | null {
  for (;;) {
    const step = decideProjectionStep(run.state);
    if (step === null) return null;
    if (!room(run, step)) return recordsLimit();
    apply(run, step);
  }
}

function apply(run: EsRunResult, events: readonly EsEvent[]): void {
  for (const e of events) {
    evolveEs(run.state, e);
    run.events.push(e);
  }
}
