import { sampleFrom } from './distributions';
import { linkOf } from './modelCluster';
import { draw01 } from './rng';
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
  /** Arrivals decided in this step, per connection direction (several sends in one step). */
  private last: Map<number, number> | null = null;
  constructor(private readonly s: SimState) {}

  /** `toBroker`: a request from producer `pi` to the broker; else a response to the producer. */
  send(pi: number, broker: number, t: number, toBroker: boolean, extraLost = false): number | null {
    const s = this.s;
    const counter = s.cluster.netSeq + this.n++;
    const client = s.model.producers[pi]!.id;
    const server = `broker-${broker}`;
    if (extraLost || broker < 1 || !s.cluster.brokersUp[broker] || isCut(s.cluster, client, server))
      return null;
    const link = linkOf(s.model.cluster.network, client, server);
    const key = s.model.cluster.netStreamKey;
    if (link.dropRate > 0 && draw01(key, counter, 2) < link.dropRate) return null;
    const conn = connIndex(s.model.cluster.brokers, pi, broker, toBroker);
    const before = this.last?.get(conn) ?? s.cluster.connLastUs[conn]!;
    const arrive = Math.max(t + Math.max(1, sampleFrom(link.latency, key, counter, 0)), before);
    (this.last ??= new Map()).set(conn, arrive);
    return arrive;
  }
}

/** Evolve's half of a send: the connection's last arrival moves on (see NetSends). */
export function noteArrival(
  s: SimState,
  pi: number,
  broker: number,
  toBroker: boolean,
  arriveUs: number | null,
): void {
  if (arriveUs === null || broker < 1) return;
  const c = s.cluster.connLastUs;
  const i = connIndex(s.model.cluster.brokers, pi, broker, toBroker);
  if (arriveUs > c[i]!) c[i] = arriveUs;
}
