/**
 * The timeline as the UI sees it: which run is shown, where the cursor is, each run's anomalies
 * and marks (streamed by the worker in batches), the selected anomaly and what the canvas
 * highlights, the comparison of two runs and one record's lineage.
 */
import type { Scenario } from '../engine';
import { msg } from '../i18n';
import type { Anomaly, Lineage } from '../insight';
import type { ForkChange, RunComparison } from '../timeline';
import type { TimelineMark } from '../worker/insightStream';
import type { RecordView } from '../worker/protocol';
import type { Text } from './messages';

export interface RunInfo {
  id: number;
  parent: number | null;
  /** "A" for the original run, then "B", "C"… (unique: the worker's run ids are). */
  name: string;
  /** What the fork changed, in words. */
  /** What the run is: the fork's change in words, or (the root) a message in the UI language. */
  label: Text;
  /** What the fork changed (the share link replays it); null for the root. */
  change: ForkChange | null;
  /** The scenario the run simulates (the parent's with `change`); null for the root: the design's. */
  scenario: Scenario | null;
  /** Event index and sim time of the fork point (0 for the root). */
  forkIndex: number;
  forkTimeUs: number;
  /** Recorded so far (events, sim time); `busy` while the worker is still recording it. */
  events: number;
  timeUs: number;
  busy: boolean;
}

/** Where the canvas is, in a run's history. null = the live head of run 0 (frames drive it). */
export interface TimelineCursor {
  index: number;
  timeUs: number;
}

export interface RunInsightView {
  anomalies: Anomaly[];
  marks: TimelineMark[];
  total: number;
}

export interface Highlight {
  topic: string;
  partition: number;
  offset?: number;
  group?: string;
  member?: string;
}

export interface ComparisonView {
  a: number;
  b: number;
  comparison: RunComparison;
  divergenceTimeUs: number | null;
}

export interface LineageView {
  eventId: number;
  run: number;
  lineage: Lineage | null;
  loading: boolean;
}

/** A page of one partition's records (the lineage panel lists them to pick one). */
export interface RecordsView {
  topic: string;
  partition: number;
  records: RecordView[];
}

export interface TimelineSlice {
  activeRun: number;
  cursor: TimelineCursor | null;
  /** Events of the live root run at the last frame. */
  headEvents: number;
  runs: RunInfo[];
  insight: Record<number, RunInsightView>;
  selectedAnomaly: string | null;
  highlight: Highlight | null;
  comparison: ComparisonView | null;
  /** The two runs the user picked to compare; null = the shown fork and its parent. */
  comparePair: { a: number; b: number } | null;
  lineage: LineageView | null;
  records: RecordsView | null;
  /** The cursor is playing through recorded history (not the worker's live player). */
  replaying: boolean;
  /** Which insight panel is open under the timeline. */
  insightTab: 'anomalies' | 'lineage' | 'spaceTime' | 'compare';
}

export const ROOT_RUN: RunInfo = {
  id: 0,
  parent: null,
  name: 'A',
  label: msg('toolbar.runs.original'),
  change: null,
  scenario: null,
  forkIndex: 0,
  forkTimeUs: 0,
  events: 0,
  timeUs: 0,
  busy: false,
};

export function timelineSlice(): TimelineSlice {
  return {
    activeRun: 0,
    cursor: null,
    headEvents: 0,
    runs: [ROOT_RUN],
    insight: {},
    selectedAnomaly: null,
    highlight: null,
    comparison: null,
    comparePair: null,
    lineage: null,
    records: null,
    replaying: false,
    insightTab: 'anomalies',
  };
}
