import type { Model } from './model';
import type { LogRecord, RecordSent } from './events';

/**
 * The mutable state of brokers, replication, producer requests and the network. Only used on
 * the request path (Model.cluster.detailed); on the direct path it stays empty.
 */
export interface ClusterState {
  /** Per broker id (1-based; index 0 unused): 1 while up. */
  brokersUp: Uint8Array;
  /** Per global partition. */
  replicas: ReplicaState[];
  /** Network messages in flight, a min-heap by (arriveUs, seq). */
  net: NetMessage[];
  netSeq: number;
  /** Active network partitions. */
  cuts: Cut[];
  /** Per producer: acknowledgements still to lose (ackLoss fault). */
  ackLoss: Int32Array;
  /** Per producer: the next record sent is poison. */
  poisonNext: Uint8Array;
  /** Per producer, per global partition: the last sequence number the leader appended (idempotence). */
  lastSeq: Int32Array[];
  /**
   * Per producer, per global partition: the producer epoch of the leader's entry for it, -1 for
   * none (Kafka's ProducerStateManager; the entry goes when truncation removes its batches).
   */
  seqEpoch: Int32Array[];
  /**
   * Per connection direction (see `connIndex`): when the last message sent on it arrives. A
   * connection is TCP: latency varies, order does not, so a message never arrives before one
   * sent earlier on the same connection.
   */
  connLastUs: Float64Array;
  /**
   * Per connection direction: 1 while broken. A message lost on a TCP connection (the link
   * dropped it, or a network partition) takes every later one with it until the producer's
   * request.timeout.ms closes the connection and a new one is opened (NetworkClient).
   */
  connBroken: Uint8Array;
  /** Per global partition: acknowledged offset ranges [from, to) as flat pairs (for lostAcked). */
  acked: number[][];
  /** Per global partition: appended batches awaiting acks=all (HW to reach `end`). */
  pendingAcks: PendingAck[][];
  /** Per producer, per keyId: highest eventId appended, for reorderedInLog. */
  appendMax: (Float64Array | null)[];
  logDuplicates: number;
  /** The next producer id InitProducerId hands out (producer i starts with id i). */
  nextProducerId: number;
  lostAcked: number;
  reorderedInLog: number;
  failedSends: number;
  acknowledged: number;
}

export interface ReplicaState {
  /** Leader broker id, -1 when offline. */
  leader: number;
  epoch: number;
  /** Per replica (index into Model.cluster.replicas[gp]): its log-end offset. */
  rleo: Int32Array;
  inIsr: Uint8Array;
  lastCaughtUpUs: Float64Array;
}

export interface Cut {
  client: string;
  server: string;
  untilUs: number;
}

export interface PendingAck {
  producer: number;
  batch: number;
  attempt: number;
  end: number;
}

export type NetMessage =
  | {
      kind: 'request';
      arriveUs: number;
      seq: number;
      producer: number;
      batch: number;
      attempt: number;
      gp: number;
      broker: number;
      firstSeq: number;
      /** The producer epoch the sequence numbers belong to (idempotence). */
      epoch: number;
      /** The producer id (session) that sent it: a restart leaves older ones in flight. */
      pid: number;
      records: LogRecord[];
    }
  | {
      kind: 'response';
      arriveUs: number;
      seq: number;
      producer: number;
      batch: number;
      attempt: number;
      gp: number;
      error: string | null;
      baseOffset: number;
    };

/** A producer's batch: records for one partition, sent and retried as a unit. */
export interface Batch {
  id: number;
  gp: number;
  records: LogRecord[];
  /** First sequence number (idempotence), in the producer epoch `epoch`. */
  seq: number;
  epoch: number;
  createdUs: number;
  attempt: number;
  /** In flight since (or -1), and when to retry (or -1). */
  sentUs: number;
  /** The broker its last attempt went to (-1 before the first). */
  broker: number;
  /** When it last failed, as the producer's failure count then (the retry order: nextSend). */
  failSeq: number;
  retryAtUs: number;
}

