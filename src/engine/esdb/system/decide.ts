/**
 * What the event store's actors do next, as events: command sources, command handlers,
 * projections, queries and the fault schedule. Draws randomness from counter-based streams
 * (kernel/rng.ts); never changes the state (evolve.ts does).
 *
 * Sources followed:
 * - The command handler: EventStoreDB's optimistic concurrency (docs, ".NET TCP client ›
 *   Appending events", kurrent-io/documentation docs/clients/tcp/dotnet/21.2/appending.md, as
 *   ../store.ts follows it): a client reads the stream and appends with the expected version it
 *   read; if another writer appended in between, the append fails with WrongExpectedVersion
 *   (expected vs actual) and writes nothing. The handler then reads again and retries, up to
 *   maxRetries (the usual reload-and-retry loop), or fails the command. It reads from its
 *   latest snapshot when the snapshot's schema version is the running code's.
 * - Async projections: a catch-up subscription that keeps its own checkpoint (docs,
 *   "Subscriptions", docs/clients/tcp/dotnet/21.2/subscriptions.md: catch-up subscriptions
 *   produce read models, "projections"; the checkpoint is stored by the subscriber, and only a
 *   checkpoint stored with the projected change in one transaction gives exactly-once). Here the
 *   checkpoint is written every `checkpointEvery` events, apart from the read model: after a
 *   crash the events since the checkpoint are handled again (at-least-once).
 */
import type { SimEvent } from '../../kafka/events';
import { sampleFrom } from '../../kafka/distributions';
import { chooseKey, nextSendUs } from '../../kafka/producer';
import type { SimState } from '../../kafka/state';
import { draw01 } from '../../kernel/rng';
import type { EsEvent } from '../events';
import { categoryOf } from '../state';
import { decideAppend } from '../store';
import type { RecordedEvent } from '../types';
import {
  decideCommand,
  DEFAULT_CURRENCY,
  evolveAgg,
  foldAgg,
  initialAggState,
  readData,
  schemaVersionOf,
  type AggState,
} from './domain';
import type { EsClientEvent, EsStoreSimEvent } from './events';
import { ALL, projectionReads, streamOf, type EsAggregateModel } from './model';
import type { EsSimState, PendingCommand } from './state';

const finite = (t: number): number | null => (Number.isFinite(t) ? t : null);

/** Store events decided against a store whose clock may lag: stamped and dated now. */
function stamp(evs: readonly EsEvent[], t: number): EsStoreSimEvent[] {
  return evs.map((e) => {
    if (e.type === 'es.appended')
      return { ...e, records: e.records.map((r) => ({ ...r, createdUs: t })), timeUs: t };
    return { ...e, timeUs: t } as EsStoreSimEvent;
  });
}

export type ReadResult =
  | {
      ok: true;
      state: AggState;
      readVersion: number;
      snapshotVersion: number | null;
      snapshotIgnored: boolean;
      eventsRead: number;
      upcasted: number;
    }
  | { ok: false; at: RecordedEvent; eventVersion: number; expected: number };

/** A handler's read of a stream: its latest usable snapshot, then the events after it. */
export function readAggregate(es: EsSimState, am: EsAggregateModel, stream: string): ReadResult {
  const events = es.store.streams.get(stream)?.events ?? [];
  const expected = es.eventVersion[am.index]!;
  const snap = am.snapshotEvery > 0 ? es.snapshots.get(stream) : undefined;
  const usable = snap !== undefined && snap.schemaVersion === es.snapshotSchemaVersion[am.index];
  const from = usable ? snap.version + 1 : 0;
  const f = foldAgg(
    events.slice(from),
    expected,
    am.upcast,
    usable ? snap.state : initialAggState(),
  );
  if (!f.ok) return f;
  return {
    ok: true,
    state: f.state,
    readVersion: events.length - 1,
    snapshotVersion: usable ? snap.version : null,
    snapshotIgnored: snap !== undefined && !usable,
    eventsRead: events.length - from,
    upcasted: f.upcasted,
  };
}

