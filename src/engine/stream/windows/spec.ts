/**
 * The spec and input types of runWindows, and their validation (untrusted input: every problem
 * names its field, nothing throws). Parameter rules are Flink's own constructor checks:
 * TumblingEventTimeWindows "abs(offset) < size", SlidingEventTimeWindows "abs(offset) < slide and
 * size > 0", EventTimeSessionWindows "0 < size", WindowedStream.allowedLateness "cannot be
 * negative", CountTrigger.of(maxCount).
 */
import type { AssignerSpec } from './timeWindow';

export type WindowKey = string | number;

export type TriggerSpec =
  | { readonly type: 'eventTime' }
  | { readonly type: 'processingTime' }
  | { readonly type: 'count'; readonly count: number }
  | { readonly type: 'purging'; readonly trigger: TriggerSpec };

export type AggregateFn = 'count' | 'sum' | 'min' | 'max' | 'avg' | 'list';
export type ConditionOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

export interface Condition {
  readonly op: ConditionOp;
  readonly value: number;
}

export interface WindowsSpec {
  /** Field of the element's value (an object) to key by; without it each element carries `key`. */
  readonly keyBy?: string;
  /** 'event' (default) or 'processing' time windows. */
  readonly time?: 'event' | 'processing';
  readonly assigner: AssignerSpec;
  /** `field` reads a number from an object value; without it the value itself must be a number. */
  readonly aggregate: { readonly fn: AggregateFn; readonly field?: string };
  readonly allowedLateness?: number;
  readonly sideOutputLateData?: boolean;
  /** Default: the assigner's default trigger (event-time or processing-time). */
  readonly trigger?: TriggerSpec;
  /** Marks results as alerts, e.g. '> 10000' or { op: '>', value: 10000 }. */
  readonly condition?: string | Condition;
}

export interface ElementInput {
  readonly key?: WindowKey;
  readonly value: unknown;
  readonly timestamp?: number;
}
export type WindowInput =
  ElementInput | { readonly watermark: number } | { readonly processingTime: number };

export interface WindowProblem {
  readonly field: string;
  readonly message: string;
}

export const WINDOW_LIMITS = {
  maxInputs: 100_000,
  maxWindowsPerKey: 10_000,
  /** size / slide of a sliding window: how many windows one element joins. */
  maxWindowsPerElement: 1_000,
  /** Element-into-window additions over the whole run (bounds memory and trace size). */
  maxAssignments: 1_000_000,
  /** |timestamps|, sizes, offsets, gaps and lateness: sums of two stay exact in a double. */
  maxAbsTime: 2 ** 50,
  /** Session windows looked at while merging, over the whole run (bounds work). */
  maxMergeScans: 50_000_000,
  maxTriggerDepth: 4,
  maxCount: 1_000_000,
} as const;

export interface ValidSpec {
  readonly keyBy: string | null;
  readonly eventTime: boolean;
  readonly assigner: AssignerSpec;
  readonly fn: AggregateFn;
  readonly field: string | null;
  readonly allowedLateness: number;
  readonly sideOutputLateData: boolean;
  readonly trigger: TriggerSpec;
  readonly condition: Condition | null;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

export function isTime(x: unknown): x is number {
  return (
    typeof x === 'number' && Number.isSafeInteger(x) && Math.abs(x) <= WINDOW_LIMITS.maxAbsTime
  );
}

const FNS: readonly AggregateFn[] = ['count', 'sum', 'min', 'max', 'avg', 'list'];
const OPS: readonly ConditionOp[] = ['>=', '<=', '==', '!=', '>', '<'];

export function parseCondition(
  x: unknown,
  field: string,
  problems: WindowProblem[],
): Condition | null {
  if (typeof x === 'string') {
    const m = /^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(x);
    if (m === null || x.length > 64) {
      problems.push({
        field,
        message: `expected a condition like '> 10000', got ${JSON.stringify(x.slice(0, 64))}`,
      });
      return null;
    }
    return { op: m[1] as ConditionOp, value: Number(m[2]) };
  }
  if (isObj(x)) {
    const op = own(x, 'op');
    const value = own(x, 'value');
    if (typeof op !== 'string' || !OPS.includes(op as ConditionOp)) {
      problems.push({ field: `${field}.op`, message: `expected one of ${OPS.join(' ')}` });
      return null;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ field: `${field}.value`, message: 'expected a finite number' });
      return null;
    }
    return { op: op as ConditionOp, value };
  }
  problems.push({ field, message: "expected a string like '> 10000' or { op, value }" });
  return null;
}

