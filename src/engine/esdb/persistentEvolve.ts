/**
 * The only code that changes a PersistentState: each case applies one fact that persistent.ts
 * decided. Deterministic bookkeeping that EventStoreDB does as a consequence of a fact (the
 * RoundRobin turn, Pinned bucket rebalancing on connect and release on disconnect, sequence
 * numbers) happens here, so that fold(events) rebuilds the state exactly. Sources: persistent.ts.
 */
import type {
  PersistentEvent,
  PersistentState,
  PinnedBucket,
  PinnedState,
  PsGroup,
  PsMessage,
} from './persistentTypes';
import type { ResolvedEvent } from './types';
import { esdbStreamHash } from './xxhash';

/** PinnedConsumerState.MaxBucketCount. */
export const PINNED_BUCKETS = 1024;

export class PersistentInvariantError extends Error {}

function check(cond: boolean, what: string): asserts cond {
  if (!cond) throw new PersistentInvariantError(`persistent subscriptions: ${what}`);
}

export function initialPersistentState(): PersistentState {
  return { timeUs: 0, groups: new Map() };
}

export function findGroup(s: PersistentState, stream: string, group: string): PsGroup | undefined {
  return s.groups.get(stream)?.get(group);
}

function mustGroup(s: PersistentState, stream: string, group: string): PsGroup {
  const g = findGroup(s, stream, group);
  check(g !== undefined, `no group ${JSON.stringify(group)} on ${JSON.stringify(stream)}`);
  return g;
}

/** The event as the subscribed stream holds it: the link when it came as one (OriginalEvent). */
export function originalOf(e: ResolvedEvent) {
  return e.link ?? e.event;
}

/** A message's place in the group's stream: its event number, or for `$all` its commit position. */
export function positionOf(stream: string, e: ResolvedEvent): number {
  const o = originalOf(e);
  return stream === '$all' ? o.position : o.eventNumber;
}

/**
 * PinnablePersistentSubscriptionConsumerStrategy.GetSourceStreamId: the resolved event's stream;
 * an unresolved link (`$>`) pins on the stream named in its data (`<number>@<stream>`).
 */
export function pinnedSourceStreamId(e: ResolvedEvent): string {
  const rec = e.event;
  if (rec.eventType === '$>' && typeof rec.data === 'string') {
    const at = rec.data.indexOf('@');
    return at === -1 ? rec.data : rec.data.slice(at + 1);
  }
  return rec.streamId;
}

export function pinnedBucketOf(e: ResolvedEvent): number {
  return esdbStreamHash(pinnedSourceStreamId(e)) % PINNED_BUCKETS;
}

function emptyPinned(): PinnedState {
  return { nodes: [], buckets: new Map(), assignmentCount: 0 };
}

function newGroup(stream: string, group: string, e: { settings: PsGroup['settings'] }): PsGroup {
  return {
    stream,
    group,
    settings: e.settings,
    consumers: new Map(),
    queue: [],
    pinned: emptyPinned(),
    nextConn: 0,
    outstanding: new Map(),
    retry: [],
    buffer: [],
    nextRead: 0,
    nextSeq: 0,
    lastKnownSeq: -1,
    lastKnownPos: null,
    lastCheckpointedSeq: -1,
    lastCheckpointUs: null,
    checkpoint: null,
    parked: [],
    nextParkedNumber: 0,
  };
}

/** PersistentSubscription.InitAsNew + OnCheckpointLoaded. */
function load(g: PsGroup, readFrom: number): void {
  check(g.consumers.size === 0, 'a group reloads with no consumers');
  g.queue = [];
  g.pinned = emptyPinned();
  g.outstanding = new Map();
  g.retry = [];
  g.buffer = [];
  g.nextRead = readFrom;
  if (g.checkpoint === null) {
    g.nextSeq = 0;
    g.lastCheckpointedSeq = -1;
    g.lastKnownSeq = -1;
    g.lastKnownPos = null;
  } else {
    g.nextSeq = 1;
    g.lastCheckpointedSeq = 0;
    g.lastKnownSeq = 0;
    g.lastKnownPos = g.checkpoint;
  }
  g.lastCheckpointUs = null;
}

