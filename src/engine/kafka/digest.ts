import { amqpCanonical } from '../amqp/digest';
import { esDigest } from '../esdb/digest';
import { streamDigestState } from '../stream/system/state';
import { recordAt, type SimState } from './state';

/**
 * A canonical text of everything a state holds (the model aside), for "refold equals run" and
 * "seek equals fold from zero" checks. Two states with equal digests behave identically.
 */
export function stateDigest(s: SimState): string {
  const plain = (v: unknown): unknown => {
    if (v instanceof Map)
      return [...v.entries()]
        .map(([k, x]) => [k, plain(x)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    if (v instanceof Set) return [...v].sort((a, b) => Number(a) - Number(b));
    if (ArrayBuffer.isView(v))
      return Array.from(v as unknown as ArrayLike<number>, (x) =>
        Number.isFinite(x) ? x : String(x),
      );
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) o[k] = plain((v as Record<string, unknown>)[k]);
      return o;
    }
    return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  };
  return JSON.stringify({
    timeUs: s.timeUs,
    logs: Array.from(s.leo, (n, gp) => [n, recordAt(s, gp, n - 1)?.eventId ?? 0]),
    hw: plain(s.hw),
    logStartOffset: plain(s.logStartOffset),
    segments: s.segments ? plain(s.segments) : null,
    ...(s.compaction ? { compaction: plain(s.compaction) } : {}),
    cluster: plain({ ...s.cluster, net: [...s.cluster.net].sort((a, b) => a.seq - b.seq) }),
    groups: plain(s.groups),
    members: plain(s.members),
    producers: plain(s.producers),
    faultCursor: s.faultCursor,
    livePartitions: plain(s.livePartitions),
    noticeCursor: s.noticeCursor,
    txn: plain(s.txn),
    wake: plain(s.wake.times()),
    nextEventId: s.nextEventId,
    produced: s.produced,
    appended: s.appended,
    amqp: s.amqp
      ? plain({ ...s.amqp, broker: amqpCanonical(s.amqp.broker), members: s.amqp.members })
      : null,
    ...(s.eventStore
      ? { eventStore: plain({ ...s.eventStore, store: esDigest(s.eventStore.store) }) }
      : {}),
    ...(s.streams ? { streams: plain(streamDigestState(s.streams)) } : {}),
    ...(s.sagas ? { sagas: plain(s.sagas) } : {}),
  });
}
