import { decide, nextActor } from './kafka/decide';
import type { SimEvent } from './kafka/events';
import { evolve } from './kafka/evolve';
import { livelockLimit, movesWorkOn } from './kafka/progress';
import type { SimState } from './kafka/state';
import type { Stepper } from './kernel/loop';

/**
 * The systems composed into one world for the kernel's run loop. One schedule holds every
 * actor: each system owns a range of actor indices (Kafka's first, as laid out by its model),
 * and each event type belongs to one system, whose evolve applies it.
 */
export const WORLD: Stepper<SimState, SimEvent> = {
  nextActor,
  wakeOf: (s, a) => s.wake.get(a),
  nowUs: (s) => s.timeUs,
  decide,
  evolve,
  movesWorkOn,
  livelockLimit: (s) => livelockLimit(s.model),
};