/** The fault actor: the next scheduled fault or action. */
export function esFaultStep(s: SimState, t: number): SimEvent[] {
  const es = s.eventStore!;
  const m = s.model.eventStore!;
  const f = m.faults[es.faultCursor]!;
  switch (f.spec.kind) {
    case 'projectionCrash': {
      const ps = es.projections[f.target]!;
      return [
        {
          type: 'es.projectionCrashed',
          timeUs: t,
          projection: f.spec.projection,
          fault: f.index,
          position: ps.position,
          checkpoint: ps.checkpoint,
        },
      ];
    }
    case 'rebuild':
      return [
        {
          type: 'es.rebuildStarted',
          timeUs: t,
          projection: f.spec.projection,
          fault: f.index,
          target: es.store.log.length,
        },
      ];
    case 'deploy':
      return [
        {
          type: 'es.deployed',
          timeUs: t,
          aggregate: f.spec.aggregate,
          fault: f.index,
          eventVersion: f.spec.eventVersion ?? es.eventVersion[f.target]!,
          snapshotSchemaVersion:
            f.spec.snapshotSchemaVersion ?? es.snapshotSchemaVersion[f.target]!,
        },
      ];
  }
}

/** A command source sends its next command. */
export function esSourceStep(s: SimState, a: number, t: number): SimEvent[] {
  const es = s.eventStore!;
  const am = s.model.eventStore!.aggregates[a]!;
  const pm = am.source!;
  const sent = es.sources[a]!.sent;
  const key0 = pm.streamKey;
  const ki = chooseKey(pm, draw01(key0, sent, 0));
  const key = pm.keyNames[ki] ?? '';
  const n = am.commandTypes.length;
  const commandType = am.commandTypes[Math.min(n - 1, Math.floor(draw01(key0, sent, 4) * n))]!;
  return [
    {
      type: 'es.commandSent',
      timeUs: t,
      aggregate: am.id,
      commandId: es.nextCommandId,
      commandType,
      stream: streamOf(am.id, key),
      nextSendUs: finite(nextSendUs(pm, t, key0, sent)),
    },
  ];
}

function handling(
  s: SimState,
  h: number,
  cmd: PendingCommand,
  attempt: number,
  t: number,
  steps: number,
): SimEvent[] {
  const es = s.eventStore!;
  const m = s.model.eventStore!;
  const hm = m.handlers[h]!;
  const am = m.aggregates[hm.aggregate]!;
  const r = readAggregate(es, am, cmd.stream);
  if (!r.ok)
    return [
      {
        type: 'es.eventVersionError',
        timeUs: t,
        reader: hm.id,
        stream: cmd.stream,
        eventNumber: r.at.eventNumber,
        eventVersion: r.eventVersion,
        expected: r.expected,
      },
      {
        type: 'es.commandFailed',
        timeUs: t,
        aggregate: am.id,
        handler: hm.id,
        commandId: cmd.commandId,
        stream: cmd.stream,
        reason: 'eventVersion',
        attempts: attempt,
      },
    ];
  return [
    {
      type: 'es.commandHandling',
      timeUs: t,
      aggregate: am.id,
      handler: hm.id,
      commandId: cmd.commandId,
      commandType: cmd.commandType,
      stream: cmd.stream,
      attempt,
      readVersion: r.readVersion,
      state: r.state,
      snapshotVersion: r.snapshotVersion,
      snapshotIgnored: r.snapshotIgnored,
      eventsRead: r.eventsRead,
      upcasted: r.upcasted,
      doneUs: t + sampleFrom(hm.processing, hm.streamKey, steps, 0),
    },
  ];
}

