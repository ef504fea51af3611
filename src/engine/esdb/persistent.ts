/**
 * EventStoreDB persistent subscriptions (issue 13): server-side subscription groups on a stream or
 * `$all`, competing consumers, ack / nak, retries, parking, replay, checkpoints. Pure and
 * deterministic: every change is a `PersistentEvent` applied by evolvePersistent, so the state is
 * fold(events) (foldPersistent).
 *
 * Sources followed (EventStore/EventStore at 3f1acb7e4, the KurrentDB rename of EventStoreDB):
 * - docs/server/features/persistent-subscriptions.md — groups, at-least-once, consumer
 *   strategies, parked stream `$persistentsubscription-{stream}::{group}-parked`, replay pushes
 *   parked messages before new events, checkpoint stream `…-checkpoint`, reload from the last
 *   checkpoint (events may be received again).
 * - docs/http-api/persistent.md — setting names, nack actions (Park, Retry, Skip, Stop), update
 *   drops the current subscribers and resets the subscription.
 * - EventStore-Client-NodeJS persistentSubscriptionSettings.ts — defaults (messageTimeout 30000,
 *   maxRetryCount 10, checkPointAfter 2000, lower/upper bound 10/1000, maxSubscriberCount
 *   unbounded, live 500, readBatchSize 20, history buffer 500, RoundRobin, startFrom END).
 * - src/EventStore.Core/Services/PersistentSubscription/: PersistentSubscription.cs (push scan of
 *   the retry list then the read buffer; HandleNackedMessage; ActionTakenForRetriedMessage: a
 *   retry with retryCount >= maxRetryCount parks "Reached retry count of N"; nack Park reason
 *   "Client explicitly NAK'ed message.\n" + reason; Stop only removes the message — its
 *   StopSubscription is a TODO no-op; NotifyClockTick; TryMarkCheckpoint; RetryParkedMessages),
 *   OutstandingMessage.cs (sequence numbers, ForRetriedEvent +1, ForParkedEvent retry 0),
 *   StreamBuffer.cs (AddRetry order, CanAccept), OutstandingMessageCache.cs (expiry <= now),
 *   PersistentSubscriptionClient.cs (in flight <= the connect's buffer size),
 *   ConsumerStrategy/*.cs (RoundRobin queue, DispatchToSingle, Pinned = PinnedConsumerState with
 *   1024 buckets and XXHashUnsafe of the source stream id — see xxhash.ts),
 *   PersistentSubscriptionService.cs (errors, 1 s timer tick, `checkPointAfter` 0 = never by
 *   time, RemoveClientByCorrelationId: a gone consumer's messages are retried, +1 each).
 *
 * Where the model approximates (and why):
 * - Timer ticks fall on whole seconds of simulated time (ESDB's 1 s timer has its own phase);
 *   message timeouts and timed checkpoints act only at ticks, as in ESDB.
 * - Reading: the group pages from the log (`readBatchSize` while the buffer can accept a batch)
 *   whether behind or live; `liveBufferSize` and `extraStatistics` are kept but change nothing.
 * - A delivery whose event id is already in flight (ESDB's SkippedDuplicate) is delivered
 *   untracked and takes no consumer slot (ESDB leaks the slot).
 * - A checkpoint that would not move (no new handled message) is not written again.
 * - All operations complete at once (no "checkpoint already being written", no NotReady state).
 *
 * Known ESDB behaviour the model keeps: after a reload, events after the checkpoint are delivered
 * again even if they were acked or parked; a parked or replayed message in memory is lost on a
 * reload (the parked stream was truncated by the replay); Pinned leaves an event whose consumer
 * is full in the buffer and goes on with later ones, so push order is not position order and a
 * checkpoint (the position before the lowest owed sequence number) can pass an event Pinned held
 * back, which a reload then skips. RoundRobin and DispatchToSingle never checkpoint past an owed
 * event (a property test holds them to it, across restarts and updates).
 *
 * ## Intended wiring in the store's `runEventStoreScript` (store.ts / runScript.ts)
 * ```ts
 * const ps = initialPersistentState();
 * const source: PersistentSource = {
 *   read: (stream, from, max, resolve) => stream === '$all'
 *     ? readAllForwards(store, from, max, resolve)        // positions >= from
 *     : readStreamForwards(store, stream, from, max, resolve).events,
 *   end: (stream) => stream === '$all' ? lastPosition(store) + 1 : lastEventNumber(store, stream) + 1,
 * };
 * function psOp(op: unknown) {
 *   const r = stepPersistent(ps, op, source);
 *   for (const w of r.parkedWrites) appendSystem(store, w.parkedStream, w); // a `$>` link event
 *   for (const t of r.truncations) setTruncateBefore(store, t.parkedStream, t.truncateBefore);
 *   for (const d of r.deletedStreams) softDelete(store, d);
 *   observe({ error: r.error, deliveries: r.deliveries, problems: r.problems });
 * }
 * // ops createPersistentSubscription / updatePersistentSubscription / deletePersistentSubscription
 * // / connectToPersistentSubscription / ack / nak / replayParked: psOp(op) as given;
 * // after every successful append: psOp({ op: 'appended' });
 * // advanceTime: psOp({ op: 'advanceTime', toUs: store.timeUs });
 * // listing parked messages: parkedMessages(ps, stream, group).
 * ```
 * Writes to the parked stream are the store's appends; the module keeps its own parked list (the
 * parked stream's content from its truncate-before on), so it never reads them back.
 */