// --- Pinned: PinnedConsumerState, ported ------------------------------------------------------

function pinnedNode(p: PinnedState, conn: number) {
  const n = p.nodes.find((x) => x.conn === conn);
  check(n !== undefined, `pinned node ${conn} exists`);
  return n;
}

/** ApplyBucketAssigned. */
function applyBucketAssigned(p: PinnedState, bucket: number, conn: number): void {
  let b = p.buckets.get(bucket);
  if (b === undefined) {
    b = { state: 'unassigned', conn: -1, inFlight: 0 };
    p.buckets.set(bucket, b);
  }
  if (b.state !== 'assigned') p.assignmentCount++;
  if (b.state !== 'unassigned') pinnedNode(p, b.conn).assignmentCount--;
  b.state = 'assigned';
  b.conn = conn;
  pinnedNode(p, conn).assignmentCount++;
}

/** AddNode: the new node takes buckets from nodes above the balanced share, fewest in flight first. */
function pinnedAddNode(p: PinnedState, conn: number, consumer: string, maxInFlight: number): void {
  const node = { conn, consumer, connected: true, maxInFlight, assignmentCount: 0 };
  p.nodes.push(node);
  const clients = p.nodes.filter((n) => n.connected).length;
  const maxBalanced = Math.ceil(p.assignmentCount / clients);
  const moves: number[] = [];
  const sorted = [...p.buckets.entries()].sort((a, b) => a[0] - b[0]);
  for (const existing of p.nodes) {
    if (existing === node || !existing.connected) continue;
    if (existing.assignmentCount <= maxBalanced) continue;
    const mine = sorted.filter(([, b]) => b.conn === existing.conn && b.state === 'assigned');
    // OrderBy(InFlightCount) is stable: ties keep bucket order.
    const ordered = mine
      .map((x, i) => ({ x, i }))
      .sort((a, b) => a.x[1].inFlight - b.x[1].inFlight || a.i - b.i);
    for (const { x } of ordered.slice(0, existing.assignmentCount - maxBalanced)) moves.push(x[0]);
  }
  for (const bucket of moves) applyBucketAssigned(p, bucket, conn);
  // Clean: forget disconnected nodes that hold no bucket.
  p.nodes = p.nodes.filter((n) => n.connected || n.assignmentCount !== 0);
}

/** DisconnectNode: its buckets wait, disconnected, for the next event that needs them. */
function pinnedDisconnect(p: PinnedState, conn: number): void {
  const node = pinnedNode(p, conn);
  check(node.connected, 'a pinned node disconnects once');
  node.connected = false;
  p.assignmentCount -= node.assignmentCount;
  check(p.assignmentCount >= 0, 'pinned assignment count stays >= 0');
  for (const b of p.buckets.values()) {
    if (b.conn === conn) {
      b.state = 'disconnected';
      b.inFlight = 0;
    }
  }
}

/** EventRemoved: a message its node held is settled. */
function pinnedEventRemoved(p: PinnedState, conn: number, bucket: number): void {
  const b: PinnedBucket | undefined = p.buckets.get(bucket);
  if (b !== undefined && b.conn === conn) b.inFlight--;
}

// --- messages ----------------------------------------------------------------------------------

/** PersistentSubscriptionClientCollection.RemoveProcessingMessages for one id. */
function releaseFromConsumers(g: PsGroup, eventId: string, msg: PsMessage): void {
  for (const c of g.consumers.values()) {
    if (!c.inFlight.delete(eventId)) continue;
    if (g.settings.namedConsumerStrategy === 'Pinned')
      pinnedEventRemoved(g.pinned, c.conn, pinnedBucketOf(msg.event));
  }
}