/** A command handler: take the next command (read), or decide and append what it read. */
export function esHandlerStep(s: SimState, h: number, t: number): SimEvent[] {
  const es = s.eventStore!;
  const m = s.model.eventStore!;
  const hs = es.handlers[h]!;
  const hm = m.handlers[h]!;
  const am = m.aggregates[hm.aggregate]!;
  if (hs.status === 'due') {
    const cmd = es.queues[hm.aggregate]![0];
    if (cmd === undefined) throw new Error(`invariant: ${hm.id} is due with no command`);
    return handling(s, h, cmd, 1, t, hs.steps);
  }
  const cmd = hs.command!;
  const state = hs.state!;
  const base = { aggregate: am.id, handler: hm.id, commandId: cmd.commandId, stream: cmd.stream };
  const eventVersion = es.eventVersion[am.index]!;
  const currency = am.upcast?.defaults.get('currency');
  const d = decideCommand(
    am.rules,
    cmd.commandType,
    state,
    eventVersion,
    typeof currency === 'string' ? currency : DEFAULT_CURRENCY,
  );
  if (!d.ok) return [{ type: 'es.commandRejected', timeUs: t, ...base, reason: d.reason }];
  const expected = hs.readVersion < 0 ? 'no_stream' : hs.readVersion;
  const dec = decideAppend(es.store, cmd.stream, expected, [
    {
      eventId: `command-${cmd.commandId}`,
      eventType: d.event.eventType,
      data: d.event.data,
      metadata: { schemaVersion: eventVersion, commandId: cmd.commandId },
    },
  ]);
  const out: SimEvent[] = stamp(dec.events, t);
  if (!dec.outcome.ok) {
    const err = dec.outcome.error;
    if (err.name !== 'WrongExpectedVersion')
      throw new Error(`invariant: ${err.name} on an aggregate stream`);
    const retry = hs.attempt <= am.maxRetries;
    const actual = err.actual;
    out.push({
      type: 'es.appendConflicted',
      timeUs: t,
      ...base,
      attempt: hs.attempt,
      expected: expected,
      actual,
      retry,
    });
    if (retry) out.push(...handling(s, h, cmd, hs.attempt + 1, t, hs.steps));
    else
      out.push({
        type: 'es.commandFailed',
        timeUs: t,
        ...base,
        reason: 'WrongExpectedVersion',
        attempts: hs.attempt,
      });
    return out;
  }
  const appended = dec.events[0];
  if (appended?.type !== 'es.appended') throw new Error('invariant: an append appends');
  const rec: RecordedEvent = { ...appended.records[0]!, createdUs: t };
  const after = evolveAgg(state, rec, eventVersion, am.upcast);
  if (!after.ok) throw new Error('invariant: the code reads the events it writes');
  out.push({
    type: 'es.commandSucceeded',
    timeUs: t,
    ...base,
    attempt: hs.attempt,
    nextExpectedVersion: dec.outcome.nextExpectedVersion,
    position: dec.outcome.position,
    eventVersion,
    stateAfter: after.state,
  });
  if (am.snapshotEvery > 0 && (rec.eventNumber + 1) % am.snapshotEvery === 0)
    out.push({
      type: 'es.snapshotTaken',
      timeUs: t,
      aggregate: am.id,
      stream: cmd.stream,
      version: rec.eventNumber,
      schemaVersion: es.snapshotSchemaVersion[am.index]!,
      state: after.state,
    });
  // Inline projections are updated with the append.
  for (const pm of m.projections) {
    if (!pm.inline || !projectionReads(m, pm, am.id)) continue;
    const row = es.projections[pm.index]!.readModel.get(cmd.stream);
    const duplicate = row !== undefined && row.lastVersion >= rec.eventNumber;
    out.push({
      type: 'es.projected',
      timeUs: t,
      projection: pm.id,
      position: rec.position,
      stream: cmd.stream,
      eventNumber: rec.eventNumber,
      amount: after.state.total - state.total,
      applied: !(pm.idempotent && duplicate),
      duplicate,
      checkpoint: null,
      rebuildCompleted: false,
    });
  }
  return out;
}

/** The next record at or after `from` in `$all` that projection p reads, or -1. */
function nextRecord(s: SimState, p: number, from: number): number {
  const m = s.model.eventStore!;
  const pm = m.projections[p]!;
  const log = s.eventStore!.store.log;
  let i = from;
  while (i < log.length && !projectionReads(m, pm, categoryOf(log[i]!.streamId))) i++;
  return i < log.length ? i : -1;
}

function startHandling(
  s: SimState,
  p: number,
  position: number,
  t: number,
  steps: number,
): EsClientEvent {
  const pm = s.model.eventStore!.projections[p]!;
  return {
    type: 'es.projectionHandling',
    timeUs: t,
    projection: pm.id,
    position,
    doneUs: t + sampleFrom(pm.processing, pm.streamKey, steps, 0),
  };
}

