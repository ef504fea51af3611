/**
 * Stream processing in a simulation run (issue 15): the scenario's `streams` section compiled
 * once, beside Kafka's, RabbitMQ's and the event store's models. One actor per job, after the
 * event store's (or whichever system comes last): [window jobs] [pattern jobs].
 */
import { parseEpl, type EplStatement } from '../eplParse';
import { validateSpec, type ValidSpec } from '../windows/spec';
import { DEFAULT_AUTO_WATERMARK_INTERVAL } from '../windows/watermarks';
import { windowSpecOf } from '../../scenario/parseStreams';
import type { Scenario, StreamPatternJobSpec, StreamWindowJobSpec } from '../../scenario/types';

/** Inputs one job may take in a run (elements, watermarks, time advances); then it stops. */
export const STREAM_JOB_MAX_INPUTS = 1_000_000;
/** Fired windows and late elements each job keeps for the views (the oldest go first). */
export const STREAM_VIEW_HISTORY = 200;

export interface WindowJobModel {
  index: number;
  id: string;
  spec: StreamWindowJobSpec;
  /** The runWindows spec, validated (the parser refused anything validateSpec refuses). */
  valid: ValidSpec;
  source: string;
  /** The source topic's index (its live partition count is state: addPartitions). */
  sourceTopic: number;
  /** The source topic's partition count (its final count when partitions are added; a
   *  partition counts for the watermark once it exists, as a split the source discovers). */
  partitions: number;
  /** Topic index of the alert sink, or -1. */
  sink: number;
  /** Topic index of the late-data side output, or -1. */
  side: number;
  alertType: string;
  boundMs: number;
  intervalUs: number;
  /** withIdleness timeout in µs, or -1 (no idleness: a silent partition holds the watermark). */
  idlenessUs: number;
}

export interface PatternJobModel {
  index: number;
  id: string;
  spec: StreamPatternJobSpec;
  statement: EplStatement;
  sources: string[];
  sink: number;
  outputType: string;
}

export interface StreamSimModel {
  base: number;
  windows: WindowJobModel[];
  patterns: PatternJobModel[];
  /** Topic name → the jobs reading it: window jobs by index, pattern jobs as −1 − index. */
  topicJobs: Map<string, number[]>;
  actorCount: number;
}

export const windowJobActor = (m: StreamSimModel, j: number) => m.base + j;
export const patternJobActor = (m: StreamSimModel, j: number) => m.base + m.windows.length + j;

/** Compiles the streams section; `base` is the first actor index after the other systems'. */
export function compileStreams(s: Scenario, base: number): StreamSimModel | null {
  const spec = s.streams;
  if (spec === undefined) return null;
  const topicIndex = new Map(s.topics.map((t, i) => [t.name, i]));
  const topicOf = (name: string | undefined) =>
    name === undefined ? -1 : (topicIndex.get(name) ?? -1);
  const topicJobs = new Map<string, number[]>();
  const reads = (topic: string, j: number) => {
    const list = topicJobs.get(topic);
    if (list === undefined) topicJobs.set(topic, [j]);
    else if (!list.includes(j)) list.push(j);
  };
  const windows = (spec.windows ?? []).map((j, index): WindowJobModel => {
    const { spec: valid } = validateSpec(windowSpecOf(j));
    if (valid === null) throw new Error(`invariant: window job "${j.id}" passed the parser`);
    const t = s.topics[topicIndex.get(j.source)!]!;
    const partitions = Math.max(
      t.partitions,
      ...s.faults.map((f) =>
        f.kind === 'addPartitions' && f.topic === j.source ? f.partitions : 0,
      ),
    );
    reads(j.source, index);
    const w = j.watermarks ?? {};
    return {
      index,
      id: j.id,
      spec: j,
      valid,
      source: j.source,
      sourceTopic: topicIndex.get(j.source)!,
      partitions,
      sink: topicOf(j.sink),
      side: topicOf(j.sideOutputLateData),
      alertType: j.alertType ?? 'WindowResult',
      boundMs: w.maxOutOfOrdernessMs ?? 0,
      intervalUs: (w.autoWatermarkIntervalMs ?? DEFAULT_AUTO_WATERMARK_INTERVAL) * 1000,
      idlenessUs: w.idlenessMs === undefined ? -1 : w.idlenessMs * 1000,
    };
  });
  const patterns = (spec.patterns ?? []).map((j, index): PatternJobModel => {
    const parsed = parseEpl(j.epl);
    if (!parsed.ok) throw new Error(`invariant: EPL of "${j.id}" passed the parser`);
    for (const t of j.sources) reads(t, -1 - index);
    return {
      index,
      id: j.id,
      spec: j,
      statement: parsed.statement,
      sources: j.sources,
      sink: topicOf(j.sink),
      outputType: j.outputType ?? 'PatternMatch',
    };
  });
  return {
    base,
    windows,
    patterns,
    topicJobs,
    actorCount: windows.length + patterns.length,
  };
}
