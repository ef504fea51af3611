/**
 * Stream processing's events in a simulation run: past-tense, JSON-safe, each type prefixed
 * `stream.` (world.ts dispatches on that prefix); system/evolve.ts applies them.
 *
 * Records of a job's source topics reach the job with their own `recordAppended` (the job's
 * operator takes them in evolve, as the event store takes a topic's commands); what the operator
 * did with them is reported by the job's actor at the same instant as the facts below, in the
 * order the operator did it. Alerts, side-output records and pattern outputs are real Kafka
 * records (`recordAppended`) the job's actor appends after the fact that caused them.
 */

/** A record a job wrote to a Kafka topic. */
export interface StreamRecordRef {
  topic: string;
  partition: number;
  offset: number;
  eventId: number;
}

export type StreamSimEvent =
  /** An element (a source record) went into these windows ([start, end)) of its key. */
  | {
      type: 'stream.elementAssigned';
      timeUs: number;
      job: string;
      partition: number;
      offset: number;
      key: string | number;
      /** Event time, or processing time for processing-time windows (ms). */
      timestamp: number;
      windows: [number, number][];
    }
  /**
   * A periodic watermark emission (autoWatermarkInterval): the partitions whose watermark rose
   * or that became idle, and the operator's watermark (min over active partitions) when it rose.
   */
  | {
      type: 'stream.watermarkAdvanced';
      timeUs: number;
      job: string;
      partitions: { partition: number; watermark: number | null; idle: boolean }[];
      /** The operator's new watermark, or null when it did not rise. */
      operator: number | null;
    }
  /** A processing-time timer is due: the operator's processing time moves to `timeMs`. */
  | { type: 'stream.processingTimeAdvanced'; timeUs: number; job: string; timeMs: number }
  /** A window fired: its result, output timestamp end − 1; late = a late firing. */
  | {
      type: 'stream.windowFired';
      timeUs: number;
      job: string;
      key: string | number;
      start: number;
      end: number;
      value: number;
      count: number;
      timestamp: number;
      late: boolean;
      /** The job's condition held (or it has none): an alert record went to the sink. */
      alert: boolean;
      record: StreamRecordRef | null;
    }
  /** An element no window accepted, later than allowedLateness: dropped or side output. */
  | {
      type: 'stream.lateElement';
      timeUs: number;
      job: string;
      partition: number;
      offset: number;
      key: string | number;
      timestamp: number;
      /** The operator's watermark minus the element's timestamp (ms). */
      lateBy: number;
      outcome: 'dropped' | 'sideOutput';
      record: StreamRecordRef | null;
    }
  /** The Esper runtime's clock moved to `timeMs` (its timers due up to then fired). */
  | { type: 'stream.eplTimeAdvanced'; timeUs: number; job: string; timeMs: number }
  /** A pattern matched: the events it bound, by tag (each a source record's event id). */
  | {
      type: 'stream.patternMatched';
      timeUs: number;
      job: string;
      timeMs: number;
      tags: { tag: string; eventId: number; eventType: string }[];
      record: StreamRecordRef | null;
    }
  /** An EPL statement's listener got insert- and remove-stream rows (fields as pairs). */
  | {
      type: 'stream.rowsEmitted';
      timeUs: number;
      job: string;
      timeMs: number;
      insert: [string, unknown][][];
      remove: number;
      records: StreamRecordRef[];
    }
  /** A bound stopped the job (its operator or runtime): it reads nothing more. */
  | { type: 'stream.jobStopped'; timeUs: number; job: string; message: string };

export type StreamFact = StreamSimEvent extends infer E
  ? E extends { type: 'stream.windowFired' | 'stream.lateElement' }
    ? Omit<E, 'timeUs' | 'record'>
    : E extends { type: 'stream.patternMatched' }
      ? Omit<E, 'timeUs' | 'record'>
      : E extends { type: 'stream.rowsEmitted' }
        ? Omit<E, 'timeUs' | 'records'>
        : E extends { type: 'stream.elementAssigned' | 'stream.jobStopped' }
          ? Omit<E, 'timeUs'>
          : never
  : never;