import {
  evolvePersistent,
  findGroup,
  initialPersistentState,
  originalOf,
  pinnedBucketOf,
  positionOf,
} from './persistentEvolve';
import {
  DEFAULT_PERSISTENT_SETTINGS,
  type PersistentEvent,
  type PersistentOp,
  type PersistentSource,
  type PersistentState,
  type PersistentStepResult,
  type PsDelivery,
  type PsDropReason,
  type PsGroup,
  type PsMessage,
  type PsParked,
} from './persistentTypes';
import { validatePersistentOp } from './persistentValidate';
import type { EsError, ResolvedEvent } from './types';

export { initialPersistentState, evolvePersistent } from './persistentEvolve';

/** ESDB's persistent subscription timer (PersistentSubscriptionService: 1000 ms). */
export const TICK_US = 1_000_000;
/** Most events one op may produce; beyond it the op stops with a problem (state stays valid). */
export const MAX_EVENTS_PER_OP = 50_000;
/** Most events one read from the source may return. */
const MAX_READ = 10_000;

export const parkedStreamName = (stream: string, group: string): string =>
  `$persistentsubscription-${stream}::${group}-parked`;
export const checkpointStreamName = (stream: string, group: string): string =>
  `$persistentsubscription-${stream}::${group}-checkpoint`;

class Step {
  readonly events: PersistentEvent[] = [];
  readonly problems: string[] = [];
  readonly deliveries: PsDelivery[] = [];
  error: EsError | null = null;
  stopped = false;
  constructor(
    readonly s: PersistentState,
    readonly source: PersistentSource,
  ) {}
  emit(e: PersistentEvent): void {
    evolvePersistent(this.s, e);
    this.events.push(e);
    if (!this.stopped && this.events.length >= MAX_EVENTS_PER_OP) {
      this.stopped = true;
      this.problems.push(
        `the op stopped after ${MAX_EVENTS_PER_OP} events (work bound); time is at ${this.s.timeUs} µs`,
      );
    }
  }
}

const key = (g: PsGroup) => ({ stream: g.stream, group: g.group });

// --- reading ---------------------------------------------------------------------------------

/** Where a (re)loaded group starts reading: after its checkpoint, else its startFrom. */
function readFromOnLoad(g: PsGroup, source: PersistentSource): number {
  if (g.checkpoint !== null) return g.checkpoint + 1;
  const sf = g.settings.startFrom;
  if (sf === 'start') return 0;
  if (sf === 'end') return safeEnd(source, g.stream);
  return sf;
}

function safeEnd(source: PersistentSource, stream: string): number {
  const e = source.end(stream);
  return Number.isSafeInteger(e) && e >= 0 ? e : 0;
}

