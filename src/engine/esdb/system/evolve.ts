/**
 * Applies the event store's events to a simulation state: the store's through ../evolve.ts, the
 * clients' here, then reschedules the event store's actors. The only code that changes the
 * event store's part of the state in a run. Asserts its invariants: an append succeeds only at
 * the version its handler read; a projection handles `$all` in order.
 */
import type { SimState } from '../../kafka/state';
import { evolveEs } from '../evolve';
import type { EsEvent } from '../events';
import { isEsClientEvent, type EsClientEvent, type EsSimEvent } from './events';
import {
  esFaultActor,
  esHandlerActor,
  esProjectionActor,
  esQueryActor,
  esSourceActor,
  projectionReads,
  streamOf,
  type EsSimModel,
} from './model';
import type { EsSimState, PendingCommand } from './state';
import type { RecordAppended } from '../../kafka/events';
import { categoryOf } from '../state';

const INF = Number.POSITIVE_INFINITY;

export function evolveEsSim(s: SimState, e: EsSimEvent): void {
  s.timeUs = e.timeUs;
  const es = s.eventStore;
  const m = s.model.eventStore;
  if (es === null || m === null)
    throw new Error(`invariant: ${e.type} in a run without an event store`);
  if (isEsClientEvent(e)) client(s, es, m, e);
  else store(s, es, m, e);
}

function store(s: SimState, es: EsSimState, m: EsSimModel, e: EsEvent & { timeUs: number }): void {
  if (es.store.timeUs < e.timeUs) es.store.timeUs = e.timeUs;
  const { timeUs, ...rest } = e;
  evolveEs(es.store, (e.type === 'es.timeAdvanced' ? e : rest) as EsEvent);
  if (e.type !== 'es.appended') return;
  // Async projections reading these streams wake up if idle.
  const cat = categoryOf(e.streamId);
  for (const pm of m.projections) {
    if (pm.inline || !projectionReads(m, pm, cat)) continue;
    const a = esProjectionActor(m, pm.index);
    if (s.wake.get(a) === INF) s.wake.set(a, timeUs);
  }
}

/** A command waits for a handler: an idle one is woken unless enough are due already. */
function enqueue(s: SimState, es: EsSimState, m: EsSimModel, a: number, cmd: PendingCommand): void {
  es.queues[a]!.push(cmd);
  const hs = m.aggregates[a]!.handlers;
  const due = hs.filter((i) => es.handlers[i]!.status === 'due').length;
  if (due < es.queues[a]!.length) {
    const idle = hs.find((i) => es.handlers[i]!.status === 'idle');
    if (idle !== undefined) {
      es.handlers[idle]!.status = 'due';
      s.wake.set(esHandlerActor(m, idle), cmd.sentUs);
    }
  }
}

/**
 * A Kafka record appended to a topic that feeds aggregates: a command for each of them (its
 * type is the record's event type; its stream `<aggregate>-<record key>`, or the payload's key
 * field when the key is null). The aggregate's command handlers consume the topic as records
 * are appended (no consumer group is modelled: no lag, no offsets). Applied with the record's
 * own event: nothing else is needed, so the state stays a fold of the events.
 */
export function commandsFromRecord(s: SimState, e: RecordAppended): void {
  const m = s.model.eventStore;
  const es = s.eventStore;
  if (!m || !es) return;
  const aggs = m.topicAggregates.get(e.topic);
  if (aggs === undefined) return;
  for (const a of aggs) {
    const id = es.nextCommandId++;
    es.counters.commands++;
    es.sources[a]!.sent++;
    enqueue(s, es, m, a, {
      commandId: id,
      commandType: e.eventType,
      stream: streamOf(m.aggregates[a]!.id, e.key ?? e.entity ?? 'none'),
      sentUs: e.timeUs,
    });
  }
}

function handlerIndex(m: EsSimModel, aggregate: string, handler: string): number {
  const a = m.aggregateIndex.get(aggregate);
  const h =
    a === undefined
      ? undefined
      : m.aggregates[a]!.handlers.find((i) => m.handlers[i]!.id === handler);
  if (h === undefined) throw new Error(`invariant: no handler ${handler} of ${aggregate}`);
  return h;
}

/** A handler done with its command: idle, or due for the next one in the queue. */
function release(s: SimState, es: EsSimState, m: EsSimModel, h: number, t: number): void {
  const hs = es.handlers[h]!;
  hs.command = null;
  hs.state = null;
  hs.attempt = 0;
  const a = m.handlers[h]!.aggregate;
  const due = m.aggregates[a]!.handlers.filter((i) => es.handlers[i]!.status === 'due').length;
  if (es.queues[a]!.length > due) {
    hs.status = 'due';
    s.wake.set(esHandlerActor(m, h), t);
  } else {
    hs.status = 'idle';
    s.wake.set(esHandlerActor(m, h), INF);
  }
}

