/**
 * Watermark helpers for the future UI, written from Flink's source:
 * - flink-core .../eventtime/BoundedOutOfOrdernessWatermarks.java: remembers the highest timestamp
 *   seen; onPeriodicEmit emits maxTimestamp - outOfOrdernessMillis - 1.
 * - ExecutionConfig.setAutoWatermarkInterval: periodic emission every 200 ms of processing time by
 *   default; WatermarkToDataOutput forwards a watermark only when it is higher than the last one.
 * - flink-streaming-java .../watermarkstatus/StatusWatermarkValve.java: an operator's watermark is
 *   the minimum over its active (non-idle) input channels, only ever increasing; when every channel
 *   is idle the maximum over all channels is flushed. An active channel that stops sending (a
 *   stalled partition) therefore holds the operator's watermark back.
 */
import type { WindowInput, WindowKey, WindowProblem } from './spec';
import { isTime } from './spec';

export const DEFAULT_AUTO_WATERMARK_INTERVAL = 200;

/** The watermark BoundedOutOfOrdernessWatermarks emits after seeing maxTimestamp. */
export function boundedOutOfOrdernessWatermark(
  maxTimestamp: number,
  maxOutOfOrderness: number,
): number {
  return maxTimestamp - maxOutOfOrderness - 1;
}

export interface ArrivingRecord {
  readonly key: WindowKey;
  readonly value: unknown;
  /** Event time. */
  readonly timestamp: number;
  /** Processing time at which the source reads the record (non-decreasing). */
  readonly arrival: number;
}

/**
 * Interleave records with the watermarks a source's BoundedOutOfOrdernessWatermarks emits every
 * autoWatermarkInterval ms of processing time (ticks at multiples of the interval, up to `until`).
 * A record arriving at the tick's instant is read before the tick.
 */
export function withPeriodicWatermarks(
  records: readonly ArrivingRecord[],
  options: { maxOutOfOrderness: number; autoWatermarkInterval?: number; until?: number },
): { inputs: WindowInput[]; problems: WindowProblem[] } {
  const problems: WindowProblem[] = [];
  if (typeof options !== 'object' || options === null)
    return {
      inputs: [],
      problems: [
        {
          field: 'options',
          message: 'expected { maxOutOfOrderness, autoWatermarkInterval?, until? }',
        },
      ],
    };
  const interval = options.autoWatermarkInterval ?? DEFAULT_AUTO_WATERMARK_INTERVAL;
  if (!isTime(interval) || interval <= 0)
    problems.push({
      field: 'options.autoWatermarkInterval',
      message: 'expected a positive integer (ms)',
    });
  if (!isTime(options.maxOutOfOrderness) || options.maxOutOfOrderness < 0)
    problems.push({
      field: 'options.maxOutOfOrderness',
      message: 'expected a non-negative integer (ms)',
    });
  if (options.until !== undefined && !isTime(options.until))
    problems.push({ field: 'options.until', message: 'expected an integer (ms)' });
  if (!Array.isArray(records) || records.length > 100_000)
    problems.push({ field: 'records', message: 'expected an array of at most 100000 records' });
  if (problems.length > 0) return { inputs: [], problems };
  const inputs: WindowInput[] = [];
  let maxTs: number | null = null;
  let lastEmitted = Number.NEGATIVE_INFINITY;
  let nextTick = interval;
  let lastArrival = Number.NEGATIVE_INFINITY;
  let ticks = 0;
  const tickUntil = (t: number, inclusive: boolean): void => {
    while (inclusive ? nextTick <= t : nextTick < t) {
      if (++ticks > 1_000_000) return; // unreachable: at most two ticks per record and one at the end
      if (maxTs !== null) {
        const wm = boundedOutOfOrdernessWatermark(maxTs, options.maxOutOfOrderness);
        if (wm > lastEmitted) {
          inputs.push({ watermark: wm });
          lastEmitted = wm;
        }
      }
      nextTick += interval;
    }
  };
  records.forEach((r, i) => {
    if (
      typeof r !== 'object' ||
      r === null ||
      !isTime(r.arrival) ||
      r.arrival < lastArrival ||
      !isTime(r.timestamp)
    ) {
      problems.push({
        field: `records[${i}]`,
        message: 'expected integer timestamp and non-decreasing arrival',
      });
      return;
    }
    lastArrival = r.arrival;
    // Jump over long silences without walking every tick: nothing changes between records.
    if (nextTick < r.arrival && maxTs !== null) tickUntil(nextTick, true);
    if (nextTick < r.arrival) nextTick += Math.floor((r.arrival - nextTick) / interval) * interval;
    tickUntil(r.arrival, false);
    inputs.push({ key: r.key, value: r.value, timestamp: r.timestamp });
    maxTs = maxTs === null ? r.timestamp : Math.max(maxTs, r.timestamp);
  });
  if (options.until !== undefined) {
    if (nextTick <= options.until && maxTs !== null) tickUntil(nextTick, true);
  }
  return { inputs, problems };
}