/** The request path's per-producer state. */
export interface ProducerRequests {
  /** Open batches per global partition (records waiting for linger.ms or batch.size). */
  open: Map<number, { records: LogRecord[]; openedUs: number }>;
  batches: Map<number, Batch>;
  nextBatchId: number;
  nextSeq: Int32Array;
  inFlight: Int32Array;
  /** When the producer next generates a record (its rate), Infinity when it stopped. */
  genUs: number;
  /** The earliest batch timer (linger, full batch, timeout, retry): kept by evolve. */
  timersUs: number;
  /** Batches the log holds: id → where and with which sequence numbers (duplicates, truncation). */
  appended: Map<number, { gp: number; base: number; seq: number; epoch: number; count: number }>;
  /**
   * The producer epoch (idempotence). Bumped when a sequence gap shows the leader lost batches
   * it had acknowledged (KIP-360); a partition's numbering restarts from 0 in the new epoch.
   */
  epoch: number;
  /** Per global partition: the epoch its sequence numbers (`nextSeq`) belong to. */
  partEpoch: Int32Array;
  /** Per global partition: batches waiting for their retry (they hold it: see nextSend). */
  retrying: Int32Array;
  /** Failed attempts so far (orders retries: Batch.failSeq). */
  failSeq: number;
  /** The producer id of this session (producerRestart gives a new one). */
  producerId: number;
  /** Records a restart sent again: event id → copies the log holds (duplicates past 1). */
  resent: Map<number, number>;
  /** A transactional producer's current transaction (null for other producers). */
  txn: ProducerTxn | null;
}

/**
 * The application side of a transactional producer: beginTransaction, `txnRecords` sends,
 * commitTransaction (which flushes first: every batch sent and acknowledged).
 */
export interface ProducerTxn {
  /** The records of the current transaction, in the order created (an abort sends them again). */
  records: RecordSent[];
  /** commitTransaction was called: the open batches go out now, no new record until it ends. */
  flushing: boolean;
  /** When the next record is due once the commit is done (genUs while flushing is Infinity). */
  resumeUs: number;
  /** A batch of the transaction failed for good: the commit will fail, and the app aborts. */
  failed: boolean;
}

export function initialCluster(model: Model): ClusterState {
  const gpCount = model.gpTopic.length;
  const c = model.cluster;
  const brokersUp = new Uint8Array(c.brokers + 1).fill(1);
  brokersUp[0] = 0;
  const replicas = Array.from({ length: gpCount }, (_, gp): ReplicaState => {
    const rf = c.replicas[gp]!.length;
    return {
      leader: c.replicas[gp]![0]!,
      epoch: 0,
      rleo: new Int32Array(rf),
      inIsr: new Uint8Array(rf).fill(1),
      lastCaughtUpUs: new Float64Array(rf),
    };
  });
  return {
    brokersUp,
    replicas,
    net: [],
    netSeq: 0,
    cuts: [],
    ackLoss: new Int32Array(model.producers.length),
    poisonNext: new Uint8Array(model.producers.length),
    lastSeq: model.producers.map(() => new Int32Array(gpCount).fill(-1)),
    seqEpoch: model.producers.map(() => new Int32Array(gpCount).fill(-1)),
    connLastUs: new Float64Array(model.producers.length * (c.brokers + 1) * 2),
    connBroken: new Uint8Array(model.producers.length * (c.brokers + 1) * 2),
    acked: Array.from({ length: gpCount }, () => []),
    pendingAcks: Array.from({ length: gpCount }, () => []),
    appendMax: [],
    logDuplicates: 0,
    nextProducerId: model.producers.length,
    lostAcked: 0,
    reorderedInLog: 0,
    failedSends: 0,
    acknowledged: 0,
  };
}

export function initialRequests(model: Model, pi: number): ProducerRequests {
  const gpCount = model.gpTopic.length;
  return {
    open: new Map(),
    batches: new Map(),
    nextBatchId: 1,
    nextSeq: new Int32Array(gpCount),
    inFlight: new Int32Array(gpCount),
    genUs: 0,
    timersUs: Number.POSITIVE_INFINITY,
    appended: new Map(),
    epoch: 0,
    partEpoch: new Int32Array(gpCount),
    retrying: new Int32Array(gpCount),
    failSeq: 0,
    producerId: pi,
    resent: new Map(),
    txn:
      model.producers[pi]!.transactionalId === null
        ? null
        : { records: [], flushing: false, resumeUs: 0, failed: false },
  };
}