/** StreamBuffer.CanAccept(readBatchSize) → read a batch; events must move forward. */
function readBatches(t: Step, g: PsGroup): void {
  const st = g.settings;
  while (!t.stopped && st.bufferSize - (g.retry.length + g.buffer.length) > st.readBatchSize) {
    const max = Math.min(st.readBatchSize, MAX_READ);
    const got = t.source.read(g.stream, g.nextRead, max, st.resolveLinkTos);
    if (!Array.isArray(got) || got.length === 0) break;
    const events: ResolvedEvent[] = [];
    let next = g.nextRead;
    for (const ev of got.slice(0, max)) {
      const pos = positionOf(g.stream, ev);
      if (!Number.isSafeInteger(pos) || pos < next) {
        t.problems.push(
          `source: ${g.stream} returned position ${pos} below ${next}; reading stopped`,
        );
        break;
      }
      events.push(ev);
      next = pos + 1;
    }
    if (events.length === 0) break;
    t.emit({ type: 'ps.eventsRead', ...key(g), events, nextRead: next });
    if (events.length < got.length) break;
  }
}

// --- pushing ---------------------------------------------------------------------------------

type Push = { kind: 'sent'; consumer: string } | { kind: 'skipped' } | { kind: 'full' };

function canSend(g: PsGroup, consumer: string): boolean {
  const c = g.consumers.get(consumer);
  return c !== undefined && c.inFlight.size < c.bufferSize;
}

/** The consumer strategy's PushMessageToClient (the pinned bucket is assigned on the way). */
function strategyPush(t: Step, g: PsGroup, m: PsMessage): Push {
  const strategy = g.settings.namedConsumerStrategy;
  if (strategy !== 'Pinned') {
    // RoundRobin: each consumer in turn (the served one goes to the back, evolve);
    // DispatchToSingle: the one at the front until it is full, then the next.
    for (const c of g.queue) if (canSend(g, c)) return { kind: 'sent', consumer: c };
    return { kind: 'full' };
  }
  const p = g.pinned;
  let capacity = 0;
  for (const n of p.nodes) {
    if (!n.connected) continue;
    capacity += n.maxInFlight - (g.consumers.get(n.consumer)?.inFlight.size ?? 0);
  }
  if (capacity <= 0) return { kind: 'full' };
  const bucket = pinnedBucketOf(m.event);
  const b = p.buckets.get(bucket);
  if (b === undefined || b.state !== 'assigned') {
    // ChooseClient: the connected node with the fewest buckets (the first on ties).
    let best: (typeof p.nodes)[number] | null = null;
    for (const n of p.nodes) {
      if (n.connected && (best === null || n.assignmentCount < best.assignmentCount)) best = n;
    }
    if (best === null) return { kind: 'full' };
    t.emit({ type: 'ps.bucketAssigned', ...key(g), bucket, consumer: best.consumer });
  }
  const assigned = p.buckets.get(bucket);
  const node = p.nodes.find((n) => n.conn === assigned?.conn);
  if (node === undefined || !canSend(g, node.consumer)) return { kind: 'skipped' };
  return { kind: 'sent', consumer: node.consumer };
}

/** TryPushingMessagesToClients: scan the retry list, then the buffer. */
function pushAll(t: Step, g: PsGroup): boolean {
  let any = false;
  if (g.consumers.size === 0) return false;
  for (const from of ['retry', 'buffer'] as const) {
    let i = 0;
    for (;;) {
      if (t.stopped) return any;
      const list = from === 'retry' ? g.retry : g.buffer;
      const m = list[i];
      if (m === undefined) break;
      const r = strategyPush(t, g, m);
      if (r.kind === 'full') return any;
      if (r.kind === 'skipped') {
        i++;
        continue;
      }
      const timeout = g.settings.messageTimeoutMilliseconds * 1000;
      t.emit({
        type: 'ps.delivered',
        ...key(g),
        consumer: r.consumer,
        from,
        index: i,
        eventId: m.eventId,
        retryCount: m.retryCount,
        seq: m.seq === null && !m.replayed ? g.nextSeq : m.seq,
        expiresUs: t.s.timeUs + timeout,
        untracked: g.outstanding.has(m.eventId),
      });
      t.deliveries.push({
        ...key(g),
        consumer: r.consumer,
        event: m.event,
        retryCount: m.retryCount,
      });
      any = true;
    }
  }
  return any;
}

