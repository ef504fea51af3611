/**
 * The event store in a simulation run: the scenario's `eventStore` section compiled once, beside
 * Kafka's and RabbitMQ's models (issue 13, "Command side and read side").
 *
 * Actor layout, after RabbitMQ's (or Kafka's when there is no RabbitMQ):
 * [faults] [command sources × A] [command handlers × Σ handlers] [projections × P] [queries × Q].
 * An inline projection has a slot but is never woken: it is updated in the handler's step, with
 * the append (as EventStoreDB's docs describe an inline projection: in the same transaction).
 */
import type { Dist } from '../../kafka/distributions';
import { compileDist } from '../../kafka/distributions';
import { compileProducer, type ProducerModel } from '../../kafka/model';
import { streamKey } from '../../kernel/rng';
import type {
  EsFaultSpec,
  EsRuleSpec,
  EventStoreSpec,
  RateSpec,
  Scenario,
} from '../../scenario/types';

const us = (ms: number) => Math.round(ms * 1000);
const sourceStream = (a: number) => 5_000_000 + a;
const handlerStream = (h: number) => 6_000_000 + h;
const projectionStream = (p: number) => 7_000_000 + p;
const queryStream = (q: number) => 8_000_000 + q;

/** Every stream of every aggregate, `$all`'s reader: streams of the aggregates' categories. */
export const ALL = '$all';

export interface EsUpcastModel {
  from: number;
  to: number;
  defaults: ReadonlyMap<string, string | number>;
}

export interface EsAggregateModel {
  index: number;
  id: string;
  /** Rate, keys, start/stop and random stream: Kafka's producer model (its topic unused); null
   *  when the commands are a Kafka topic's records. */
  source: ProducerModel | null;
  /** The Kafka topic whose records are its commands, or null. */
  topic: string | null;
  /** The distinct command types, in rule order (a source draws one uniformly). */
  commandTypes: string[];
  rules: EsRuleSpec[];
  /** Handler indices (into EsSimModel.handlers). */
  handlers: number[];
  maxRetries: number;
  snapshotEvery: number;
  /** The snapshot schema version the code writes at start (a `deploy` changes it). */
  snapshotSchemaVersion: number;
  /** The event schema version the code writes and expects at start (a `deploy` changes it). */
  eventVersion: number;
  upcast: EsUpcastModel | null;
}

export interface EsHandlerModel {
  index: number;
  aggregate: number;
  id: string;
  processing: Dist;
  streamKey: number;
}

export interface EsProjectionModel {
  index: number;
  id: string;
  /** An aggregate's category, or `$all`. */
  from: string;
  inline: boolean;
  idempotent: boolean;
  checkpointEvery: number;
  processing: Dist;
  streamKey: number;
}

export interface EsQueryModel {
  index: number;
  id: string;
  projection: number;
  rate: ProducerModel;
  readYourWrites: boolean;
}

export interface EsFaultModel {
  index: number;
  atUs: number;
  spec: EsFaultSpec;
  /** projectionCrash / rebuild: the projection; deploy: the aggregate. */
  target: number;
}

export interface EsSimModel {
  spec: EventStoreSpec;
  base: number;
  aggregates: EsAggregateModel[];
  handlers: EsHandlerModel[];
  projections: EsProjectionModel[];
  queries: EsQueryModel[];
  faults: EsFaultModel[];
  aggregateIndex: Map<string, number>;
  projectionIndex: Map<string, number>;
  /** Kafka topic → the aggregates its records are commands for. */
  topicAggregates: Map<string, number[]>;
  actorCount: number;
}

export const esFaultActor = (m: EsSimModel) => m.base;
export const esSourceActor = (m: EsSimModel, a: number) => m.base + 1 + a;
export const esHandlerActor = (m: EsSimModel, h: number) => m.base + 1 + m.aggregates.length + h;
export const esProjectionActor = (m: EsSimModel, p: number) =>
  m.base + 1 + m.aggregates.length + m.handlers.length + p;
export const esQueryActor = (m: EsSimModel, q: number) =>
  m.base + 1 + m.aggregates.length + m.handlers.length + m.projections.length + q;

/** The stream an aggregate's command for `key` is about (EventStoreDB's `<category>-<id>`). */
export const streamOf = (aggregate: string, key: string) => `${aggregate}-${key}`;

