/**
 * Insight: what a run means. Anomaly detection (duplicate, reordered, lost, stuck) with
 * plain-language causes, one record's lineage, a space-time diagram's layout, and the share
 * link's encoding. Pure and deterministic: the worker, the UI and the CLI call the same code.
 */
export {
  DEFAULT_MAX_FAILED_ATTEMPTS,
  DEFAULT_STUCK_AFTER_MS,
  type Anomaly,
  type AnomalyCause,
  type AnomalyKind,
  type AnomalyOptions,
  type EsAnomalyKind,
  ES_ANOMALY_KINDS,
  anomalyWhere,
} from './anomaly';
export { AnomalyDetector, detectAnomalies } from './detector';
export type { InsightEvent, LogTruncated } from './events';
export { formatMs, timeParam } from './format';
export {
  addToTotals,
  anomalyTotals,
  emptyKindTotals,
  type AnomalyTotals,
  type KindTotals,
} from './totals';
export {
  lineage,
  lineageSteps,
  type Lineage,
  type LineageOptions,
  type LineageStep,
} from './lineage';
export {
  laneLayout,
  spaceTime,
  type Arrow,
  type ArrowKind,
  type Lane,
  type SpaceTime,
  type SpaceTimeWindow,
} from './spaceTime';
export type { ArrowBucket } from './spaceTimeBuckets';
export {
  decodeShareState,
  encodeShareState,
  MAX_SHARE_TEXT,
  type DecodeResult,
  type ShareState,
} from './share';
