/**
 * The teaching layer's data: lessons and challenges are JSON (never code), safe to open from a
 * file or a link. Published as JSON Schemas (public/lesson.schema.json,
 * public/challenge.schema.json); parsed with bounds like every other input (parseLesson,
 * parseChallenge name the JSON path of every problem).
 *
 * Shared by: the lesson player (lesson.ts, ui/learn), challenges (challenge.ts, goals.ts,
 * actions.ts), the headless checker (`npm run lessons -- --check`).
 */
import type { FaultSpec, Scenario } from '../engine';

/** Text in both languages. Markdown where noted (a safe subset: see markdown.ts). */
export interface Localized {
  en: string;
  'zh-CN': string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/**
 * One change a person makes in the editor, as data. Paths address scenario fields by entity
 * name, never by index; a Kafka setting with dots is one quoted segment:
 *   `durationMs`, `topics[name=payments].partitions`, `topics[name=payments]["replication.factor"]`,
 *   `producers[id=checkout].config.acks`, `producers[id=checkout].keys`,
 *   `groups[id=ledger].commit`, `groups[id=ledger].config["enable.auto.commit"]`.
 * A `set` with value null removes the field (back to Kafka's default). A whole entity,
 * `groups[id=audit]`, with an object value adds or replaces it; null removes it.
 */
export type Action =
  | { op: 'set'; path: string; value: JsonValue }
  | { op: 'addFault'; fault: FaultSpec }
  | { op: 'removeFault'; fault: FaultSpec };

export type Op = '<' | '<=' | '==' | '!=' | '>=' | '>';

/** Summary counters a goal may test (engine/summary.ts); per group where `group` is given. */
export type SummaryCounter =
  | 'processed'
  | 'duplicates'
  | 'redeliveries'
  | 'duplicateSideEffects'
  | 'dedupAbsorbed'
  | 'reordered'
  | 'lost'
  | 'pending'
  | 'lag'
  | 'lagMax'
  | 'rebalances'
  | 'rejectedCommits'
  | 'dlq'
  | 'handlerFailures'
  /** Transactions: records of aborted transactions a read_uncommitted group processed. */
  | 'abortedRead'
  /** Transactions: a second output of the same input processed downstream. */
  | 'outputDuplicates'
  /** Compaction: tombstones the cleaner removed before the group read them (its table keeps the key). */
  | 'missedTombstones'
  | 'produced'
  | 'appended'
  | 'acknowledged'
  | 'logDuplicates'
  | 'lostAcked'
  | 'reorderedInLog'
  | 'failedSends'
  /** RabbitMQ's counters (summary.amqp; amqp/system/state.ts), for the whole run. */
  | AmqpSummaryCounter
  | EsSummaryCounter;

/**
 * The event store's counters a goal may test, named `es.<field of summary.eventStore>` (issue 13).
 */
export type EsSummaryCounter =
  | 'es.succeeded'
  | 'es.conflicts'
  | 'es.failedCommands'
  | 'es.doubleCounted'
  | 'es.staleReads'
  | 'es.versionErrors'
  | 'es.upcasted'
  | 'es.rebuilds';

/** RabbitMQ's counters a goal may test, named `amqp.<field of summary.amqp>`. */
export type AmqpSummaryCounter =
  | 'amqp.published'
  | 'amqp.routed'
  | 'amqp.unroutable'
  | 'amqp.delivered'
  | 'amqp.redelivered'
  | 'amqp.processed'
  | 'amqp.duplicates'
  | 'amqp.reordered'
  | 'amqp.handlerFailures'
  | 'amqp.acked'
  | 'amqp.requeued'
  | 'amqp.deadLettered'
  | 'amqp.lost'
  | 'amqp.maxDeliveries';

/**
 * What must hold over a run, checked by the engine (summary, anomaly detector, end state).
 * A failing goal explains itself with the first offending fact ("not yet: order-7 is still
 * reordered at 4,200 ms").
 */
export type Goal =
  | { all: Goal[] }
  | { any: Goal[] }
  | { not: Goal }
  /**
   * A summary counter at the end of the run, or with `over: 'run'` its highest value during the
   * run (sampled every 100 ms of sim time and at the end): "lag stays under 100" is
   * `{ summary: 'lagMax', over: 'run', op: '<', value: 100 }`. Only lag, lagMax and pending can
   * fall; for the other counters the peak is the end value.
   */
  | { summary: SummaryCounter; op: Op; value: number; group?: string; over?: 'end' | 'run' }
  | {
      anomalies: 'duplicate' | 'reordered' | 'lost' | 'stuck';
      op: Op;
      value: number;
      group?: string;
      key?: string;
    };

/** What a reader may change, and how much. */
export interface Constraints {
  /**
   * Paths the reader may set, as patterns over Action paths: `*` matches one whole segment or
   * one entity name (`groups[id=*].config[*]`, `producers[id=checkout].keys`, `groups[id=*].commit`). Faults are governed by
   * `faults`, not by `allow`.
   */
  allow: string[];
  faults?: { max: number; kinds?: FaultSpec['kind'][] };
  /** At most this many actions. */
  maxActions?: number;
}

/** Where a lesson step or a challenge starts: a built-in, a whole scenario, or changes. */
export type ScenarioSource = { builtIn: string } | { scenario: Scenario } | { changes: Action[] };

export interface Challenge {
  $schema?: string;
  version: 1;
  /** kebab-case, unique; progress is saved under it. */
  id: string;
  title: Localized;
  /** Markdown: the situation and what to achieve. */
  brief: Localized;
  /** A built-in or a whole scenario (not `changes`). */
  start: { builtIn: string } | { scenario: Scenario };
  goal: Goal;
  /** The goal in words, shown beside the live check. */
  goalText: Localized;
  constraints: Constraints;
  /** The length (in actions) of the reference solution. */
  par: number;
  /** The reference solution; `npm run lessons -- --check` replays it headless. */
  solution: Action[];
  hints: Localized[];
}

export interface LessonStep {
  title: Localized;
  /**
   * Markdown. Links point at things and move the cursor when clicked:
   * `[this offset](cursor:2500)` (sim ms), `[the duplicate](anomaly:duplicate)` (the first
   * anomaly of that kind), `[payments](node:payments)` (selects the topic/producer/group).
   */
  narration: Localized;
  /** The scenario this step runs: a built-in, a whole scenario, or changes to the previous step's. */
  scenario: ScenarioSource;
  /** Sim ms where the cursor stands when the step begins ("back" returns here). Default 0. */
  atMs?: number;
  highlight?: { nodes?: string[]; fromMs?: number; toMs?: number };
  /** Something for the reader to do, checked like a challenge goal. */
  task?: { text: Localized; goal: Goal; hints: Localized[]; allow?: string[] };
}

export interface Lesson {
  $schema?: string;
  version: 1;
  id: string;
  title: Localized;
  summary: Localized;
  /** The seed course note's section this lesson follows, e.g. "2.1.1". */
  chapter: string;
  steps: LessonStep[];
  /** The id of the challenge the lesson ends with. */
  challenge?: string;
}
