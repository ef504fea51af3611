/**
 * The only code that changes an EsState. Each case applies one fact; store.ts decided it.
 * Invariants asserted here: positions in `$all` are 0, 1, 2 … with no gap; event numbers in a
 * stream continue from its last one; nothing is written to a hard-deleted stream; time never goes
 * back; a projection handles `$all` in order.
 */
import { assertNever, type EsEvent } from './events';
import { DELETED_STREAM, initialEsState, type EsState, type EsStream } from './state';
import type { RecordedEvent } from './types';

/** State = fold(events): the store a run's events leave. */
export function foldEs(events: readonly EsEvent[]): EsState {
  const s = initialEsState();
  for (const e of events) evolveEs(s, e);
  return s;
}

export function evolveEs(s: EsState, e: EsEvent): EsState {
  switch (e.type) {
    case 'es.appended': {
      const st = streamFor(s, e.streamId);
      for (const r of e.records) {
        if (r.streamId !== e.streamId) throw new Error(`record of ${r.streamId} in ${e.streamId}`);
        push(s, st, r);
      }
      return s;
    }
    case 'es.tombstoned': {
      const st = streamFor(s, e.record.streamId);
      if (st.tombstone !== null) throw new Error(`stream ${st.id} is already deleted`);
      if (e.record.eventNumber !== DELETED_STREAM) throw new Error('a tombstone has DeletedStream');
      log(s, e.record);
      st.tombstone = e.record;
      return s;
    }
    case 'es.appendIdempotent':
    case 'es.writeRejected':
      return s;
    case 'es.timeAdvanced':
      if (e.timeUs < s.timeUs) throw new Error('sim time went back');
      s.timeUs = e.timeUs;
      return s;
    case 'es.projectionEnabled':
      mustProjection(s, e.projection).status = 'Running';
      delete mustProjection(s, e.projection).reason;
      return s;
    case 'es.projectionDisabled':
      mustProjection(s, e.projection).status = 'Stopped';
      return s;
    case 'es.projectionHandled': {
      const p = mustProjection(s, e.projection);
      if (p.status !== 'Running') throw new Error(`${e.projection} is not running`);
      if (e.position !== p.checkpoint) throw new Error(`${e.projection} skipped a position`);
      if (e.link !== null) push(s, streamFor(s, e.link.streamId), e.link);
      p.checkpoint = e.position + 1;
      return s;
    }
    case 'es.projectionFaulted': {
      const p = mustProjection(s, e.projection);
      p.status = 'Faulted';
      p.reason = e.reason;
      return s;
    }
    default:
      return assertNever(e);
  }
}

function streamFor(s: EsState, id: string): EsStream {
  let st = s.streams.get(id);
  if (st === undefined) {
    st = { id, events: [], tombstone: null, ids: new Map() };
    s.streams.set(id, st);
  }
  return st;
}

function log(s: EsState, r: RecordedEvent): void {
  if (r.position !== s.log.length) throw new Error(`position ${r.position} is not $all's end`);
  if (r.createdUs !== s.timeUs) throw new Error('a record is created now');
  s.log.push(r);
}

function push(s: EsState, st: EsStream, r: RecordedEvent): void {
  if (st.tombstone !== null) throw new Error(`write to the deleted stream ${st.id}`);
  if (r.eventNumber !== st.events.length)
    throw new Error(`event number ${r.eventNumber} in ${st.id}, expected ${st.events.length}`);
  log(s, r);
  st.events.push(r);
  st.ids.set(r.eventId, r.eventNumber);
}

function mustProjection(s: EsState, name: string) {
  const p = s.projections.get(name as never);
  if (p === undefined) throw new Error(`no projection ${name}`);
  return p;
}
