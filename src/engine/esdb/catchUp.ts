/**
 * EventStoreDB catch-up subscriptions as a client uses them (issue 13): `subscribeToStream` /
 * `subscribeToAll` from a starting point, the events already there, then live ones as they are
 * appended; `unsubscribe`; a checkpoint the client stores itself; a client restart that loses the
 * subscriptions (not the stored checkpoints), after which the client subscribes again from its
 * checkpoint and receives the events after it again: at-least-once.
 *
 * Sources followed:
 * - EventStore/documentation docs/clients/grpc/subscriptions.md ("Subscription basics"): the
 *   handler is called for each event from the starting point, one by one to the end of the stream,
 *   then for every new event; "The positions provided to the subscriptions are exclusive. You will
 *   only receive the next event after the subscribed position"; `START` / `END` (END: only new
 *   events); "Resolving link-to's" (`resolveLinkTos`); "Dropped subscriptions" (Disposed,
 *   SubscriberError, ServerError); "Handling subscription drops" / "Checkpointing":
 *   the client keeps the position of the last event it processed and subscribes again from it
 *   (so events after it may be processed twice — handlers must be idempotent).
 * - EventStore-Client-Dotnet docs/docs/subscribing-to-streams/basics.md (same rules, `$all` by
 *   commit position); eventstore (Rust) RegularCatchupSubscribe: "if a starting point of 50 is
 *   specified when a stream has 100 events in it, the subscriber can expect to see events 51
 *   through 100".
 *
 * The model: a subscription keeps `next` (the first revision, or `$all` position, it may still
 * receive) and `last` (the last one received). Subscribing to a stream that does not exist yet
 * waits for it; a hard-deleted stream drops the subscription with `StreamDeleted` (the server's
 * answer to a read of a tombstoned stream). `$all` subscriptions receive every record (system
 * events too: no server-side filter is modelled). State = fold(events): `cu.*` facts only.
 */
import type { ReadEvent } from './types';

export interface CatchUpSubscription {
  id: string;
  /** A stream, or `$all`. */
  stream: string;
  resolveLinkTos: boolean;
  /** The first revision (stream) or position (`$all`) not yet received. */
  next: number;
  /** The last revision / position received, or null. */
  last: number | null;
}

/** A checkpoint the client stored (in its own database: it survives a client restart). */
export interface StoredCheckpoint {
  stream: string;
  position: number;
}

export interface CatchUpState {
  /** Live subscriptions, in subscribe order (ids are user text: a Map). */
  subscriptions: Map<string, CatchUpSubscription>;
  checkpoints: Map<string, StoredCheckpoint>;
}

/**
 * Why a subscription ended: `Disposed` (the docs' reason when the client cancels it: unsubscribe),
 * `StreamDeleted` (the server's error for a tombstoned stream, a `ServerError` drop), or
 * `clientRestarted` (the client process went away: no callback runs, the subscription is gone).
 */
export type CatchUpDropReason = 'Disposed' | 'clientRestarted' | 'StreamDeleted';

export type CatchUpEvent =
  | {
      type: 'cu.subscribed';
      id: string;
      stream: string;
      resolveLinkTos: boolean;
      next: number;
    }
  /** Events received, in order: `last` is the last one's revision / position. */
  | { type: 'cu.received'; id: string; count: number; last: number }
  | { type: 'cu.dropped'; id: string; reason: CatchUpDropReason }
  | { type: 'cu.checkpointStored'; id: string; stream: string; position: number };

export function initialCatchUpState(): CatchUpState {
  return { subscriptions: new Map(), checkpoints: new Map() };
}

/** The only code that changes a CatchUpState. */
export function evolveCatchUp(s: CatchUpState, e: CatchUpEvent): CatchUpState {
  switch (e.type) {
    case 'cu.subscribed':
      if (s.subscriptions.has(e.id)) throw new Error(`subscription ${e.id} is already live`);
      s.subscriptions.set(e.id, {
        id: e.id,
        stream: e.stream,
        resolveLinkTos: e.resolveLinkTos,
        next: e.next,
        last: null,
      });
      return s;
    case 'cu.received': {
      const sub = mustSub(s, e.id);
      if (e.last < sub.next) throw new Error(`subscription ${e.id} went back`);
      sub.last = e.last;
      sub.next = e.last + 1;
      return s;
    }
    case 'cu.dropped':
      mustSub(s, e.id);
      s.subscriptions.delete(e.id);
      return s;
    case 'cu.checkpointStored':
      s.checkpoints.set(e.id, { stream: e.stream, position: e.position });
      return s;
  }
}

function mustSub(s: CatchUpState, id: string): CatchUpSubscription {
  const sub = s.subscriptions.get(id);
  if (sub === undefined) throw new Error(`no subscription ${id}`);
  return sub;
}

/** The revision (stream) or position (`$all`) a received event stands at. */
export function catchUpPositionOf(stream: string, e: ReadEvent): number {
  const o = e.link ?? e.event;
  if (o === null || o === undefined) throw new Error('a read event has a record');
  return stream === '$all' ? o.position : o.eventNumber;
}
