import { cloneAmqpSimState } from '../amqp/system/state';
import { cloneSagaSystemState } from '../saga/state';
import { cloneEsSimState } from '../esdb/system/state';
import { cloneStreamSimState } from '../stream/system/state';
import type { FetchBatch, GroupState, MemberState, SimState } from './state';
import { cloneCluster, cloneRequests } from './stateCluster';
import { cloneSegments } from './retention';
import { cloneCompaction } from './compaction';

/**
 * A copy of a state that can be folded forward on its own: the timeline's snapshot. Costs the
 * small mutable part only: partition logs are shared (each state reads its own log-end offsets
 * from `leo`; evolve copies a log's prefix only if a fork diverges), and records are never
 * copied. Per-group arrays sized by partitions and keys are copied.
 */
export function cloneState(s: SimState): SimState {
  return {
    model: s.model,
    timeUs: s.timeUs,
    logs: s.logs.slice(),
    logStart: s.logStart.slice(),
    releasedHeads: s.releasedHeads.slice(),
    logStartOffset: s.logStartOffset.slice(),
    segments: s.segments ? cloneSegments(s.segments) : null,
    compaction: s.compaction ? cloneCompaction(s.compaction) : null,
    leo: s.leo.slice(),
    hw: s.hw.slice(),
    cluster: cloneCluster(s.cluster),
    groups: s.groups.map(cloneGroup),
    members: s.members.map(cloneMember),
    producers: s.producers.map((p) => ({ ...p, req: p.req ? cloneRequests(p.req) : null })),
    faultCursor: s.faultCursor,
    livePartitions: s.livePartitions.slice(),
    noticeCursor: s.noticeCursor,
    txn: s.txn
      ? {
          producers: s.txn.producers.map((p) => ({ ...p })),
          open: new Map([...s.txn.open].map(([k, t]) => [k, { ...t, first: new Map(t.first) }])),
          aborted: new Set(s.txn.aborted),
          nextTxn: s.txn.nextTxn,
          nextPid: s.txn.nextPid,
          downUntilUs: s.txn.downUntilUs,
          markers: s.txn.markers.slice(),
        }
      : null,
    amqp: s.amqp ? cloneAmqpSimState(s.amqp) : null,
    eventStore: s.eventStore ? cloneEsSimState(s.eventStore) : null,
    streams: s.streams ? cloneStreamSimState(s.streams) : null,
    sagas: s.sagas ? cloneSagaSystemState(s.sagas) : null,
    wake: s.wake.clone(),
    nextEventId: s.nextEventId,
    produced: s.produced,
    appended: s.appended,
  };
}

function cloneGroup(g: GroupState): GroupState {
  return {
    ...g,
    members: g.members.slice(),
    target: new Map([...g.target].map(([k, v]) => [k, v.slice()])),
    committed: g.committed.slice(),
    processedEnd: g.processedEnd.slice(),
    startOffset: g.startOffset.slice(),
    skippedRanges: new Map([...g.skippedRanges].map(([k, v]) => [k, v.slice()])),
    dupCountedEnd: g.dupCountedEnd.slice(),
    owner: g.owner.slice(),
    orderMax: g.orderMax.map((a) => (a ? a.slice() : a)),
    dedup: g.dedup ? new Set(g.dedup) : null,
    stock: g.stock ? new Map(g.stock) : null,
    outputsSeen: g.outputsSeen ? new Set(g.outputsSeen) : null,
    table: g.table ? new Map([...g.table].map(([k, v]) => [k, { ...v }])) : null,
    emitSticky: new Map([...g.emitSticky].map(([k, v]) => [k, { ...v }])),
  };
}

function cloneMember(m: MemberState): MemberState {
  return {
    ...m,
    assigned: m.assigned.slice(),
    previouslyOwned: m.previouslyOwned.slice(),
    position: new Map(m.position),
    batch: m.batch ? cloneBatch(m.batch) : null,
  };
}

function cloneBatch(b: FetchBatch): FetchBatch {
  return { ...b, gps: b.gps.slice(), from: b.from.slice(), to: b.to.slice() };
}
