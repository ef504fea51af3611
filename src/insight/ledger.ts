import type { Model } from '../engine';
import type {
  OffsetsSkipped,
  ProduceAcked,
  ProduceFailed,
  ProducerRestarted,
  ProduceHandled,
  ProduceRequested,
  RecordSent,
  TxnMarker,
} from '../engine/kafka/events';
import type { RecordAppended, RecordIndex } from './records';

/** What a truncation cost: acknowledged records gone from the log, and per group the ones it had not processed. */
export interface TruncationLoss {
  /** Acknowledged records removed (the engine's `lostAcked`). */
  acked: number;
  /** Records removed in all (acknowledged or not). */
  removed: number;
  /** Per subscribed group: acknowledged records it had not processed (its `lost`). */
  groups: { group: string; lost: number; committed: number }[];
}

/** A group's progress on a partition. */
interface Progress {
  /** One past the highest offset it processed or skipped. */
  done: number;
  /**
   * Where the group started reading (its first owner's position), −1 before. Records below it
   * were never the group's to read (auto.offset.reset=latest): not lost.
   */
  start: number;
  /** The committed offset, −1 for none. */
  committed: number;
  /** Skipped offsets [from, to) as flat pairs (a zombie may process some after all). */
  skips: number[] | null;
}

/**
 * The bookkeeping behind "lost", by Kafka's rules and the engine's summary: which offsets the
 * producers had acknowledged (acks=0: sent), and how far each group had processed each
 * partition. A truncation loses, to the log, the acknowledged records it removes (an
 * unacknowledged record is the producer's to retry: with enable.idempotence it comes back once)
 * and, to a group, those of them it had not processed. Fed the events in log order.
 */
export class LossLedger {
  /** Per topic, per partition: acknowledged offsets [from, to) as flat pairs. */
  private readonly acked = new Map<string, number[][]>();
  /** Per producer and partition: the event ids waiting in the accumulator (the open batch). */
  private readonly open = new Map<string, number[]>();
  /** Per producer and batch: its first event id (to see whether an ack's records are still there). */
  private readonly batches = new Map<string, number>();
  /** Per transactional producer: its current transaction's records (an abort sends them again). */
  private readonly txnRecords = new Map<string, RecordSent[]>();
  /** Per group, per topic, per partition: its progress (nested maps: this runs per record). */
  private readonly progress = new Map<string, Map<string, Progress[]>>();

  constructor(private readonly model: Model) {}

  /**
   * A record appended. On the direct path (no request path) a producer's send is its append
   * and its acknowledgement at once; services' records are never counted as acknowledged.
   */
  appended(e: RecordAppended): void {
    if (this.model.cluster.detailed || !this.model.producerIndex.has(e.producer)) return;
    addRange(this.ackedOf(e.topic, e.partition), e.offset, e.offset + 1);
  }

  /** A record joined its producer's open batch. */
  sent(e: RecordSent): void {
    this.joinOpen(e);
    if (e.txn === undefined) return;
    const list = this.txnRecords.get(e.producer);
    if (list) list.push(e);
    else this.txnRecords.set(e.producer, [e]);
  }

  private joinOpen(e: RecordSent): void {
    const k = `${e.producer}\u0000${e.topic}\u0000${e.partition}`;
    let ids = this.open.get(k);
    if (!ids) this.open.set(k, (ids = []));
    ids.push(e.eventId);
  }

  /** A transactional producer's transaction committed: its records are done with. */
  txnCommitted(producer: string): void {
    this.txnRecords.delete(producer);
  }

  /**
   * A transactional producer started a new session (initTransactions, a fencing, an abort after
   * a failed send): its batches are gone, and its transaction's records wait again in the
   * accumulator, in their order (as producerTxnSession queues them).
   */
  txnSession(producer: string): void {
    const prefix = `${producer}\u0000`;
    for (const k of [...this.open.keys()]) if (k.startsWith(prefix)) this.open.delete(k);
    for (const k of [...this.batches.keys()]) if (k.startsWith(prefix)) this.batches.delete(k);
    for (const r of this.txnRecords.get(producer) ?? []) this.joinOpen(r);
  }

  /**
   * A request left. A new batch takes the open records. Returns the records acks=0 counted as
   * sent that never reach a broker (lost acknowledged records), else 0.
   */
  requested(e: ProduceRequested): number {
    const bk = `${e.producer}\u0000${e.batch}`;
    if (!this.batches.has(bk)) {
      const k = `${e.producer}\u0000${e.topic}\u0000${e.partition}`;
      const ids = this.open.get(k) ?? [];
      this.open.delete(k);
      this.batches.set(bk, ids[0] ?? -1);
    }
    if (this.acks(e.producer) !== 0) return 0;
    this.batches.delete(bk);
    return e.arriveUs === null ? e.count : 0;
  }