/**
 * An async projection, as a catch-up subscription with a checkpoint: it receives the next record
 * of its streams, handles it for its processing time, updates the read model, and writes its
 * checkpoint every `checkpointEvery` events; then takes the next one.
 */
export function esProjectionStep(s: SimState, p: number, t: number): SimEvent[] {
  const es = s.eventStore!;
  const m = s.model.eventStore!;
  const pm = m.projections[p]!;
  const ps = es.projections[p]!;
  const log = es.store.log;
  const done = (pos: number) => ps.rebuildTarget !== null && pos >= ps.rebuildTarget;
  if (ps.busy === null) {
    const i = nextRecord(s, p, ps.position);
    if (i < 0)
      return [
        {
          type: 'es.projectionCaughtUp',
          timeUs: t,
          projection: pm.id,
          position: log.length,
          rebuildCompleted: done(log.length),
        },
      ];
    return [startHandling(s, p, i, t, ps.steps)];
  }
  const r = log[ps.busy.position]!;
  const a = m.aggregateIndex.get(categoryOf(r.streamId)!)!;
  const read = readData(r, es.eventVersion[a]!, m.aggregates[a]!.upcast);
  const out: SimEvent[] = [];
  const row = ps.readModel.get(r.streamId);
  const duplicate = read !== null && row !== undefined && row.lastVersion >= r.eventNumber;
  const applied = read !== null && !(pm.idempotent && duplicate);
  const amount = read !== null && typeof read.data.amount === 'number' ? read.data.amount : 0;
  if (read === null)
    out.push({
      type: 'es.eventVersionError',
      timeUs: t,
      reader: pm.id,
      stream: r.streamId,
      eventNumber: r.eventNumber,
      eventVersion: schemaVersionOf(r),
      expected: es.eventVersion[a]!,
    });
  out.push({
    type: 'es.projected',
    timeUs: t,
    projection: pm.id,
    position: r.position,
    stream: r.streamId,
    eventNumber: r.eventNumber,
    amount,
    applied,
    duplicate,
    checkpoint: ps.handledSinceCheckpoint + 1 >= pm.checkpointEvery ? r.position + 1 : null,
    rebuildCompleted: done(r.position + 1),
  });
  const next = nextRecord(s, p, r.position + 1);
  if (next >= 0) out.push(startHandling(s, p, next, t, ps.steps + 1));
  return out;
}

/** A query: read the model for the last command's stream (or wait, with read-your-writes). */
export function esQueryStep(s: SimState, q: number, t: number): SimEvent[] {
  const es = s.eventStore!;
  const m = s.model.eventStore!;
  const qm = m.queries[q]!;
  const qs = es.queries[q]!;
  const pm = m.projections[qm.projection]!;
  const ps = es.projections[qm.projection]!;
  const lw =
    qs.waiting ??
    (pm.from === ALL ? es.lastWriteAll : es.lastWrite[m.aggregateIndex.get(pm.from)!]!);
  const modelVersion = lw === null ? -1 : (ps.readModel.get(lw.stream)?.lastVersion ?? -1);
  const behindEvents = lw === null ? 0 : Math.max(0, lw.version - modelVersion);
  if (behindEvents > 0 && qm.readYourWrites && qs.waiting === null)
    return [
      {
        type: 'es.queryWaiting',
        timeUs: t,
        query: qm.id,
        stream: lw!.stream,
        commandVersion: lw!.version,
        commandUs: lw!.timeUs,
        modelVersion,
      },
    ];
  const next = nextSendUs(qm.rate, t, qm.rate.streamKey, qs.sent);
  const answered: EsClientEvent = {
    type: 'es.queryAnswered',
    timeUs: t,
    query: qm.id,
    projection: pm.id,
    stream: lw === null ? null : lw.stream,
    commandVersion: lw === null ? -1 : lw.version,
    modelVersion,
    modelPosition: ps.position,
    behindEvents,
    behindMs: behindEvents > 0 ? (t - lw!.timeUs) / 1000 : 0,
    stale: behindEvents > 0,
    waitedMs: qs.waiting === null ? 0 : (t - qs.waiting.sinceUs) / 1000,
    nextSendUs: finite(next),
  };
  return [answered];
}