/** Read what fits, push what consumers can take, until nothing moves. */
function settle(t: Step, g: PsGroup): void {
  while (!t.stopped) {
    readBatches(t, g);
    // a push frees room in the buffer: read again, until nothing more goes out
    if (!pushAll(t, g)) return;
  }
}

function settleAll(t: Step): void {
  for (const byStream of t.s.groups.values()) for (const g of byStream.values()) settle(t, g);
}

// --- settling messages -------------------------------------------------------------------------

/** ActionTakenForRetriedMessage, then RetryMessage. */
function retryOrPark(t: Step, g: PsGroup, eventId: string, cause: 'nak' | 'timeout'): void {
  const o = g.outstanding.get(eventId);
  if (o === undefined) return;
  if (o.msg.retryCount >= g.settings.maxRetryCount) {
    park(t, g, eventId, `Reached retry count of ${g.settings.maxRetryCount}`);
    return;
  }
  t.emit({ type: 'ps.retried', ...key(g), eventId, retryCount: o.msg.retryCount + 1, cause });
}

function park(t: Step, g: PsGroup, eventId: string, reason: string): void {
  const o = g.outstanding.get(eventId);
  if (o === undefined) return;
  t.emit({
    type: 'ps.parked',
    ...key(g),
    eventId,
    event: o.msg.event,
    reason,
    parkedNumber: g.nextParkedNumber,
    timeUs: t.s.timeUs,
  });
}

/** The lowest message still owed (in flight or waiting to be retried), by sequence number. */
function lowestOwed(g: PsGroup): PsMessage | null {
  let low: PsMessage | null = null;
  const consider = (m: PsMessage) => {
    if (m.replayed || m.seq === null) return;
    if (low === null || m.seq < (low.seq ?? Infinity)) low = m;
  };
  for (const o of g.outstanding.values()) consider(o.msg);
  for (const m of g.retry) consider(m);
  return low;
}

/** What TryMarkCheckpoint would record now: the last position below which all is handled. */
function checkpointCandidate(g: PsGroup): { seq: number; pos: number } | null {
  const low = lowestOwed(g);
  if (low !== null) {
    const m: PsMessage = low;
    if (m.prevPos === null) return null; // the first message is not handled yet
    return { seq: (m.seq ?? 0) - 1, pos: m.prevPos };
  }
  if (g.lastKnownSeq === -1 || g.lastKnownPos === null) return null; // nothing pushed yet
  return { seq: g.lastKnownSeq, pos: g.lastKnownPos };
}

const afterUs = (g: PsGroup) =>
  g.settings.checkPointAfterMilliseconds === 0
    ? Infinity // ToCheckPointAfterTimeout(0) = TimeSpan.MaxValue
    : g.settings.checkPointAfterMilliseconds * 1000;

/** TryMarkCheckpoint(isTimeCheck). */
function tryCheckpoint(t: Step, g: PsGroup, isTimeCheck: boolean): void {
  const c = checkpointCandidate(g);
  if (c === null) return;
  const diff = c.seq - g.lastCheckpointedSeq;
  if (diff <= 0) return; // nothing new handled: the same checkpoint is not written again
  const now = t.s.timeUs;
  const sinceLast =
    g.lastCheckpointUs === null ? Number.MAX_SAFE_INTEGER : now - g.lastCheckpointUs;
  const st = g.settings;
  if (sinceLast < afterUs(g) && diff < st.maxCheckPointCount) return;
  if ((diff >= st.minCheckPointCount && isTimeCheck) || diff >= st.maxCheckPointCount)
    t.emit({ type: 'ps.checkpointed', ...key(g), position: c.pos, seq: c.seq, timeUs: now });
}

// --- time ------------------------------------------------------------------------------------

const tickAtOrAfter = (us: number) => Math.ceil(us / TICK_US) * TICK_US;