export function testCondition(c: Condition, v: number): boolean {
  switch (c.op) {
    case '>':
      return v > c.value;
    case '>=':
      return v >= c.value;
    case '<':
      return v < c.value;
    case '<=':
      return v <= c.value;
    case '==':
      return v === c.value;
    case '!=':
      return v !== c.value;
  }
}

function parseTrigger(
  x: unknown,
  field: string,
  depth: number,
  problems: WindowProblem[],
): TriggerSpec | null {
  if (!isObj(x)) {
    problems.push({
      field,
      message: 'expected a trigger object { type: eventTime | processingTime | count | purging }',
    });
    return null;
  }
  const type = own(x, 'type');
  switch (type) {
    case 'eventTime':
      return { type: 'eventTime' };
    case 'processingTime':
      return { type: 'processingTime' };
    case 'count': {
      const count = own(x, 'count');
      if (
        typeof count !== 'number' ||
        !Number.isSafeInteger(count) ||
        count < 1 ||
        count > WINDOW_LIMITS.maxCount
      ) {
        problems.push({
          field: `${field}.count`,
          message: `expected an integer from 1 to ${WINDOW_LIMITS.maxCount}`,
        });
        return null;
      }
      return { type: 'count', count };
    }
    case 'purging': {
      if (depth >= WINDOW_LIMITS.maxTriggerDepth) {
        problems.push({
          field,
          message: `triggers nest at most ${WINDOW_LIMITS.maxTriggerDepth} deep`,
        });
        return null;
      }
      const inner = parseTrigger(own(x, 'trigger'), `${field}.trigger`, depth + 1, problems);
      return inner === null ? null : { type: 'purging', trigger: inner };
    }
    default:
      problems.push({
        field: `${field}.type`,
        message: 'expected eventTime, processingTime, count or purging',
      });
      return null;
  }
}

function timeField(
  o: Record<string, unknown>,
  k: string,
  field: string,
  problems: WindowProblem[],
  dflt?: number,
): number | null {
  const v = own(o, k);
  if (v === undefined && dflt !== undefined) return dflt;
  if (!isTime(v)) {
    problems.push({
      field: `${field}.${k}`,
      message: `expected an integer number of ms with absolute value at most 2^50`,
    });
    return null;
  }
  return v;
}

function parseAssigner(x: unknown, problems: WindowProblem[]): AssignerSpec | null {
  const field = 'spec.assigner';
  if (!isObj(x)) {
    problems.push({ field, message: 'expected { type: tumbling | sliding | session, ... }' });
    return null;
  }
  const type = own(x, 'type');
  const before = problems.length;
  if (type === 'tumbling') {
    const size = timeField(x, 'size', field, problems);
    const offset = timeField(x, 'offset', field, problems, 0);
    if (size === null || offset === null) return null;
    if (size <= 0)
      problems.push({ field: `${field}.size`, message: 'TumblingWindows: size must be > 0' });
    else if (Math.abs(offset) >= size)
      problems.push({
        field: `${field}.offset`,
        message: 'TumblingWindows parameters must satisfy abs(offset) < size',
      });
    return problems.length === before ? { type, size, offset } : null;
  }
  if (type === 'sliding') {
    const size = timeField(x, 'size', field, problems);
    const slide = timeField(x, 'slide', field, problems);
    const offset = timeField(x, 'offset', field, problems, 0);
    if (size === null || slide === null || offset === null) return null;
    if (size <= 0 || slide <= 0 || Math.abs(offset) >= slide)
      problems.push({
        field,
        message: 'SlidingWindows parameters must satisfy abs(offset) < slide and size > 0',
      });
    else if (Math.ceil(size / slide) > WINDOW_LIMITS.maxWindowsPerElement)
      problems.push({
        field: `${field}.slide`,
        message: `size / slide must be at most ${WINDOW_LIMITS.maxWindowsPerElement}`,
      });
    return problems.length === before ? { type, size, slide, offset } : null;
  }
  if (type === 'session') {
    const gap = timeField(x, 'gap', field, problems);
    if (gap === null) return null;
    if (gap <= 0)
      problems.push({
        field: `${field}.gap`,
        message: 'SessionWindows parameters must satisfy 0 < gap',
      });
    return problems.length === before ? { type, gap } : null;
  }
  problems.push({ field: `${field}.type`, message: 'expected tumbling, sliding or session' });
  return null;
}

