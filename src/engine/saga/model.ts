/**
 * Saga orchestrators compiled once from the scenario's `sagas` section (issue 14): ms → integer
 * µs, defaults, and which Kafka topics feed which orchestrator.
 *
 * Actor layout, after the event store's (or RabbitMQ's, or Kafka's): one actor per saga
 * orchestrator. Nothing here is read when the section is absent.
 */
import type { SagaCommandSpec, SagaSpec, SagaStepKind } from '../scenario/types';

const us = (ms: number) => Math.round(ms * 1000);

export interface SagaCommandModel {
  type: string;
  topic: string;
}

export interface SagaStepModel {
  index: number;
  name: string;
  kind: SagaStepKind;
  command: SagaCommandModel;
  success: ReadonlySet<string>;
  failure: ReadonlySet<string>;
  compensation: (SagaCommandModel & { success: ReadonlySet<string> }) | null;
  timeoutUs: number;
  /** Attempts after the first for a compensatable step or the pivot. */
  retries: number;
  backoffUs: number;
}

export interface SagaDefModel {
  index: number;
  id: string;
  startTopic: string;
  startType: string;
  replyTopics: readonly string[];
  steps: SagaStepModel[];
  parallel: boolean;
  deduplicate: boolean;
  processingUs: number;
  commitEvery: number;
  maxAttempts: number;
  stuckAfterUs: number;
  onCompleted: SagaCommandModel | null;
  onCancelled: SagaCommandModel | null;
  /** Crash times, ascending. */
  crashesUs: number[];
  /** At most this many instances start (a bound on the work; later starts are refused). */
  maxInstances: number;
}

export interface SagaSystemModel {
  base: number;
  defs: SagaDefModel[];
  /** Kafka topic → the orchestrators reading it (start or reply topic). */
  topicDefs: Map<string, number[]>;
  defIndex: Map<string, number>;
  actorCount: number;
}

export const SAGA_DEFAULTS = {
  timeoutMs: 1000,
  retries: 2,
  backoffMs: 100,
  processingMs: 1,
  commitEvery: 1,
  maxAttempts: 10,
  stuckAfterMs: 5000,
  maxInstances: 10_000,
};

const cmd = (c: SagaCommandSpec | undefined): SagaCommandModel | null =>
  c ? { type: c.type, topic: c.topic } : null;

/** Compiles one saga definition (also used on its own by tests of the orchestrator core). */
export function compileSagaDef(spec: SagaSpec, index: number): SagaDefModel {
  const D = SAGA_DEFAULTS;
  return {
    index,
    id: spec.id,
    startTopic: spec.start.topic,
    startType: spec.start.type,
    replyTopics: spec.replyTopics.slice(),
    steps: spec.steps.map((st, i): SagaStepModel => ({
      index: i,
      name: st.name,
      kind: st.kind,
      command: { type: st.command.type, topic: st.command.topic },
      success: new Set(st.success),
      failure: new Set(st.failure ?? []),
      compensation: st.compensation
        ? {
            type: st.compensation.type,
            topic: st.compensation.topic,
            success: new Set(st.compensation.success),
          }
        : null,
      timeoutUs: us(st.timeoutMs ?? D.timeoutMs),
      retries: st.retries ?? D.retries,
      backoffUs: us(st.backoffMs ?? D.backoffMs),
    })),
    parallel: spec.compensation === 'parallel',
    deduplicate: spec.deduplicate ?? false,
    processingUs: Math.max(1, us(spec.processingMs ?? D.processingMs)),
    commitEvery: spec.commitEvery ?? D.commitEvery,
    maxAttempts: spec.maxAttempts ?? D.maxAttempts,
    stuckAfterUs: us(spec.stuckAfterMs ?? D.stuckAfterMs),
    onCompleted: cmd(spec.onCompleted),
    onCancelled: cmd(spec.onCancelled),
    crashesUs: (spec.crashes ?? []).map((c) => us(c.atMs)).sort((a, b) => a - b),
    maxInstances: D.maxInstances,
  };
}

/** Compiles the sagas section; `base` is the first actor index after the other systems'. */
export function compileSagas(sagas: SagaSpec[] | undefined, base: number): SagaSystemModel | null {
  if (sagas === undefined || sagas.length === 0) return null;
  const defs = sagas.map(compileSagaDef);
  const topicDefs = new Map<string, number[]>();
  const add = (topic: string, d: number) => {
    const l = topicDefs.get(topic) ?? [];
    if (!l.includes(d)) l.push(d);
    topicDefs.set(topic, l);
  };
  for (const d of defs) {
    add(d.startTopic, d.index);
    for (const t of d.replyTopics) add(t, d.index);
  }
  return {
    base,
    defs,
    topicDefs,
    defIndex: new Map(defs.map((d) => [d.id, d.index])),
    actorCount: defs.length,
  };
}

/** The step's wait before attempt `attempt + 1` (exponential backoff from backoffUs). */
export function backoffUs(step: SagaStepModel, attempt: number): number {
  return step.backoffUs * 2 ** Math.min(attempt - 1, 20);
}