  handled(e: ProduceHandled): void {
    if (e.outcome === 'appended' && this.acks(e.producer) === 0)
      addRange(this.ackedOf(e.topic, e.partition), e.baseOffset, e.baseOffset + e.count);
  }

  /** The producer got its acknowledgement: returns the records already gone from the log (lost), else 0. */
  ackedBatch(e: ProduceAcked, records: RecordIndex): number {
    const bk = `${e.producer}\u0000${e.batch}`;
    const first = this.batches.get(bk);
    this.batches.delete(bk);
    const still =
      e.baseOffset >= 0 &&
      e.baseOffset + e.count <= records.logEnd(e.topic, e.partition) &&
      first !== undefined &&
      records.at(e.topic, e.partition, e.baseOffset)?.eventId === first;
    if (still) {
      addRange(this.ackedOf(e.topic, e.partition), e.baseOffset, e.baseOffset + e.count);
      return 0;
    }
    return e.count;
  }

  /**
   * The producer restarted: its open and pending batches are gone from it, and the new session
   * sends their records again in the batches the event lists.
   */
  restarted(e: ProducerRestarted): void {
    const prefix = `${e.producer}\u0000`;
    for (const k of [...this.open.keys()]) if (k.startsWith(prefix)) this.open.delete(k);
    for (const k of [...this.batches.keys()]) if (k.startsWith(prefix)) this.batches.delete(k);
    for (const b of e.batches) this.batches.set(`${prefix}${b.batch}`, b.first);
  }

  failed(e: ProduceFailed): void {
    if (e.retryAtUs === null) this.batches.delete(`${e.producer}\u0000${e.batch}`);
  }

  /**
   * A group processed (or dead-lettered) a record for the first time. Returns true when the
   * record was one the group had skipped (a zombie processed it after all: no longer lost).
   */
  processed(group: string, topic: string, partition: number, offset: number): boolean {
    const p = this.of(group, topic, partition);
    if (offset + 1 > p.done) {
      p.done = offset + 1;
      return false;
    }
    const r = p.skips;
    if (!r) return false;
    for (let i = 0; i < r.length; i += 2) {
      if (offset < r[i]! || offset >= r[i + 1]!) continue;
      const parts = [
        ...(r[i]! < offset ? [r[i]!, offset] : []),
        ...(offset + 1 < r[i + 1]! ? [offset + 1, r[i + 1]!] : []),
      ];
      r.splice(i, 2, ...parts);
      return true;
    }
    return false;
  }

  skipped(e: OffsetsSkipped): void {
    const p = this.of(e.group, e.topic, e.partition);
    // Records deleted by retention before the group first read the partition were its to read
    // (earliest): it starts where they began, as the engine's startOffset does.
    if (e.reason === 'retention' && p.start < 0) p.start = e.from;
    p.done = Math.max(p.done, e.to);
    (p.skips ??= []).push(e.from, e.to);
  }

  /**
   * Records committed past but not processed on a partition no live member holds: nobody will
   * process them (the next owner starts from the committed offset), so they count as lost now.
   */
  stranded(group: string, topic: string, partition: number, held: boolean): number {
    if (held) return 0;
    const p = this.of(group, topic, partition);
    return Math.max(0, Math.max(0, p.committed) - p.done);
  }

  /**
   * The lowest progress of any group reading the partition (0 for one that has not started):
   * a skip names the record it starts at, never below its group's progress.
   */
  lowestDone(topic: string, partition: number): number {
    const ti = this.model.topicIndex.get(topic);
    let low = Infinity;
    for (const gi of ti === undefined ? [] : this.model.topics[ti]!.subscribers)
      low = Math.min(low, this.of(this.model.groups[gi]!.id, topic, partition).done);
    return low;
  }

  /**
   * Forgets acknowledged ranges below `floor` (no truncation reaches below it: the detector's
   * release floor), so out-of-order acknowledgements cannot grow the pairs without bound.
   */
  releaseAcked(topic: string, partition: number, floor: number): void {
    const markers = this.markers.get(`${topic}\u0000${partition}`);
    if (markers) for (const o of markers) if (o < floor) markers.delete(o);
    const r = this.acked.get(topic)?.[partition];
    if (!r || r.length === 0) return;
    const kept: number[] = [];
    for (let i = 0; i < r.length; i += 2)
      if (r[i + 1]! > floor) kept.push(Math.max(r[i]!, floor), r[i + 1]!);
    r.length = 0;
    r.push(...kept);
  }

  /** A member was given a partition at `position`; the group's first position is its start. */
  assigned(group: string, topic: string, partition: number, position: number): void {
    const p = this.of(group, topic, partition);
    if (p.start >= 0) return;
    p.start = position;
    p.done = Math.max(p.done, position);
  }

