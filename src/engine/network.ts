import { sampleFrom } from './distributions';
import { linkOf } from './modelCluster';
import { draw01 } from './rng';
import type { SimState } from './state';
import { isCut } from './stateCluster';

/**
 * One network send decided now: when it arrives, or null when it is lost (a partition between
 * the two ends, the link's drop rate, a down broker). Each decision uses the next counter of the
 * network's random stream; evolve advances `netSeq` by one per decision, in the same order.
 */
export class NetSends {
  private n = 0;
  constructor(private readonly s: SimState) {}

  send(client: string, broker: number, t: number, extraLost = false): number | null {
    const s = this.s;
    const counter = s.cluster.netSeq + this.n++;
    const server = `broker-${broker}`;
    if (extraLost || broker < 1 || !s.cluster.brokersUp[broker] || isCut(s.cluster, client, server))
      return null;
    const link = linkOf(s.model.cluster.network, client, server);
    const key = s.model.cluster.netStreamKey;
    if (link.dropRate > 0 && draw01(key, counter, 2) < link.dropRate) return null;
    return t + Math.max(1, sampleFrom(link.latency, key, counter, 0));
  }
}