/** The next tick after `now` at which this group has something to do, or null. */
function nextTickFor(g: PsGroup, now: number): number | null {
  const first = Math.floor(now / TICK_US) * TICK_US + TICK_US;
  let best: number | null = null;
  const offer = (us: number) => {
    const tick = Math.max(first, tickAtOrAfter(us));
    if (best === null || tick < best) best = tick;
  };
  for (const o of g.outstanding.values()) offer(o.expiresUs);
  const c = checkpointCandidate(g);
  if (c !== null) {
    const diff = c.seq - g.lastCheckpointedSeq;
    const st = g.settings;
    if (diff > 0 && diff >= st.maxCheckPointCount) offer(now);
    else if (diff > 0 && diff >= st.minCheckPointCount && afterUs(g) !== Infinity)
      offer(g.lastCheckpointUs === null ? now : g.lastCheckpointUs + afterUs(g));
  }
  return best;
}

/** NotifyClockTick on every group. */
function tick(t: Step): void {
  const now = t.s.timeUs;
  for (const byStream of t.s.groups.values()) {
    for (const g of byStream.values()) {
      // GetMessagesExpiringBefore(now): expiry <= now, earliest first (delivery order on ties).
      const due = [...g.outstanding.entries()]
        .map(([id, o], i) => ({ id, at: o.expiresUs, i }))
        .filter((x) => x.at <= now)
        .sort((a, b) => a.at - b.at || a.i - b.i);
      for (const d of due) {
        if (t.stopped) return;
        retryOrPark(t, g, d.id, 'timeout');
      }
      settle(t, g);
      tryCheckpoint(t, g, true);
    }
  }
}

function advanceTime(t: Step, toUs: number): void {
  if (toUs < t.s.timeUs) {
    t.problems.push(`advanceTime.toUs: ${toUs} is before the current time ${t.s.timeUs}`);
    return;
  }
  while (!t.stopped) {
    let next: number | null = null;
    for (const byStream of t.s.groups.values()) {
      for (const g of byStream.values()) {
        const n = nextTickFor(g, t.s.timeUs);
        if (n !== null && (next === null || n < next)) next = n;
      }
    }
    if (next === null || next > toUs) break;
    t.emit({ type: 'ps.timeAdvanced', toUs: next });
    tick(t);
  }
  if (!t.stopped && toUs > t.s.timeUs) t.emit({ type: 'ps.timeAdvanced', toUs });
}

// --- ops -------------------------------------------------------------------------------------

function dropAll(t: Step, g: PsGroup, reason: PsDropReason): void {
  for (const c of [...g.consumers.keys()])
    t.emit({ type: 'ps.consumerDropped', ...key(g), consumer: c, reason });
}

function notFound(t: Step, stream: string, group: string): void {
  t.error = { name: 'PersistentSubscriptionNotFound', streamId: stream, group };
}

