/**
 * A compacted topic's log for the canvas (additive to view.ts, like liveView.ts): per partition,
 * how many offsets still hold a record, how many the log cleaner removed (holes: offsets are
 * never renumbered), how many of the kept records are tombstones, and the whole log from
 * offset 0 to the log end in COMPACTION_BINS bins, each the share of its offsets still holding
 * a record (−1: below the log start offset, deleted by retention) and whether it holds a
 * tombstone. Bound by partitions × COMPACTION_BINS; the count walks the log (compacted topics
 * keep their records in memory from the log start offset anyway: retain.ts).
 */
import type { SimState } from '../engine';
import { isHole } from '../engine/kafka/compaction';
import { recordAt } from '../engine/kafka/state';

export const COMPACTION_BINS = 56;

export interface CompactionTail {
  /** Per partition: offsets from the log start to the log end that still hold a record. */
  kept: number[];
  /** Per partition: offsets the log cleaner removed (holes), at or above the log start. */
  holes: number[];
  /** Per partition: kept records that are tombstones (a key with a null value). */
  tombstones: number[];
  logStart: number[];
  /** Per partition, per bin over [0, log end): kept share 0…1, −1 below the log start. */
  bins: number[][];
  /** Per partition, per bin: 1 when a kept tombstone lies in it. */
  tombstoneBins: number[][];
}

export function compactionTail(
  state: SimState,
  firstGp: number,
  partitions: number,
): CompactionTail | null {
  const c = state.compaction;
  const model = state.model;
  if (!c || !model.compaction || model.compaction.compacted[firstGp] !== 1) return null;
  const out: CompactionTail = {
    kept: [],
    holes: [],
    tombstones: [],
    logStart: [],
    bins: [],
    tombstoneBins: [],
  };
  for (let p = 0; p < partitions; p++) {
    const gp = firstGp + p;
    const leo = state.leo[gp]!;
    const lso = state.logStartOffset[gp]!;
    const bins = new Array<number>(COMPACTION_BINS).fill(0);
    const sizes = new Array<number>(COMPACTION_BINS).fill(0);
    const tomb = new Array<number>(COMPACTION_BINS).fill(0);
    let kept = 0;
    let holes = 0;
    let tombstones = 0;
    const binOf = (o: number) =>
      Math.min(COMPACTION_BINS - 1, Math.floor((o / leo) * COMPACTION_BINS));
    for (let o = lso; o < leo; o++) {
      const b = binOf(o);
      sizes[b]!++;
      if (isHole(c, gp, o, Number.POSITIVE_INFINITY)) {
        holes++;
        continue;
      }
      kept++;
      bins[b]!++;
      if (recordAt(state, gp, o)?.tombstone) {
        tombstones++;
        tomb[b] = 1;
      }
    }
    out.bins.push(
      bins.map((n, b) => {
        const binStart = Math.ceil((b * leo) / COMPACTION_BINS);
        if (sizes[b] === 0) return binStart < lso ? -1 : 0;
        return n / sizes[b]!;
      }),
    );
    out.kept.push(kept);
    out.holes.push(holes);
    out.tombstones.push(tombstones);
    out.logStart.push(lso);
    out.tombstoneBins.push(tomb);
  }
  return out;
}
