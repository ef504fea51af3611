/**
 * Saga orchestrators in a simulation run (issue 14): one actor per definition, after the other
 * systems' actors. An orchestrator reads its start and reply topics as records are appended
 * (applied with the `recordAppended` itself, as the event store's command topics are: no
 * consumer group is modelled, so no lag; its own records are not messages to it), and sends its
 * commands as Kafka records keyed by the correlation id, which the services' handler rules
 * answer. A crash (`crashes`) re-reads the inbox from the committed position: redelivery.
 */
import { countSeen, METADATA_MAX_AGE_MS } from '../kafka/addPartitions';
import type { RecordAppended, SimEvent } from '../kafka/events';
import { partitionForKey } from '../kafka/murmur2';
import type { SimState } from '../kafka/state';
import { evolveSagaDef } from './evolve';
import type { SagaEvent } from './events';
import type { SagaDefModel, SagaSystemModel } from './model';
import { sagaNextWakeUs, sagaStep } from './runner';

/** The saga events are `saga.…`: 's' then 'a' then 'g' then 'a' then '.'. */
export const isSagaEvent = (e: SimEvent): e is SagaEvent =>
  e.type.charCodeAt(4) === 46 && e.type.charCodeAt(0) === 115;

const actorOf = (m: SagaSystemModel, d: number) => m.base + d;

function rewake(s: SimState, m: SagaSystemModel, d: number): void {
  const next = sagaNextWakeUs(m.defs[d]!, s.sagas!.defs[d]!);
  s.wake.set(actorOf(m, d), Number.isFinite(next) ? Math.max(next, s.timeUs) : next);
}

/** A record appended to a topic an orchestrator reads: a message in its inbox. */
export function sagaRecord(s: SimState, e: RecordAppended): void {
  const m = s.model.sagas!;
  const ds = m.topicDefs.get(e.topic);
  if (ds === undefined) return;
  for (const d of ds) {
    const def = m.defs[d]!;
    if (e.producer === def.id) continue;
    s.sagas!.defs[d]!.inbox.push({
      eventId: e.eventId,
      type: e.eventType,
      topic: e.topic,
      key: e.entity ?? e.key,
      keyId: e.keyId,
      causationId: e.causationId,
      arrivedUs: e.timeUs,
    });
    rewake(s, m, d);
  }
}

/** The orchestrator's record for a command or an end: keyed by the correlation id. */
function record(
  s: SimState,
  def: SagaDefModel,
  perGp: Map<number, number>,
  topicName: string,
  type: string,
  key: string,
  keyId: number,
  eventId: number,
  causationId: number | null,
  correlationId: number,
  t: number,
): RecordAppended {
  const ti = s.model.topicIndex.get(topicName)!;
  const topic = s.model.topics[ti]!;
  // Its producer knows added partitions after Kafka's default metadata.max.age.ms.
  const count =
    s.model.partitionSteps.length === 0
      ? topic.partitions
      : countSeen(
          s.model.partitionSteps,
          ti,
          topic.initialPartitions,
          0,
          METADATA_MAX_AGE_MS * 1000,
          t,
        );
  const partition = partitionForKey(key, count);
  const gp = topic.firstGp + partition;
  const before = perGp.get(gp) ?? 0;
  perGp.set(gp, before + 1);
  return {
    type: 'recordAppended',
    timeUs: t,
    producer: def.id,
    topic: topic.name,
    partition,
    offset: s.leo[gp]! + before,
    key,
    entity: key,
    keyId,
    eventId,
    eventType: type,
    causationId,
    correlationId,
  };
}

/** What orchestrator `d` does at its wake: its saga events, each followed by its record. */
export function sagaDecide(s: SimState, actor: number): SimEvent[] {
  const m = s.model.sagas!;
  const d = actor - m.base;
  const def = m.defs[d]!;
  const ds = s.sagas!.defs[d]!;
  const t = s.wake.get(actor);
  let nextId = s.nextEventId;
  const evs = sagaStep(def, ds, t, { next: () => nextId++ });
  const out: SimEvent[] = [];
  const perGp = new Map<number, number>();
  let cause: number | null = null;
  const started = new Map<string, { keyId: number; eventId: number }>();
  const idOf = (key: string) => {
    const inst = ds.instances.get(key);
    return inst ? { keyId: inst.keyId, eventId: inst.startEventId } : started.get(key)!;
  };
  for (const e of evs) {
    out.push(e);
    if (e.type === 'saga.messageHandled') cause = e.eventId;
    else if (e.type === 'saga.started') started.set(e.key, { keyId: e.keyId, eventId: e.eventId });
    else if (e.type === 'saga.commandSent') {
      const { keyId, eventId } = idOf(e.key);
      out.push(
        record(s, def, perGp, e.topic, e.commandType, e.key, keyId, e.commandId, cause, eventId, t),
      );
    } else if (
      (e.type === 'saga.completed' || e.type === 'saga.cancelled') &&
      e.recordId !== null
    ) {
      const rec = e.type === 'saga.completed' ? def.onCompleted! : def.onCancelled!;
      const { keyId, eventId } = idOf(e.key);
      out.push(
        record(s, def, perGp, rec.topic, rec.type, e.key, keyId, e.recordId, cause, eventId, t),
      );
    }
  }
  return out;
}

/** Applies a saga event to its orchestrator and reschedules it. */
export function evolveSagaSim(s: SimState, e: SagaEvent): void {
  s.timeUs = e.timeUs;
  const m = s.model.sagas;
  if (m === null || s.sagas === null)
    throw new Error(`invariant: ${e.type} in a run without sagas`);
  const d = m.defIndex.get(e.saga);
  if (d === undefined) throw new Error(`invariant: ${e.type} of unknown saga ${e.saga}`);
  evolveSagaDef(m.defs[d]!, s.sagas.defs[d]!, e);
  rewake(s, m, d);
}
