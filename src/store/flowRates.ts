/**
 * Records per sim second on each edge, from two consecutive frames (never from the events):
 * produce = the producer's sends; consume = the group's fetch positions on that topic; emit =
 * the topic's appends not made by producers, shared among the services that emit to it;
 * dead letter = the service's dead-lettered count. Smoothed so a bursty frame does not flicker.
 */
import type { SimView } from '../worker/view';
import type { EdgeInfo } from './derivedSlice';
import { own } from './selectors';

const SMOOTHING = 0.5;

// Views are looked up by names (user text): a name like "constructor" may find Object.prototype's.
const sum = (xs: readonly number[] | undefined) => (Array.isArray(xs) ? xs.reduce((a, b) => a + Math.max(0, b), 0) : 0);

export function flowRates(
  prev: SimView,
  next: SimView,
  dtUs: number,
  edges: Readonly<Record<string, EdgeInfo>>,
  smoothed: Readonly<Record<string, number>> = {},
): Record<string, number> {
  if (dtUs <= 0) return { ...smoothed };
  const perSec = (delta: number) => Math.max(0, delta) / (dtUs / 1e6);
  const appendedByProducers = new Map<string, number>();
  const emitters = new Map<string, number>();
  for (const e of Object.values(edges)) {
    if (!('flow' in e)) continue;
    if (e.flow === 'produce') {
      const d = (next.producers[e.source]?.sent ?? 0) - (prev.producers[e.source]?.sent ?? 0);
      appendedByProducers.set(e.target, (appendedByProducers.get(e.target) ?? 0) + d);
    }
    if (e.flow === 'emit') emitters.set(e.target, (emitters.get(e.target) ?? 0) + 1);
  }
  const out: Record<string, number> = Object.create(null); // edge ids are user text
  for (const [id, e] of Object.entries(edges)) {
    if (!('flow' in e)) continue;
    let raw = 0;
    switch (e.flow) {
      case 'produce':
        raw = perSec((next.producers[e.source]?.sent ?? 0) - (prev.producers[e.source]?.sent ?? 0));
        break;
      case 'consume':
        raw = perSec(sum(next.groups[e.target]?.positions?.[e.source]) - sum(prev.groups[e.target]?.positions?.[e.source]));
        break;
      case 'emit': {
        const appended = sum(next.topics[e.target]?.logEndOffsets) - sum(prev.topics[e.target]?.logEndOffsets);
        raw = perSec((appended - (appendedByProducers.get(e.target) ?? 0)) / (emitters.get(e.target) ?? 1));
        break;
      }
      case 'deadLetter':
        raw = perSec((next.groups[e.source]?.deadLettered ?? 0) - (prev.groups[e.source]?.deadLettered ?? 0));
        break;
    }
    const old = own(smoothed, id);
    out[id] = old === undefined ? raw : old * SMOOTHING + raw * (1 - SMOOTHING);
  }
  return out;
}