function run(t: Step, op: PersistentOp): void {
  const s = t.s;
  switch (op.op) {
    case 'createPersistentSubscription': {
      if (findGroup(s, op.stream, op.group)) {
        t.error = { name: 'PersistentSubscriptionExists', streamId: op.stream, group: op.group };
        return;
      }
      const settings = { ...DEFAULT_PERSISTENT_SETTINGS, ...op.settings };
      if (op.stream === '$all' && typeof settings.startFrom === 'number') {
        if (settings.startFrom > safeEnd(t.source, '$all')) {
          t.problems.push(
            'settings.startFrom: Invalid Start From position: commit position must be less than or equal to the last commit position in the transaction file.',
          );
          return;
        }
      }
      t.emit({ type: 'ps.groupCreated', stream: op.stream, group: op.group, settings });
      const g = findGroup(s, op.stream, op.group);
      if (!g) return;
      t.emit({ type: 'ps.groupLoaded', ...key(g), readFrom: readFromOnLoad(g, t.source) });
      settle(t, g);
      return;
    }
    case 'updatePersistentSubscription': {
      const g = findGroup(s, op.stream, op.group);
      if (!g) return notFound(t, op.stream, op.group);
      dropAll(t, g, 'groupUpdated');
      t.emit({
        type: 'ps.groupUpdated',
        ...key(g),
        settings: { ...DEFAULT_PERSISTENT_SETTINGS, ...op.settings },
      });
      t.emit({ type: 'ps.groupLoaded', ...key(g), readFrom: readFromOnLoad(g, t.source) });
      settle(t, g);
      return;
    }
    case 'deletePersistentSubscription': {
      const g = findGroup(s, op.stream, op.group);
      if (!g) return notFound(t, op.stream, op.group);
      dropAll(t, g, 'groupDeleted');
      t.emit({ type: 'ps.groupDeleted', ...key(g) });
      return;
    }
    case 'connectToPersistentSubscription': {
      const g = findGroup(s, op.stream, op.group);
      if (!g) return notFound(t, op.stream, op.group);
      const max = g.settings.maxSubscriberCount;
      if (max !== 0 && g.consumers.size >= max) {
        t.error = { name: 'MaximumSubscribersReached', streamId: op.stream, group: op.group };
        return;
      }
      if (g.consumers.has(op.consumer)) {
        t.problems.push(
          `connectToPersistentSubscription.consumer: ${JSON.stringify(op.consumer)} is already connected`,
        );
        return;
      }
      t.emit({
        type: 'ps.consumerConnected',
        ...key(g),
        consumer: op.consumer,
        bufferSize: op.bufferSize,
      });
      settle(t, g);
      return;
    }
    case 'disconnect': {
      const g = findGroup(s, op.stream, op.group);
      if (!g) return notFound(t, op.stream, op.group);
      const c = g.consumers.get(op.consumer);
      if (!c) {
        t.problems.push(`disconnect.consumer: ${JSON.stringify(op.consumer)} is not connected`);
        return;
      }
      const held = [...c.inFlight]
        .map((id) => g.outstanding.get(id)?.msg)
        .filter((m) => m !== undefined);
      t.emit({
        type: 'ps.consumerDropped',
        ...key(g),
        consumer: op.consumer,
        reason: 'disconnected',
      });
      // RemoveClientByCorrelationId: its unconfirmed messages, by event number, are retried (+1).
      held.sort((a, b) => originalOf(a.event).eventNumber - originalOf(b.event).eventNumber);
      for (const m of held)
        t.emit({
          type: 'ps.retried',
          ...key(g),
          eventId: m.eventId,
          retryCount: m.retryCount + 1,
          cause: 'disconnect',
        });
      settle(t, g);
      return;
    }
    case 'ack':
    case 'nak': {
      const g = findGroup(s, op.stream, op.group);
      if (!g) return notFound(t, op.stream, op.group);
      if (!g.consumers.has(op.consumer)) {
        t.problems.push(`${op.op}.consumer: ${JSON.stringify(op.consumer)} is not connected`);
        return;
      }
      // Ids not in flight are ignored, as ESDB does (RemoveProcessingMessages / GetMessageById).
      if (op.op === 'ack') {
        const ids = [...new Set(op.eventIds)].filter((id) => g.outstanding.has(id));
        if (ids.length > 0) t.emit({ type: 'ps.acked', ...key(g), eventIds: ids });
      } else {
        for (const id of op.eventIds) {
          if (!g.outstanding.has(id)) continue;
          if (op.action === 'Retry') retryOrPark(t, g, id, 'nak');
          else if (op.action === 'Park')
            park(t, g, id, `Client explicitly NAK'ed message.\n${op.reason ?? ''}`);
          else t.emit({ type: 'ps.skipped', ...key(g), eventId: id, action: op.action });
        }
      }
      tryCheckpoint(t, g, false);
      settle(t, g);
      return;
    }
    case 'replayParked': {
      const g = findGroup(s, op.stream, op.group);
      if (!g) return notFound(t, op.stream, op.group);
      const stopAt = op.stopAt ?? g.nextParkedNumber;
      const nums = g.parked.filter((p) => p.parkedNumber < stopAt).map((p) => p.parkedNumber);
      if (nums.length === 0) return;
      t.emit({
        type: 'ps.parkedReplayed',
        ...key(g),
        parkedNumbers: nums,
        truncateBefore: Math.min(stopAt, g.nextParkedNumber),
      });
      settle(t, g);
      return;
    }
    case 'appended':
      settleAll(t);
      return;
    case 'advanceTime':
      advanceTime(t, op.toUs);
      return;
    case 'restartPersistentSubscriptions': {
      for (const byStream of s.groups.values()) {
        for (const g of byStream.values()) {
          dropAll(t, g, 'restarted');
          t.emit({ type: 'ps.groupLoaded', ...key(g), readFrom: readFromOnLoad(g, t.source) });
        }
      }
      settleAll(t);
      return;
    }
  }
}