  commit(group: string, topic: string, partition: number, offset: number): void {
    this.of(group, topic, partition).committed = offset;
  }

  /** Transaction markers per "topic\0partition": offsets no consumer ever reads. */
  private readonly markers = new Map<string, Set<number>>();
  /** Aborted transactions: read_committed groups skip their records. */
  private readonly abortedTxns = new Set<number>();

  marker(m: TxnMarker): void {
    const k = `${m.topic}\u0000${m.partition}`;
    let set = this.markers.get(k);
    if (!set) this.markers.set(k, (set = new Set()));
    set.add(m.offset);
  }

  aborted(txn: number, markers: TxnMarker[]): void {
    if (txn >= 0) this.abortedTxns.add(txn);
    for (const m of markers) this.marker(m);
  }

  /**
   * A commit past offsets the group never sees (markers; for read_committed, records of aborted
   * transactions) counts them as done, as the engine's consumer passes them: without this they
   * would look committed past and unprocessed.
   */
  passInvisible(group: string, topic: string, partition: number, records: RecordIndex): void {
    const p = this.of(group, topic, partition);
    const markers = this.markers.get(`${topic}\u0000${partition}`);
    const gm = this.model.groups[this.model.groupIndex.get(group) ?? -1];
    const rc = gm?.readCommitted ?? false;
    while (p.done < p.committed) {
      const o = p.done;
      const r = records.at(topic, partition, o);
      const invisible =
        (markers?.has(o) ?? false) || (rc && r?.txn !== undefined && this.abortedTxns.has(r.txn));
      if (!invisible) break;
      p.done = o + 1;
    }
  }

  /** The log of the partition is cut back from `from` (its end) to `to`. */
  truncated(topic: string, partition: number, to: number, from: number): TruncationLoss {
    const lost = takeRange(this.ackedOf(topic, partition), to, from);
    const ti = this.model.topicIndex.get(topic);
    const groups: TruncationLoss['groups'] = [];
    for (const gi of ti === undefined ? [] : this.model.topics[ti]!.subscribers) {
      const group = this.model.groups[gi]!.id;
      const p = this.of(group, topic, partition);
      const done = p.done;
      // A group that has not started on the partition and will start at its end loses nothing.
      let n = 0;
      if (p.start >= 0 || !this.model.groups[gi]!.resetLatest)
        for (let i = 0; i < lost.length; i += 2)
          n += Math.max(0, lost[i + 1]! - Math.max(lost[i]!, done));
      // Records appended from the new end on are new: the group reads them from there.
      if (p.start > to) p.start = to;
      p.done = Math.min(done, to);
      if (p.skips) {
        const kept: number[] = [];
        for (let i = 0; i < p.skips.length; i += 2)
          if (p.skips[i]! < to) kept.push(p.skips[i]!, Math.min(p.skips[i + 1]!, to));
        p.skips = kept;
      }
      const committed = Math.max(0, p.committed);
      if (p.committed > to) p.committed = to;
      groups.push({ group, lost: n, committed });
    }
    let acked = 0;
    for (let i = 0; i < lost.length; i += 2) acked += lost[i + 1]! - lost[i]!;
    return { acked, removed: Math.max(0, from - to), groups };
  }

  private acks(producer: string): number {
    return this.model.producers[this.model.producerIndex.get(producer) ?? -1]?.acks ?? -1;
  }

  private ackedOf(topic: string, partition: number): number[] {
    let byPartition = this.acked.get(topic);
    if (!byPartition) this.acked.set(topic, (byPartition = []));
    return (byPartition[partition] ??= []);
  }

  private of(group: string, topic: string, partition: number): Progress {
    let byTopic = this.progress.get(group);
    if (!byTopic) this.progress.set(group, (byTopic = new Map()));
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    return (list[partition] ??= { done: 0, start: -1, committed: -1, skips: null });
  }
}

/** Adds [from, to) to the pairs (merging with the last when they touch; order does not matter). */
function addRange(r: number[], from: number, to: number): void {
  const n = r.length;
  if (n > 0 && r[n - 1] === from) r[n - 1] = to;
  else if (to > from) r.push(from, to);
}

/** Removes [from, to) from the pairs; returns the removed parts as flat pairs. */
function takeRange(r: number[], from: number, to: number): number[] {
  const out: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < r.length; i += 2) {
    const a = r[i]!;
    const b = r[i + 1]!;
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (lo < hi) {
      out.push(lo, hi);
      if (a < lo) kept.push(a, lo);
      if (hi < b) kept.push(hi, b);
    } else kept.push(a, b);
  }
  r.length = 0;
  r.push(...kept);
  return out;
}
