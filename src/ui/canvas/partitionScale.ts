/**
 * Geometry of the per-partition offset bars on a topic node, as a pure function (house rule 8:
 * d3 computes, React draws). All partitions of a topic share one linear scale so their bars
 * compare; the domain is "niced" so it changes in steps rather than every frame.
 */
import { scaleLinear } from 'd3';

export interface CommitMark {
  group: string;
  color: string;
  /** Committed offset (next to read); −1 = none yet. */
  offset: number;
}

export interface PartitionBar {
  /** Width of the filled part: the log-end offset. */
  fillWidth: number;
  /** One tick per group that has committed, at its committed offset. */
  ticks: { group: string; color: string; x: number; lag: number }[];
}

export function offsetScale(logEndOffsets: readonly number[], width: number) {
  const max = Math.max(1, ...logEndOffsets);
  return scaleLinear().domain([0, max]).nice(4).range([0, width]).clamp(true);
}

export function partitionBar(logEndOffset: number, marks: readonly CommitMark[], scale: (v: number) => number): PartitionBar {
  return {
    fillWidth: scale(logEndOffset),
    ticks: marks
      .filter((m) => m.offset >= 0)
      .map((m) => ({ group: m.group, color: m.color, x: scale(m.offset), lag: logEndOffset - m.offset })),
  };
}