export function cloneCluster(c: ClusterState): ClusterState {
  return {
    ...c,
    brokersUp: c.brokersUp.slice(),
    replicas: c.replicas.map((r) => ({
      ...r,
      rleo: r.rleo.slice(),
      inIsr: r.inIsr.slice(),
      lastCaughtUpUs: r.lastCaughtUpUs.slice(),
    })),
    net: c.net.map((m) => ({ ...m })),
    cuts: c.cuts.map((x) => ({ ...x })),
    ackLoss: c.ackLoss.slice(),
    poisonNext: c.poisonNext.slice(),
    lastSeq: c.lastSeq.map((a) => a.slice()),
    seqEpoch: c.seqEpoch.map((a) => a.slice()),
    connLastUs: c.connLastUs.slice(),
    connBroken: c.connBroken.slice(),
    acked: c.acked.map((a) => a.slice()),
    pendingAcks: c.pendingAcks.map((a) => a.map((p) => ({ ...p }))),
    appendMax: c.appendMax.map((a) => (a ? a.slice() : a)),
  };
}

export function cloneRequests(r: ProducerRequests): ProducerRequests {
  return {
    open: new Map(
      [...r.open].map(([k, v]) => [k, { records: v.records.slice(), openedUs: v.openedUs }]),
    ),
    batches: new Map([...r.batches].map(([k, b]) => [k, { ...b, records: b.records }])),
    nextBatchId: r.nextBatchId,
    nextSeq: r.nextSeq.slice(),
    inFlight: r.inFlight.slice(),
    genUs: r.genUs,
    timersUs: r.timersUs,
    appended: new Map([...r.appended].map(([k, v]) => [k, { ...v }])),
    epoch: r.epoch,
    partEpoch: r.partEpoch.slice(),
    retrying: r.retrying.slice(),
    failSeq: r.failSeq,
    producerId: r.producerId,
    resent: r.resent.size === 0 ? new Map() : new Map(r.resent),
    txn: r.txn === null ? null : { ...r.txn, records: r.txn.records.slice() },
  };
}

/**
 * The index in `connLastUs` of the connection between producer `pi` and broker `broker`, in
 * the direction of requests (toBroker) or of responses.
 */
export function connIndex(brokers: number, pi: number, broker: number, toBroker: boolean): number {
  return (pi * (brokers + 1) + broker) * 2 + (toBroker ? 0 : 1);
}

/** Whether a network partition separates client and server right now. */
export function isCut(c: ClusterState, client: string, server: string): boolean {
  for (const x of c.cuts) if (x.client === client && x.server === server) return true;
  return false;
}

/** The ISR as broker ids. */
export function isrOf(model: Model, c: ClusterState, gp: number): number[] {
  const reps = model.cluster.replicas[gp]!;
  const r = c.replicas[gp]!;
  const out: number[] = [];
  for (let i = 0; i < reps.length; i++) if (r.inIsr[i]) out.push(reps[i]!);
  return out;
}

/** The high watermark the replicas' state implies: the lowest log-end offset in the ISR. */
export function computeHw(c: ClusterState, gp: number, leo: number, leaderIdx: number): number {
  const r = c.replicas[gp]!;
  let hw = leo;
  for (let i = 0; i < r.rleo.length; i++) {
    if (!r.inIsr[i]) continue;
    const v = i === leaderIdx ? leo : r.rleo[i]!;
    if (v < hw) hw = v;
  }
  return hw;
}

export function netPush(c: ClusterState, m: NetMessage): void {
  const h = c.net;
  h.push(m);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!netLess(h[i]!, h[p]!)) break;
    [h[i], h[p]] = [h[p]!, h[i]!];
    i = p;
  }
}

export function netPop(c: ClusterState): NetMessage | undefined {
  const h = c.net;
  if (h.length === 0) return undefined;
  const top = h[0]!;
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      let m = l;
      if (r < h.length && netLess(h[r]!, h[l]!)) m = r;
      if (!netLess(h[m]!, h[i]!)) break;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
  return top;
}

function netLess(a: NetMessage, b: NetMessage): boolean {
  return a.arriveUs < b.arriveUs || (a.arriveUs === b.arriveUs && a.seq < b.seq);
}

/**
 * Per partition (ascending), the records a producer has not seen acknowledged, in the order it
 * sent them: its batches in id order (each partition's queue order), then its open batch.
 */
export function unacknowledged(req: ProducerRequests): [number, LogRecord[]][] {
  const per = new Map<number, LogRecord[]>();
  const queue = (gp: number) => {
    let q = per.get(gp);
    if (!q) per.set(gp, (q = []));
    return q;
  };
  for (const b of req.batches.values()) queue(b.gp).push(...b.records);
  for (const [gp, o] of req.open) queue(gp).push(...o.records);
  return [...per].sort((a, b) => a[0] - b[0]);
}
