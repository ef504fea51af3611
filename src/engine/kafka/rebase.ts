import { cloneState } from './clone';
import { FAULT_ACTOR, offsetsExpiryActor, txnCoordinatorActor, type Model } from './model';
import { nextOffsetsExpiryUs } from './offsetsExpiry';
import { nextTxnTimeoutUs } from './transactions';
import { faultWakeUs } from './addPartitions';
import type { SimState } from './state';

/**
 * What-if forks: a state carried over to a model recompiled from a changed scenario (another
 * client setting, a fault added or removed), so the run can continue under the change from
 * that point. Only changes that keep the topology are possible: the state is laid out by
 * topics, partitions, groups, members, producers and the key table, and those must stay.
 */

/** Why `next` cannot continue a state of `prev` (a sentence naming what changed), or null. */
export function topologyChange(prev: Model, next: Model): string | null {
  const list = (xs: string[]) => xs.join(', ') || 'none';
  // addPartitions reserves partitions at model build and schedules the groups' notices: a fork
  // keeps the schedule (when topics grow, and when each group's leader notices).
  const grows = (m: Model) =>
    m.partitionSteps.map(
      (st) => `${m.topics[st.topic]?.name} → ${st.count} at ${st.atUs / 1000} ms`,
    );
  if (list(grows(prev)) !== list(grows(next)))
    return `the addPartitions actions changed (${list(grows(prev))} → ${list(grows(next))}): a fork cannot change when a topic grows; run the changed scenario from the start`;
  const notices = (m: Model) => m.partitionNotices.map((n) => `${m.groups[n.group]?.id}@${n.atUs}`);
  if (list(notices(prev)) !== list(notices(next)))
    return `a group's metadata.max.age.ms changed while a topic grows: run the changed scenario from the start`;
  const topics = (m: Model) => m.topics.map((t) => `${t.name}(${t.partitions})`);
  if (list(topics(prev)) !== list(topics(next)))
    return `topics or partitions changed: ${list(topics(prev))} → ${list(topics(next))}`;
  const producers = (m: Model) => m.producers.map((p) => `${p.id}→${m.topics[p.topic]?.name}`);
  if (list(producers(prev)) !== list(producers(next)))
    return `producers changed: ${list(producers(prev))} → ${list(producers(next))}`;
  const groups = (m: Model) => m.groups.map((g) => g.id);
  if (list(groups(prev)) !== list(groups(next)))
    return `consumer groups changed: ${list(groups(prev))} → ${list(groups(next))}`;
  for (const [gi, g] of prev.groups.entries()) {
    const n = next.groups[gi]!;
    const subs = (m: Model, x: typeof g) => list(x.topics.map((t) => m.topics[t]?.name ?? '?'));
    if (subs(prev, g) !== subs(next, n))
      return `group ${g.id} subscribes to other topics: ${subs(prev, g)} → ${subs(next, n)}`;
    const ids = (m: Model, x: typeof g) => list(x.members.map((mi) => m.members[mi]!.id));
    if (ids(prev, g) !== ids(next, n))
      return `group ${g.id} has other members: ${ids(prev, g)} → ${ids(next, n)}`;
    // A transactional producer per member and the transaction coordinator are laid out at the
    // start; a transactional.id cannot come or go (or change) mid-run.
    const tids = (m: Model, x: typeof g) =>
      list(x.members.map((mi) => m.members[mi]!.transactionalId ?? '-'));
    if (tids(prev, g) !== tids(next, n))
      return `group ${g.id}'s transactional.id changed: ${tids(prev, g)} → ${tids(next, n)}`;
  }
  const amqp = (m: Model) => {
    const a = m.amqp;
    if (!a) return 'none';
    return JSON.stringify([
      a.topology,
      a.publishers.map((p) => p.id),
      a.consumers.map((c) => [
        c.id,
        c.queue,
        c.prefetch,
        c.autoAck,
        c.ackEvery,
        c.ackFlushUs,
        c.members.length,
      ]),
      a.members.map((mm) => mm.id),
    ]);
  };
  // The event store's actors are laid out at the start (esdb/system/model.ts).
  if (
    JSON.stringify(prev.scenario.eventStore ?? null) !==
    JSON.stringify(next.scenario.eventStore ?? null)
  )
    return 'the event store section changed (aggregates, projections, queries or their faults)';
  // Stream jobs' actors and operators are laid out at the start (stream/system/model.ts).
  if (
    JSON.stringify(prev.scenario.streams ?? null) !== JSON.stringify(next.scenario.streams ?? null)
  )
    return 'the streams section changed (window or pattern jobs)';
  if (JSON.stringify(prev.scenario.sagas ?? null) !== JSON.stringify(next.scenario.sagas ?? null))
    return 'the sagas section changed (orchestrators, their steps or crashes)';
  if (amqp(prev) !== amqp(next))
    return 'the RabbitMQ topology changed (exchanges, queues, bindings, publishers, consumers or their channels)';
  // The retention actor and the segments exist only with log settings (retention.ts).
  if ((prev.retention === null) !== (next.retention === null))
    return prev.retention
      ? 'the log settings (retention, segments) were removed'
      : 'log settings (retention, segments) were added';
  if ((prev.offsetsRetention === null) !== (next.offsetsRetention === null))
    return prev.offsetsRetention
      ? 'offsets.retention.minutes was removed'
      : 'offsets.retention.minutes was added';
  if (prev.keys.length !== next.keys.length || prev.keys.some((k, i) => next.keys[i] !== k))
    return `the producers' key sets changed (${prev.keys.length} → ${next.keys.length} keys)`;
  return null;
}

/**
 * A copy of `s` that continues under `model`. The fault schedule is re-aimed: faults already
 * behind the state's fault cursor stay done, the fault actor wakes for the model's next one
 * (which must not lie in the state's past). A group made idempotent starts an empty dedup
 * store at this point (it has not seen earlier events); one made non-idempotent drops it.
 * Partition logs stay shared, as with cloneState.
 */
export function rebaseState(s: SimState, model: Model): SimState {
  const why = topologyChange(s.model, model);
  if (why) throw new Error(`cannot continue this run under the changed scenario: ${why}`);
  const out: SimState = { ...cloneState(s), model };
  const next = model.faults[out.faultCursor];
  if (next && next.atUs < s.timeUs)
    throw new Error(
      `fault ${next.index} (${next.kind} at ${next.atUs / 1000} ms) lies before the state's time ${s.timeUs / 1000} ms`,
    );
  out.wake.set(FAULT_ACTOR, faultWakeUs(out));
  // transaction.timeout.ms may have changed: the coordinator's next timeout moves with it.
  // A shorter one may already have passed: the coordinator times the transaction out now.
  if (out.txn)
    out.wake.set(txnCoordinatorActor(model), Math.max(out.timeUs, nextTxnTimeoutUs(out)));
  // offsets.retention.minutes may have changed: so may the next expiry.
  if (model.offsetsRetention)
    out.wake.set(offsetsExpiryActor(model), Math.max(out.timeUs, nextOffsetsExpiryUs(out)));
  model.groups.forEach((gm, gi) => {
    const g = out.groups[gi]!;
    if (gm.idempotent && !g.dedup) g.dedup = new Set();
    if (!gm.idempotent) g.dedup = null;
  });
  return out;
}