function wakeWaitingQueries(
  s: SimState,
  es: EsSimState,
  m: EsSimModel,
  p: number,
  t: number,
): void {
  const rm = es.projections[p]!.readModel;
  for (const qm of m.queries) {
    if (qm.projection !== p) continue;
    const w = es.queries[qm.index]!.waiting;
    if (w === null) continue;
    const a = esQueryActor(m, qm.index);
    if (s.wake.get(a) === INF && (rm.get(w.stream)?.lastVersion ?? -1) >= w.version)
      s.wake.set(a, t);
  }
}

function client(s: SimState, es: EsSimState, m: EsSimModel, e: EsClientEvent): void {
  const c = es.counters;
  const t = e.timeUs;
  switch (e.type) {
    case 'es.commandSent': {
      const a = m.aggregateIndex.get(e.aggregate)!;
      if (e.commandId !== es.nextCommandId) throw new Error('invariant: command ids in order');
      es.nextCommandId++;
      es.sources[a]!.sent++;
      c.commands++;
      s.wake.set(esSourceActor(m, a), e.nextSendUs ?? INF);
      enqueue(s, es, m, a, {
        commandId: e.commandId,
        commandType: e.commandType,
        stream: e.stream,
        sentUs: t,
      });
      return;
    }
    case 'es.commandHandling': {
      const h = handlerIndex(m, e.aggregate, e.handler);
      const hs = es.handlers[h]!;
      if (e.attempt === 1) {
        const a = m.handlers[h]!.aggregate;
        const cmd = es.queues[a]!.shift();
        if (hs.status !== 'due' || cmd === undefined || cmd.commandId !== e.commandId)
          throw new Error(`invariant: ${e.handler} takes command ${e.commandId} out of turn`);
        hs.command = cmd;
      } else {
        if (hs.status !== 'busy' || hs.command?.commandId !== e.commandId)
          throw new Error(`invariant: ${e.handler} retries a command it does not hold`);
        c.retries++;
      }
      hs.status = 'busy';
      hs.attempt = e.attempt;
      hs.readVersion = e.readVersion;
      hs.state = e.state;
      hs.steps++;
      c.eventsRead += e.eventsRead;
      c.upcasted += e.upcasted;
      if (e.snapshotIgnored) c.snapshotsIgnored++;
      s.wake.set(esHandlerActor(m, h), e.doneUs);
      return;
    }
    case 'es.commandSucceeded': {
      const h = handlerIndex(m, e.aggregate, e.handler);
      const hs = es.handlers[h]!;
      // No append succeeds at a version other than the one read: the record is the stream's
      // event number readVersion + 1.
      if (e.nextExpectedVersion !== hs.readVersion + 1)
        throw new Error(
          `invariant: append to ${e.stream} succeeded at ${e.nextExpectedVersion} after reading ${hs.readVersion}`,
        );
      c.succeeded++;
      c.appends++;
      es.aggregates.set(e.stream, e.stateAfter);
      const a = m.aggregateIndex.get(e.aggregate)!;
      es.aggregateCounters[a]!.succeeded++;
      const w = { stream: e.stream, version: e.nextExpectedVersion, timeUs: t };
      es.lastWrite[a] = w;
      es.lastWriteAll = w;
      release(s, es, m, h, t);
      return;
    }
    case 'es.appendConflicted':
      // A re-read (es.commandHandling, attempt + 1) or es.commandFailed follows in this step.
      c.conflicts++;
      es.aggregateCounters[m.aggregateIndex.get(e.aggregate)!]!.conflicts++;
      return;
    case 'es.commandRejected': {
      c.rejectedCommands++;
      es.aggregateCounters[m.aggregateIndex.get(e.aggregate)!]!.rejected++;
      release(s, es, m, handlerIndex(m, e.aggregate, e.handler), t);
      return;
    }
    case 'es.commandFailed': {
      const h = handlerIndex(m, e.aggregate, e.handler);
      const hs = es.handlers[h]!;
      if (hs.status === 'due') {
        const cmd = es.queues[m.handlers[h]!.aggregate]!.shift();
        if (cmd?.commandId !== e.commandId)
          throw new Error(`invariant: ${e.handler} fails command ${e.commandId} out of turn`);
      }
      c.failedCommands++;
      es.aggregateCounters[m.handlers[h]!.aggregate]!.failed++;
      release(s, es, m, h, t);
      return;
    }
    case 'es.eventVersionError':
      c.versionErrors++;
      return;
    case 'es.snapshotTaken':
      c.snapshots++;
      es.snapshots.set(e.stream, {
        version: e.version,
        schemaVersion: e.schemaVersion,
        state: e.state,
      });
      return;
    case 'es.projected': {
      const p = m.projectionIndex.get(e.projection)!;
      const ps = es.projections[p]!;
      const pm = m.projections[p]!;
      if (!pm.inline) {
        if (ps.busy?.position !== e.position)
          throw new Error(`invariant: ${pm.id} handled ${e.position}, not the record it holds`);
        ps.busy = null;
        ps.position = e.position + 1;
        ps.handledSinceCheckpoint++;
        if (e.checkpoint !== null) {
          ps.checkpoint = e.checkpoint;
          ps.handledSinceCheckpoint = 0;
        }
        if (e.rebuildCompleted) ps.rebuildTarget = null;
        // Idle until an append wakes it (an es.projectionHandling in this step wakes it first).
        s.wake.set(esProjectionActor(m, p), INF);
      } else ps.position = e.position + 1;
      c.projected++;
      if (e.duplicate && e.applied) c.doubleCounted++;
      if (e.duplicate && !e.applied) c.deduplicated++;
      if (e.applied) {
        const row = ps.readModel.get(e.stream) ?? { count: 0, total: 0, lastVersion: -1 };
        row.count++;
        row.total += e.amount;
        if (e.eventNumber > row.lastVersion) row.lastVersion = e.eventNumber;
        ps.readModel.set(e.stream, row);
      }
      wakeWaitingQueries(s, es, m, p, t);
      return;
    }
    case 'es.projectionHandling': {
      const p = m.projectionIndex.get(e.projection)!;
      const ps = es.projections[p]!;
      if (ps.busy !== null || e.position < ps.position)
        throw new Error(`invariant: ${e.projection} takes ${e.position} out of order`);
      ps.busy = { position: e.position, doneUs: e.doneUs };
      ps.steps++;
      s.wake.set(esProjectionActor(m, p), e.doneUs);
      return;
    }
    case 'es.projectionCaughtUp': {
      const p = m.projectionIndex.get(e.projection)!;
      const ps = es.projections[p]!;
      ps.position = e.position;
      if (e.rebuildCompleted) ps.rebuildTarget = null;
      s.wake.set(esProjectionActor(m, p), INF);
      return;
    }
    case 'es.projectionCrashed': {
      const p = m.projectionIndex.get(e.projection)!;
      const ps = es.projections[p]!;
      c.projectionCrashes++;
      // What was handled after the last checkpoint is handled again: the read model keeps it.
      ps.position = ps.checkpoint;
      ps.handledSinceCheckpoint = 0;
      ps.busy = null;
      s.wake.set(esProjectionActor(m, p), t);
      nextFault(s, es, m);
      return;
    }
    case 'es.rebuildStarted': {
      const p = m.projectionIndex.get(e.projection)!;
      const ps = es.projections[p]!;
      c.rebuilds++;
      ps.readModel = new Map();
      ps.position = 0;
      ps.checkpoint = 0;
      ps.handledSinceCheckpoint = 0;
      ps.busy = null;
      ps.rebuildTarget = e.target;
      s.wake.set(esProjectionActor(m, p), t);
      nextFault(s, es, m);
      return;
    }
    case 'es.deployed': {
      const a = m.aggregateIndex.get(e.aggregate)!;
      es.eventVersion[a] = e.eventVersion;
      es.snapshotSchemaVersion[a] = e.snapshotSchemaVersion;
      nextFault(s, es, m);
      return;
    }
    case 'es.queryAnswered': {
      const q = m.queries.findIndex((x) => x.id === e.query);
      const qs = es.queries[q]!;
      qs.sent++;
      qs.waiting = null;
      c.queries++;
      if (e.stale) {
        qs.stale++;
        c.staleReads++;
        if (e.behindEvents > c.maxStaleEvents) c.maxStaleEvents = e.behindEvents;
        if (e.behindMs > c.maxStaleMs) c.maxStaleMs = e.behindMs;
      }
      s.wake.set(esQueryActor(m, q), e.nextSendUs ?? INF);
      return;
    }
    case 'es.queryWaiting': {
      const q = m.queries.findIndex((x) => x.id === e.query);
      es.queries[q]!.waiting = {
        stream: e.stream,
        version: e.commandVersion,
        timeUs: e.commandUs,
        sinceUs: t,
      };
      c.readYourWritesWaits++;
      s.wake.set(esQueryActor(m, q), INF);
      return;
    }
  }
}

function nextFault(s: SimState, es: EsSimState, m: EsSimModel): void {
  es.faultCursor++;
  s.wake.set(esFaultActor(m), m.faults[es.faultCursor]?.atUs ?? INF);
}