export function validateSpec(spec: unknown): { spec: ValidSpec | null; problems: WindowProblem[] } {
  const problems: WindowProblem[] = [];
  if (!isObj(spec))
    return { spec: null, problems: [{ field: 'spec', message: 'expected an object' }] };
  const keyByRaw = own(spec, 'keyBy');
  let keyBy: string | null = null;
  if (keyByRaw !== undefined) {
    if (typeof keyByRaw !== 'string' || keyByRaw.length === 0 || keyByRaw.length > 200)
      problems.push({
        field: 'spec.keyBy',
        message: 'expected a field name (1 to 200 characters)',
      });
    else keyBy = keyByRaw;
  }
  const timeRaw = own(spec, 'time');
  if (timeRaw !== undefined && timeRaw !== 'event' && timeRaw !== 'processing')
    problems.push({ field: 'spec.time', message: "expected 'event' or 'processing'" });
  const eventTime = timeRaw !== 'processing';
  const assigner = parseAssigner(own(spec, 'assigner'), problems);
  const agg = own(spec, 'aggregate');
  let fn: AggregateFn = 'count';
  let field: string | null = null;
  if (!isObj(agg)) problems.push({ field: 'spec.aggregate', message: 'expected { fn, field? }' });
  else {
    const f = own(agg, 'fn');
    if (typeof f !== 'string' || !FNS.includes(f as AggregateFn))
      problems.push({ field: 'spec.aggregate.fn', message: `expected one of ${FNS.join(', ')}` });
    else fn = f as AggregateFn;
    const fld = own(agg, 'field');
    if (fld !== undefined) {
      if (typeof fld !== 'string' || fld.length === 0 || fld.length > 200)
        problems.push({
          field: 'spec.aggregate.field',
          message: 'expected a field name (1 to 200 characters)',
        });
      else field = fld;
    }
  }
  const latenessRaw = own(spec, 'allowedLateness');
  let allowedLateness = 0;
  if (latenessRaw !== undefined) {
    if (!isTime(latenessRaw) || latenessRaw < 0)
      problems.push({
        field: 'spec.allowedLateness',
        message: 'The allowed lateness cannot be negative (an integer number of ms, at most 2^50)',
      });
    else allowedLateness = latenessRaw;
  }
  const sideRaw = own(spec, 'sideOutputLateData');
  if (sideRaw !== undefined && typeof sideRaw !== 'boolean')
    problems.push({ field: 'spec.sideOutputLateData', message: 'expected true or false' });
  const trigRaw = own(spec, 'trigger');
  const trigger: TriggerSpec | null =
    trigRaw === undefined
      ? { type: eventTime ? 'eventTime' : 'processingTime' }
      : parseTrigger(trigRaw, 'spec.trigger', 0, problems);
  const condRaw = own(spec, 'condition');
  const condition =
    condRaw === undefined ? null : parseCondition(condRaw, 'spec.condition', problems);
  if (problems.length > 0 || assigner === null || trigger === null) return { spec: null, problems };
  return {
    spec: {
      keyBy,
      eventTime,
      assigner,
      fn,
      field,
      allowedLateness,
      sideOutputLateData: sideRaw === true,
      trigger,
      condition,
    },
    problems,
  };
}