export interface ChannelState {
  readonly watermark: number | null;
  readonly idle: boolean;
}

export type ValveInput =
  | { readonly channel: number; readonly watermark: number }
  | { readonly channel: number; readonly idle: boolean };

export interface ValveRun {
  /** What the valve forwards, in order: watermarks and stream-status changes. */
  readonly outputs: (
    | { readonly input: number; readonly watermark: number }
    | { readonly input: number; readonly idle: boolean }
  )[];
  readonly channels: ChannelState[];
  /** The operator's watermark at the end (null: none yet). */
  readonly watermark: number | null;
  readonly problems: WindowProblem[];
}

/**
 * StatusWatermarkValve as a fold over channel inputs: the operator watermark is the minimum over
 * active, aligned channels; idle channels do not hold it back; a stalled active channel does.
 */
export function watermarkValve(numChannels: number, inputs: readonly ValveInput[]): ValveRun {
  const problems: WindowProblem[] = [];
  if (!Number.isSafeInteger(numChannels) || numChannels < 1 || numChannels > 10_000)
    return {
      outputs: [],
      channels: [],
      watermark: null,
      problems: [{ field: 'numChannels', message: 'expected 1 to 10000' }],
    };
  if (!Array.isArray(inputs) || inputs.length > 100_000)
    return {
      outputs: [],
      channels: [],
      watermark: null,
      problems: [{ field: 'inputs', message: 'expected at most 100000 inputs' }],
    };
  const wm: number[] = new Array<number>(numChannels).fill(Number.NEGATIVE_INFINITY);
  const idle: boolean[] = new Array<boolean>(numChannels).fill(false);
  const aligned: boolean[] = new Array<boolean>(numChannels).fill(true);
  let last = Number.NEGATIVE_INFINITY;
  let outIdle = false;
  const outputs: ValveRun['outputs'] = [];
  const emitMin = (input: number): void => {
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (let c = 0; c < numChannels; c++) {
      if (!idle[c] && aligned[c]) {
        any = true;
        min = Math.min(min, wm[c] as number);
      }
    }
    if (any && min > last && Number.isFinite(min)) {
      last = min;
      outputs.push({ input, watermark: min });
    }
  };
  inputs.forEach((x, i) => {
    const c = typeof x === 'object' && x !== null ? x.channel : undefined;
    if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0 || c >= numChannels) {
      problems.push({ field: `inputs[${i}].channel`, message: `expected 0 to ${numChannels - 1}` });
      return;
    }
    if ('watermark' in x) {
      if (!Number.isSafeInteger(x.watermark)) {
        problems.push({ field: `inputs[${i}].watermark`, message: 'expected a safe integer' });
        return;
      }
      if (idle[c]) return; // watermarks of idle channels are ignored until they become active
      if (x.watermark > (wm[c] as number)) {
        wm[c] = x.watermark;
        if (!aligned[c] && x.watermark >= last) aligned[c] = true;
        emitMin(i);
      }
    } else if ('idle' in x && typeof x.idle === 'boolean') {
      if (x.idle && !idle[c]) {
        idle[c] = true;
        aligned[c] = false;
        if (idle.every(Boolean)) {
          if (wm[c] === last) {
            const max = Math.max(...wm);
            if (max > last && Number.isFinite(max)) {
              last = max;
              outputs.push({ input: i, watermark: max });
            }
          }
          if (!outIdle) {
            outIdle = true;
            outputs.push({ input: i, idle: true });
          }
        } else if (wm[c] === last) {
          emitMin(i);
        }
      } else if (!x.idle && idle[c]) {
        idle[c] = false;
        if ((wm[c] as number) >= last) aligned[c] = true;
        if (outIdle) {
          outIdle = false;
          outputs.push({ input: i, idle: false });
        }
      }
    } else {
      problems.push({
        field: `inputs[${i}]`,
        message: 'expected { channel, watermark } or { channel, idle }',
      });
    }
  });
  return {
    outputs,
    channels: wm.map((w, c) => ({
      watermark: Number.isFinite(w) ? w : null,
      idle: idle[c] === true,
    })),
    watermark: Number.isFinite(last) ? last : null,
    problems,
  };
}