function rateModel(
  id: string,
  rate: RateSpec,
  keys: Scenario['producers'][number]['keys'],
  startMs: number | undefined,
  stopMs: number | undefined,
  index: number,
  seed: number,
  stream: number,
): ProducerModel {
  const pm = compileProducer(
    { id, topic: '', rate, keys, eventType: '', startMs, stopMs },
    index,
    -1,
    1,
    seed,
  );
  pm.streamKey = streamKey(seed, stream);
  return pm;
}

/** Compiles the eventStore section; `base` is the first actor index after the others'. */
export function compileEventStore(s: Scenario, seed: number, base: number): EsSimModel | null {
  const spec = s.eventStore;
  if (spec === undefined) return null;
  const handlers: EsHandlerModel[] = [];
  const aggregates = spec.aggregates.map((a, index): EsAggregateModel => {
    const hs: number[] = [];
    for (let i = 0; i < (a.handlers ?? 1); i++) {
      const h = handlers.length;
      hs.push(h);
      handlers.push({
        index: h,
        aggregate: index,
        id: `${a.id}-handler-${i + 1}`,
        processing: compileDist(a.processingMs ?? 1),
        streamKey: streamKey(seed, handlerStream(h)),
      });
    }
    const types: string[] = [];
    for (const r of a.rules) if (!types.includes(r.command)) types.push(r.command);
    return {
      index,
      id: a.id,
      source:
        'topic' in a.commands
          ? null
          : rateModel(
              a.id,
              a.commands.rate,
              a.commands.keys,
              a.commands.startMs,
              a.commands.stopMs,
              index,
              seed,
              sourceStream(index),
            ),
      topic: 'topic' in a.commands ? a.commands.topic : null,
      commandTypes: types,
      rules: a.rules,
      handlers: hs,
      maxRetries: a.maxRetries ?? 3,
      snapshotEvery: a.snapshot?.every ?? 0,
      snapshotSchemaVersion: a.snapshot?.schemaVersion ?? 1,
      eventVersion: a.eventVersion ?? 1,
      upcast: a.upcast
        ? {
            from: a.upcast.from,
            to: a.upcast.to,
            defaults: new Map(Object.entries(a.upcast.defaults)),
          }
        : null,
    };
  });
  const aggregateIndex = new Map(aggregates.map((a) => [a.id, a.index]));
  const topicAggregates = new Map<string, number[]>();
  for (const a of aggregates)
    if (a.topic !== null)
      topicAggregates.set(a.topic, [...(topicAggregates.get(a.topic) ?? []), a.index]);
  const projections = (spec.projections ?? []).map((p, index): EsProjectionModel => ({
    index,
    id: p.id,
    from: p.from,
    inline: p.mode === 'inline',
    idempotent: p.kind === 'idempotent',
    checkpointEvery: p.checkpointEvery ?? 10,
    processing: compileDist(p.processingMs ?? 1),
    streamKey: streamKey(seed, projectionStream(index)),
  }));
  const projectionIndex = new Map(projections.map((p) => [p.id, p.index]));
  const queries = (spec.queries ?? []).map((q, index): EsQueryModel => ({
    index,
    id: q.id,
    projection: projectionIndex.get(q.projection) ?? 0,
    rate: rateModel(
      q.id,
      q.rate,
      { kind: 'null' },
      q.startMs,
      q.stopMs,
      index,
      seed,
      queryStream(index),
    ),
    readYourWrites: q.readYourWrites ?? false,
  }));
  const faults = (spec.faults ?? [])
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i)
    .map(({ f }, index): EsFaultModel => ({
      index,
      atUs: us(f.atMs),
      spec: f,
      target:
        f.kind === 'deploy'
          ? (aggregateIndex.get(f.aggregate) ?? -1)
          : (projectionIndex.get(f.projection) ?? -1),
    }));
  return {
    spec,
    base,
    aggregates,
    handlers,
    projections,
    queries,
    faults,
    aggregateIndex,
    projectionIndex,
    topicAggregates,
    actorCount: 1 + aggregates.length + handlers.length + projections.length + queries.length,
  };
}

/** Whether a projection reads a stream: its category's, or any aggregate's for `$all`. */
export function projectionReads(
  m: EsSimModel,
  p: EsProjectionModel,
  category: string | null,
): boolean {
  if (category === null) return false;
  return p.from === ALL ? m.aggregateIndex.has(category) : p.from === category;
}
