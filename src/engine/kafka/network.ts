import { sampleFrom } from './distributions';
import { linkOf } from './modelCluster';
import { draw01 } from '../kernel/rng';
import type { SimState } from './state';
import { connIndex, isCut } from './stateCluster';

/**
 * One network send decided now: when it arrives, or null when it is lost (a partition between
 * the two ends, the link's drop rate, a down broker). Each decision uses the next counter of the
 * network's random stream; evolve advances `netSeq` by one per decision, in the same order.
 *
 * A client–broker connection is TCP: each message draws its own latency, but it never arrives
 * before a message sent earlier in the same direction (arrival = max(now + latency, the
 * previous arrival); equal arrivals keep send order by `seq`). Evolve records each arrival in
 * `connLastUs` (see `noteArrival`).
 */
export class NetSends {
  private n = 0;
  /** Arrivals decided in this step, per connection direction (-1: broken in this step). */
  private last: Map<number, number> | null = null;
  constructor(private readonly s: SimState) {}

  /** `toBroker`: a request from producer `pi` to the broker; else a response to the producer. */
  send(pi: number, broker: number, t: number, toBroker: boolean, extraLost = false): number | null {
    const s = this.s;
    const counter = s.cluster.netSeq + this.n++;
    const client = s.model.producers[pi]!.id;
    const server = `broker-${broker}`;
    if (extraLost || broker < 1 || !s.cluster.brokersUp[broker]) return null;
    const conn = connIndex(s.model.cluster.brokers, pi, broker, toBroker);
    const before =
      this.last?.get(conn) ?? (s.cluster.connBroken[conn] ? -1 : s.cluster.connLastUs[conn]!);
    if (before < 0) return null;
    const link = linkOf(s.model.cluster.network, client, server);
    const key = s.model.cluster.netStreamKey;
    if (
      isCut(s.cluster, client, server) ||
      (link.dropRate > 0 && draw01(key, counter, 2) < link.dropRate)
    ) {
      if (breaks(s, pi)) (this.last ??= new Map()).set(conn, -1);
      return null;
    }
    const arrive = Math.max(t + Math.max(1, sampleFrom(link.latency, key, counter, 0)), before);
    (this.last ??= new Map()).set(conn, arrive);
    return arrive;
  }
}

/**
 * Whether a loss breaks the producer's connection. With acks=0 nothing waits for a response,
 * so no request timeout would ever notice: its messages are lost one by one instead.
 */
function breaks(s: SimState, pi: number): boolean {
  return s.model.producers[pi]!.acks !== 0;
}

/**
 * Evolve's half of a send NetSends decided (the state is the one decide saw): the
 * connection's last arrival moves on, or a loss on the wire (not an ackLoss fault, not a
 * down broker, not a broken connection already) breaks it.
 */
export function noteArrival(
  s: SimState,
  pi: number,
  broker: number,
  toBroker: boolean,
  arriveUs: number | null,
  lostByFault = false,
): void {
  if (broker < 1) return;
  const i = connIndex(s.model.cluster.brokers, pi, broker, toBroker);
  if (arriveUs === null) {
    if (!lostByFault && s.cluster.brokersUp[broker] && breaks(s, pi)) s.cluster.connBroken[i] = 1;
    return;
  }
  const c = s.cluster.connLastUs;
  if (arriveUs > c[i]!) c[i] = arriveUs;
}

/** The producer closed its connection to `broker` (request timeout) and opens a new one. */
export function reconnect(s: SimState, pi: number, broker: number): void {
  if (broker < 1) return;
  const b = s.model.cluster.brokers;
  s.cluster.connBroken[connIndex(b, pi, broker, true)] = 0;
  s.cluster.connBroken[connIndex(b, pi, broker, false)] = 0;
}