/**
 * Runs one op (untrusted JSON) against the state, which it changes through evolve only. Never
 * throws on bad input: problems name the field. `source` is read only by the groups.
 */
export function stepPersistent(
  state: PersistentState,
  rawOp: unknown,
  source: PersistentSource,
): PersistentStepResult {
  const t = new Step(state, source);
  const v = validatePersistentOp(rawOp);
  if (v.op === null) t.problems.push(...v.problems);
  else run(t, v.op);
  return resultOf(t);
}

function resultOf(t: Step): PersistentStepResult {
  const r: PersistentStepResult = {
    events: t.events,
    error: t.error,
    problems: t.problems,
    deliveries: [],
    parkedWrites: [],
    checkpoints: [],
    truncations: [],
    deletedStreams: [],
    dropped: [],
  };
  for (const e of t.events) {
    switch (e.type) {
      case 'ps.parked': {
        const o = originalOf(e.event);
        const rec = e.event.event;
        r.parkedWrites.push({
          stream: e.stream,
          group: e.group,
          parkedStream: parkedStreamName(e.stream, e.group),
          eventType: '$>',
          data: `${rec.eventNumber}@${rec.streamId}`,
          metadata: { reason: e.reason, subscriptionEventNumber: o.eventNumber, addedUs: e.timeUs },
        });
        break;
      }
      case 'ps.checkpointed':
        r.checkpoints.push({
          stream: e.stream,
          group: e.group,
          checkpointStream: checkpointStreamName(e.stream, e.group),
          position: e.position,
        });
        break;
      case 'ps.parkedReplayed':
        r.truncations.push({
          parkedStream: parkedStreamName(e.stream, e.group),
          truncateBefore: e.truncateBefore,
        });
        break;
      case 'ps.groupDeleted':
        r.deletedStreams.push(
          parkedStreamName(e.stream, e.group),
          checkpointStreamName(e.stream, e.group),
        );
        break;
      case 'ps.consumerDropped':
        r.dropped.push({
          stream: e.stream,
          group: e.group,
          consumer: e.consumer,
          reason: e.reason,
        });
        break;
      default:
        break;
    }
  }
  r.deliveries = t.deliveries;
  return r;
}

/** Replays events from the initial state. */
export function foldPersistent(events: readonly PersistentEvent[]): PersistentState {
  const s = initialPersistentState();
  for (const e of events) evolvePersistent(s, e);
  return s;
}

/** The group's parked messages (its parked stream from the truncate-before on), or null. */
export function parkedMessages(
  s: PersistentState,
  stream: string,
  group: string,
): PsParked[] | null {
  const g = findGroup(s, stream, group);
  return g ? g.parked.map((p) => ({ ...p })) : null;
}

export interface PersistentGroupInfo {
  stream: string;
  group: string;
  settings: PsGroup['settings'];
  checkpoint: number | null;
  consumers: { consumer: string; bufferSize: number; inFlight: string[] }[];
  inFlight: number;
  retryWaiting: number;
  buffered: number;
  parked: number;
  nextRead: number;
}

export function persistentGroupInfo(
  s: PersistentState,
  stream: string,
  group: string,
): PersistentGroupInfo | null {
  const g = findGroup(s, stream, group);
  if (!g) return null;
  return {
    stream,
    group,
    settings: { ...g.settings },
    checkpoint: g.checkpoint,
    consumers: [...g.consumers.values()].map((c) => ({
      consumer: c.id,
      bufferSize: c.bufferSize,
      inFlight: [...c.inFlight],
    })),
    inFlight: g.outstanding.size,
    retryWaiting: g.retry.length,
    buffered: g.buffer.length,
    parked: g.parked.length,
    nextRead: g.nextRead,
  };
}
