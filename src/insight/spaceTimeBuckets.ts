import type { ArrowKind } from './spaceTime';

/** Arrows summarised: how many of one kind went between two lanes in one slice of time. */
export interface ArrowBucket {
  kind: ArrowKind;
  /** Lane ids. */
  from: string;
  to: string;
  fromUs: number;
  toUs: number;
  count: number;
  /** Of those, arrows that carry an anomaly (redelivered, reordered, rejected). */
  flagged: number;
}

/** Fine slices the window is counted in; merged into fewer buckets at the end. */
const FINE = 256;

interface Series {
  kind: ArrowKind;
  from: number;
  to: number;
  counts: Uint32Array;
  flagged: Uint32Array;
}

/**
 * Counts arrows per (kind, from lane, to lane) in fine time slices, then merges the slices so
 * the number of buckets stays under a cap: the diagram stays drawable however many records the
 * window holds, and memory is bounded by lanes, not by events.
 */
export class BucketCounter {
  private readonly series = new Map<number, Series>();
  private readonly scale: number;

  constructor(
    private readonly fromUs: number,
    private readonly toUs: number,
    private readonly laneCount: number,
  ) {
    this.scale = FINE / Math.max(1, toUs - fromUs);
  }

  add(
    kind: ArrowKind,
    kindIndex: number,
    from: number,
    to: number,
    timeUs: number,
    flagged: boolean,
  ): void {
    const k = (kindIndex * this.laneCount + from) * this.laneCount + to;
    let s = this.series.get(k);
    if (!s) {
      s = { kind, from, to, counts: new Uint32Array(FINE), flagged: new Uint32Array(FINE) };
      this.series.set(k, s);
    }
    const i = Math.min(FINE - 1, Math.max(0, Math.floor((timeUs - this.fromUs) * this.scale)));
    s.counts[i]!++;
    if (flagged) s.flagged[i]!++;
  }

  /**
   * Non-empty buckets, at most max(maxBuckets, number of lane pairs), ordered by first
   * appearance of the lane pair, then time. `laneIds` turns lane numbers back into ids.
   */
  buckets(maxBuckets: number, laneIds: readonly string[]): ArrowBucket[] {
    const pairs = this.series.size;
    if (pairs === 0) return [];
    const slices = Math.max(1, Math.min(FINE, Math.floor(maxBuckets / pairs)));
    const span = this.toUs - this.fromUs;
    const out: ArrowBucket[] = [];
    for (const s of this.series.values()) {
      for (let j = 0; j < slices; j++) {
        const lo = Math.floor((j * FINE) / slices);
        const hi = Math.floor(((j + 1) * FINE) / slices);
        let count = 0;
        let flagged = 0;
        for (let i = lo; i < hi; i++) {
          count += s.counts[i]!;
          flagged += s.flagged[i]!;
        }
        if (count === 0) continue;
        out.push({
          kind: s.kind,
          from: laneIds[s.from]!,
          to: laneIds[s.to]!,
          fromUs: this.fromUs + Math.round((lo / FINE) * span),
          toUs: this.fromUs + Math.round((hi / FINE) * span),
          count,
          flagged,
        });
      }
    }
    return out;
  }
}
