import { amqpMemberStep, brokerStep, publisherStep } from './amqp/system/decide';
import type { AmqpSimEvent } from './amqp/system/events';
import { evolveAmqpSim } from './amqp/system/evolve';
import {
  esFaultStep,
  esHandlerStep,
  esProjectionStep,
  esQueryStep,
  esSourceStep,
} from './esdb/system/decide';
import type { EsSimEvent } from './esdb/system/events';
import { commandsFromRecord, evolveEsSim } from './esdb/system/evolve';
import { decide as kafkaDecide, nextActor } from './kafka/decide';
import type { SimEvent } from './kafka/events';
import { evolve as kafkaEvolve } from './kafka/evolve';
import { livelockLimit, movesWorkOn as kafkaMovesWorkOn } from './kafka/progress';
import type { SimState } from './kafka/state';
import type { Stepper } from './kernel/loop';
import { patternJobStep, windowJobStep } from './stream/system/decide';
import type { StreamSimEvent } from './stream/system/events';
import { evolveStreamSim, streamMovesWorkOn, streamRecordAppended } from './stream/system/evolve';
import { evolveSagaSim, isSagaEvent, sagaDecide, sagaRecord } from './saga/system';

/**
 * The systems composed into one world for the kernel's run loop. One schedule holds every
 * actor: each system owns a range of actor indices (Kafka's first, as laid out by its model;
 * RabbitMQ's after: amqp/system/model.ts), and each event type belongs to one system, whose
 * evolve applies it (RabbitMQ's types start with `amqp.`).
 */

/** RabbitMQ's event types are `amqp.…`; Kafka's have no dot (the sagas' `saga.…` start with s). */
export const isAmqpEvent = (e: SimEvent): e is AmqpSimEvent =>
  e.type.charCodeAt(4) === 46 && e.type.charCodeAt(0) === 97;
/** The event store's event types are `es.…`. */
export const isEsEvent = (e: SimEvent): e is EsSimEvent => e.type.charCodeAt(2) === 46;
/** Stream processing's event types are `stream.…` (no other type has a dot at index 6). */
export const isStreamEvent = (e: SimEvent): e is StreamSimEvent => e.type.charCodeAt(6) === 46;

/** The event store's actors: [faults] [sources] [handlers] [projections] [queries]. */
function esDecide(s: SimState, actor: number): SimEvent[] {
  const em = s.model.eventStore!;
  const t = s.wake.get(actor);
  let a = actor - em.base;
  if (a === 0) return esFaultStep(s, t);
  a -= 1;
  if (a < em.aggregates.length) return esSourceStep(s, a, t);
  a -= em.aggregates.length;
  if (a < em.handlers.length) return esHandlerStep(s, a, t);
  a -= em.handlers.length;
  if (a < em.projections.length) return esProjectionStep(s, a, t);
  return esQueryStep(s, a - em.projections.length, t);
}

/** Stream jobs' actors: [window jobs] [pattern jobs]. */
function streamDecide(s: SimState, actor: number): SimEvent[] {
  const sm = s.model.streams!;
  const t = s.wake.get(actor);
  const a = actor - sm.base;
  if (a < sm.windows.length) return windowJobStep(s, sm, a, t);
  return patternJobStep(s, sm, a - sm.windows.length, t);
}

export function decide(s: SimState, actor: number): SimEvent[] {
  const m = s.model;
  if (actor < m.kafkaActors) return kafkaDecide(s, actor);
  if (m.sagas && actor >= m.sagas.base) return sagaDecide(s, actor);
  if (m.streams && actor >= m.streams.base) return streamDecide(s, actor);
  if (m.eventStore && actor >= m.eventStore.base) return esDecide(s, actor);
  const am = m.amqp!;
  const t = s.wake.get(actor);
  const a = actor - am.base;
  if (a === 0) return brokerStep(s, t);
  if (a <= am.publishers.length) return publisherStep(s, a - 1, t);
  return amqpMemberStep(s, a - 1 - am.publishers.length, t);
}

export function evolve(s: SimState, e: SimEvent): SimState {
  const es = s.model.eventStore;
  if (isEsEvent(e)) evolveEsSim(s, e);
  else if (isStreamEvent(e)) evolveStreamSim(s, e);
  else if (isSagaEvent(e)) evolveSagaSim(s, e);
  else if (isAmqpEvent(e)) evolveAmqpSim(s, e);
  else {
    kafkaEvolve(s, e);
    if (e.type === 'recordAppended') {
      // Records of a topic that feeds an event store's command handlers (esdb/system/evolve.ts).
      if (es !== null && es.topicAggregates.size > 0) commandsFromRecord(s, e);
      // Records of a topic stream jobs read (stream/system/evolve.ts).
      if (s.model.streams !== null) streamRecordAppended(s, e);
      // Records of a topic a saga orchestrator reads (saga/system.ts).
      if (s.model.sagas !== null) sagaRecord(s, e);
    }
  }
  return s;
}

/** Work moves on when a message is published, delivered or handled (see kafka/progress.ts). */
export function movesWorkOn(e: SimEvent): boolean {
  if (isEsEvent(e)) return e.type !== 'es.projectionCaughtUp' && e.type !== 'es.queryWaiting';
  if (isStreamEvent(e)) return streamMovesWorkOn(e);
  if (isSagaEvent(e)) return e.type !== 'saga.crashed';
  if (!isAmqpEvent(e)) return kafkaMovesWorkOn(e);
  switch (e.type) {
    case 'amqp.published':
    case 'amqp.messageSent':
    case 'amqp.delivered':
    case 'amqp.handled':
    case 'amqp.handlingStarted':
    case 'amqp.deadLettered':
    case 'amqp.dropped':
    case 'amqp.topologyStep':
      return true;
    default:
      return false;
  }
}

export const WORLD: Stepper<SimState, SimEvent> = {
  nextActor,
  wakeOf: (s, a) => s.wake.get(a),
  nowUs: (s) => s.timeUs,
  decide,
  evolve,
  movesWorkOn,
  livelockLimit: (s) => livelockLimit(s.model),
};
