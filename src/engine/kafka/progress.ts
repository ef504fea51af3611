import type { SimEvent } from './events';
import type { Model } from './model';

/**
 * Whether a step's first event moves the run's work on: a record appended, fetched, handled or
 * dead-lettered. At one instant there is only so much of that work (logs are finite, and
 * scenario/instantLoops.ts refuses services that feed each other with no processing time), so
 * it may go on for as long as it takes: a late member catching up on a million records with
 * `processingMs: 0` does it all at one instant. Every other step (polls that find nothing,
 * commits, joins, faults) changes only bookkeeping; a long run of them at one instant means an
 * actor is woken again and again for nothing, which is an engine bug.
 */
export function movesWorkOn(e: SimEvent): boolean {
  switch (e.type) {
    case 'recordAppended':
    case 'recordsFetched':
    case 'recordProcessed':
    case 'recordDeadLettered':
      return true;
    default:
      return false;
  }
}

/**
 * How many steps in a row, at one instant and without moving work on, the run loop allows
 * before it reports a livelock. Every member joining, syncing and polling at once is a few
 * steps per actor; valid input stays far below this.
 */
export function livelockLimit(model: Model): number {
  return 100_000 + 20 * model.actorCount;
}