function takeOutstanding(g: PsGroup, eventId: string): PsMessage {
  const o = g.outstanding.get(eventId);
  check(o !== undefined, `event ${JSON.stringify(eventId)} is in flight`);
  releaseFromConsumers(g, eventId, o.msg);
  g.outstanding.delete(eventId);
  return o.msg;
}

/** StreamBuffer.AddRetry: replayed parked messages at the end, others before any later position. */
function addRetry(g: PsGroup, m: PsMessage): void {
  if (m.replayed) {
    g.retry.push(m);
    return;
  }
  const at = g.retry.findIndex((r) => !r.replayed && m.position < r.position);
  if (at === -1) g.retry.push(m);
  else g.retry.splice(at, 0, m);
}

function rotateTo(queue: string[], consumer: string, toFront: boolean): string[] {
  const i = queue.indexOf(consumer);
  check(i !== -1, 'the delivered consumer is in the turn');
  const start = toFront ? i : i + 1;
  return [...queue.slice(start), ...queue.slice(0, start)];
}

export function evolvePersistent(s: PersistentState, e: PersistentEvent): PersistentState {
  switch (e.type) {
    case 'ps.timeAdvanced':
      check(e.toUs >= s.timeUs, 'time never goes back');
      s.timeUs = e.toUs;
      return s;
    case 'ps.groupCreated': {
      check(findGroup(s, e.stream, e.group) === undefined, 'a group is created once');
      let byStream = s.groups.get(e.stream);
      if (byStream === undefined) {
        byStream = new Map();
        s.groups.set(e.stream, byStream);
      }
      byStream.set(e.group, newGroup(e.stream, e.group, e));
      return s;
    }
    case 'ps.groupUpdated':
      mustGroup(s, e.stream, e.group).settings = e.settings;
      return s;
    case 'ps.groupDeleted': {
      const g = mustGroup(s, e.stream, e.group);
      check(g.consumers.size === 0, 'a group is deleted with no consumers');
      const byStream = s.groups.get(e.stream);
      byStream?.delete(e.group);
      if (byStream?.size === 0) s.groups.delete(e.stream);
      return s;
    }
    case 'ps.groupLoaded':
      load(mustGroup(s, e.stream, e.group), e.readFrom);
      return s;
    case 'ps.consumerConnected': {
      const g = mustGroup(s, e.stream, e.group);
      check(!g.consumers.has(e.consumer), 'a consumer id is connected once');
      const conn = g.nextConn++;
      g.consumers.set(e.consumer, {
        id: e.consumer,
        conn,
        bufferSize: e.bufferSize,
        inFlight: new Set(),
      });
      g.queue.push(e.consumer);
      pinnedAddNode(g.pinned, conn, e.consumer, e.bufferSize);
      return s;
    }
    case 'ps.consumerDropped': {
      const g = mustGroup(s, e.stream, e.group);
      const c = g.consumers.get(e.consumer);
      check(c !== undefined, 'a dropped consumer was connected');
      g.consumers.delete(e.consumer);
      g.queue = g.queue.filter((x) => x !== e.consumer);
      pinnedDisconnect(g.pinned, c.conn);
      // Its in-flight messages stay outstanding: the decision retries them next (ps.retried).
      return s;
    }
    case 'ps.eventsRead': {
      const g = mustGroup(s, e.stream, e.group);
      for (const ev of e.events) {
        g.buffer.push({
          event: ev,
          eventId: originalOf(ev).eventId,
          position: positionOf(g.stream, ev),
          retryCount: 0,
          replayed: false,
          seq: null,
          prevPos: null,
        });
      }
      check(e.nextRead >= g.nextRead, 'reading moves forward');
      g.nextRead = e.nextRead;
      return s;
    }
    case 'ps.bucketAssigned': {
      const g = mustGroup(s, e.stream, e.group);
      const c = g.consumers.get(e.consumer);
      check(c !== undefined, 'a bucket goes to a connected consumer');
      applyBucketAssigned(g.pinned, e.bucket, c.conn);
      return s;
    }
    case 'ps.delivered': {
      const g = mustGroup(s, e.stream, e.group);
      const list = e.from === 'retry' ? g.retry : g.buffer;
      const m = list[e.index];
      check(
        m !== undefined && m.eventId === e.eventId,
        'a delivery names the message at its index',
      );
      list.splice(e.index, 1);
      const c = g.consumers.get(e.consumer);
      check(c !== undefined, 'a delivery goes to a connected consumer');
      check(c.inFlight.size < c.bufferSize, 'a consumer never holds more than its buffer size');
      // OutstandingMessage.ForPushedEvent: a new event takes the next sequence number.
      if (m.seq === null && !m.replayed) {
        check(e.seq === g.nextSeq, 'sequence numbers follow each other');
        m.seq = e.seq;
        m.prevPos = g.lastKnownPos;
        g.nextSeq++;
      }
      m.retryCount = e.retryCount;
      // MarkBeginProcessing.
      if (m.seq !== null && m.seq > g.lastKnownSeq) {
        g.lastKnownSeq = m.seq;
        g.lastKnownPos = m.position;
      }
      const strategy = g.settings.namedConsumerStrategy;
      if (strategy === 'RoundRobin') g.queue = rotateTo(g.queue, e.consumer, false);
      else if (strategy === 'DispatchToSingle') g.queue = rotateTo(g.queue, e.consumer, true);
      if (!e.untracked) {
        g.outstanding.set(m.eventId, { msg: m, expiresUs: e.expiresUs, consumer: e.consumer });
        c.inFlight.add(m.eventId);
        if (strategy === 'Pinned') {
          const b = g.pinned.buckets.get(pinnedBucketOf(m.event));
          check(b !== undefined && b.conn === c.conn, 'a pinned delivery follows its bucket');
          b.inFlight++;
        }
      }
      return s;
    }
    case 'ps.acked': {
      const g = mustGroup(s, e.stream, e.group);
      for (const id of e.eventIds) takeOutstanding(g, id);
      return s;
    }
    case 'ps.skipped':
      takeOutstanding(mustGroup(s, e.stream, e.group), e.eventId);
      return s;
    case 'ps.retried': {
      const g = mustGroup(s, e.stream, e.group);
      const m = takeOutstanding(g, e.eventId);
      check(e.retryCount === m.retryCount + 1, 'a retry counts one more');
      addRetry(g, { ...m, retryCount: e.retryCount });
      return s;
    }
    case 'ps.parked': {
      const g = mustGroup(s, e.stream, e.group);
      const m = takeOutstanding(g, e.eventId);
      check(e.parkedNumber === g.nextParkedNumber, 'parked numbers follow each other');
      g.parked.push({
        parkedNumber: e.parkedNumber,
        event: m.event,
        eventId: m.eventId,
        position: m.position,
        reason: e.reason,
        timeUs: e.timeUs,
      });
      g.nextParkedNumber = e.parkedNumber + 1;
      return s;
    }
    case 'ps.parkedReplayed': {
      const g = mustGroup(s, e.stream, e.group);
      const wanted = new Set(e.parkedNumbers);
      const replay = g.parked.filter((p) => wanted.has(p.parkedNumber));
      check(replay.length === e.parkedNumbers.length, 'replayed messages were parked');
      g.parked = g.parked.filter((p) => !wanted.has(p.parkedNumber));
      // OutstandingMessage.ForParkedEvent: retry count 0, no sequence number.
      for (const p of replay) {
        addRetry(g, {
          event: p.event,
          eventId: p.eventId,
          position: p.position,
          retryCount: 0,
          replayed: true,
          seq: null,
          prevPos: null,
        });
      }
      return s;
    }
    case 'ps.checkpointed': {
      const g = mustGroup(s, e.stream, e.group);
      g.checkpoint = e.position;
      g.lastCheckpointedSeq = e.seq;
      g.lastCheckpointUs = e.timeUs;
      return s;
    }
    default:
      return assertNever(e);
  }
}

function assertNever(e: never): never {
  throw new PersistentInvariantError(`unknown event ${JSON.stringify(e)}`);
}
