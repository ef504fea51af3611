/**
 * `runEpl(statement, events)`: runs one statement of EventFlow's Esper EPL subset (issue 15) over
 * timestamped events and returns what an Esper listener would have received — pattern matches
 * (the tagged events bound, and the time), or insert- and remove-stream rows with their times — so
 * Esper's regression cases can be replayed.
 *
 * The engine is the clock (Esper's external timer): it starts at `options.startTime` (0 by default,
 * when the statement is created), moves to each event's time — firing the timers due up to then,
 * each at its own instant, before the event itself — and after the last event to `options.endTime`
 * when given. Sources: see eplParse.ts (syntax, precedence), eplPattern.ts (pattern semantics),
 * eplStatement.ts (windows, aggregation, insert and remove streams).
 *
 * Untrusted input: never throws; the statement, each event and the options are validated (problems
 * name the field); work is bounded (≤ 10,000 events, ≤ 1,000 active pattern instances, ≤ 100,000
 * matches, ≤ 200,000 output rows) and a run that exceeds a bound stops with a problem.
 */
import { parseEpl, type EplProblem, type EplStatement } from './eplParse';
import { PatternRuntime, type EplEvent, type MatchMap } from './eplPattern';
import { StatementRuntime, type EplUpdate } from './eplStatement';

export type { EplProblem } from './eplParse';
export type { EplEvent } from './eplPattern';
export type { EplUpdate, EplRow } from './eplStatement';

export const EPL_MAX_EVENTS = 10_000;
export const EPL_MAX_FIELDS = 256;
export const EPL_MAX_TIME = 8_640_000_000_000_000;

export interface EplMatch {
  readonly time: number;
  /** Tag → the event bound to it. */
  readonly tags: MatchMap;
}

export interface EplOptions {
  readonly startTime?: number;
  readonly endTime?: number;
}

export interface EplResult {
  /** False when the statement or input was rejected; true when it ran (maybe stopped at a bound). */
  readonly ok: boolean;
  readonly kind: 'pattern' | 'statement' | null;
  readonly matches: readonly EplMatch[];
  readonly updates: readonly EplUpdate[];
  /** Rejections, warnings and bounds hit; empty when everything ran. */
  readonly problems: readonly EplProblem[];
}

function fail(problems: EplProblem[]): EplResult {
  return { ok: false, kind: null, matches: [], updates: [], problems };
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= EPL_MAX_TIME;
}

/** Validates the events; returns them as `EplEvent`s or the problems found (at most 20). */
function validateEvents(events: unknown, start: number): EplEvent[] | EplProblem[] {
  if (!Array.isArray(events))
    return [{ path: 'events', position: null, message: 'events must be an array' }];
  if (events.length > EPL_MAX_EVENTS) {
    return [
      {
        path: 'events',
        position: null,
        message: `events has ${events.length} entries; at most ${EPL_MAX_EVENTS}`,
      },
    ];
  }
  const out: EplEvent[] = [];
  const problems: EplProblem[] = [];
  let last = start;
  for (let i = 0; i < events.length && problems.length < 20; i++) {
    const e: unknown = events[i];
    const at = `events[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      problems.push({
        path: at,
        position: null,
        message: `${at} must be an object { type, time, data }`,
      });
      continue;
    }
    const type = Object.hasOwn(e, 'type') ? (e as { type: unknown }).type : undefined;
    const time = Object.hasOwn(e, 'time') ? (e as { time: unknown }).time : undefined;
    const data = Object.hasOwn(e, 'data') ? (e as { data: unknown }).data : undefined;
    if (typeof type !== 'string' || type.length === 0 || type.length > 200) {
      problems.push({
        path: `${at}.type`,
        position: null,
        message: `${at}.type must be a non-empty string of at most 200 characters`,
      });
    }
    if (!isTime(time)) {
      problems.push({
        path: `${at}.time`,
        position: null,
        message: `${at}.time must be a whole number of milliseconds ≥ 0`,
      });
    } else if (time < last) {
      problems.push({
        path: `${at}.time`,
        position: null,
        message: `${at}.time ${time} is before the previous time ${last}; events must be in time order`,
      });
    } else last = time;
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      problems.push({
        path: `${at}.data`,
        position: null,
        message: `${at}.data must be an object of fields`,
      });
    } else if (data !== undefined && Object.keys(data).length > EPL_MAX_FIELDS) {
      problems.push({
        path: `${at}.data`,
        position: null,
        message: `${at}.data has more than ${EPL_MAX_FIELDS} fields`,
      });
    }
    if (problems.length === 0) {
      out.push({
        type: type as string,
        time: time as number,
        data: (data ?? {}) as Record<string, unknown>,
      });
    }
  }
  return problems.length > 0 ? problems : out;
}

function isProblems(v: EplEvent[] | EplProblem[]): v is EplProblem[] {
  return v.length > 0 && 'message' in v[0]!;
}

/** Parses and runs one EPL statement over the events. Never throws. */
export function runEpl(statement: unknown, events: unknown, options: EplOptions = {}): EplResult {
  const opts: unknown = options;
  let startTime = 0;
  let endTime: number | null = null;
  if (typeof opts === 'object' && opts !== null) {
    const s = Object.hasOwn(opts, 'startTime')
      ? (opts as { startTime: unknown }).startTime
      : undefined;
    const e = Object.hasOwn(opts, 'endTime') ? (opts as { endTime: unknown }).endTime : undefined;
    if (s !== undefined) {
      if (!isTime(s))
        return fail([
          {
            path: 'options.startTime',
            position: null,
            message: 'options.startTime must be a whole number of milliseconds ≥ 0',
          },
        ]);
      startTime = s;
    }
    if (e !== undefined) {
      if (!isTime(e) || e < startTime) {
        return fail([
          {
            path: 'options.endTime',
            position: null,
            message: 'options.endTime must be a whole number of milliseconds ≥ the start time',
          },
        ]);
      }
      endTime = e;
    }
  }
  const parsed = parseEpl(statement);
  if (!parsed.ok) return fail([parsed.problem]);
  const evs = validateEvents(events, startTime);
  if (isProblems(evs)) return fail(evs);
  if (endTime !== null && evs.length > 0 && endTime < evs[evs.length - 1]!.time) {
    return fail([
      {
        path: 'options.endTime',
        position: null,
        message: 'options.endTime is before the last event',
      },
    ]);
  }
  return run(parsed.statement, evs, startTime, endTime);
}

function run(
  st: EplStatement,
  events: readonly EplEvent[],
  startTime: number,
  endTime: number | null,
): EplResult {
  if (st.kind === 'pattern') {
    const rt = new PatternRuntime(st.pattern, startTime);
    for (const ev of events) {
      if (rt.stopped || rt.done) break;
      rt.advance(ev.time);
      if (rt.stopped || rt.done) break;
      rt.onEvent(ev);
    }
    if (endTime !== null && !rt.stopped && !rt.done) rt.advance(endTime);
    return { ok: true, kind: 'pattern', matches: rt.matches, updates: [], problems: rt.problems };
  }
  const rt = new StatementRuntime(st);
  for (const ev of events) {
    if (rt.stopped) break;
    rt.advance(ev.time);
    rt.onEvent(ev);
  }
  if (endTime !== null && !rt.stopped) rt.advance(endTime);
  const problems: EplProblem[] = rt.stopMessage
    ? [{ path: 'run', position: null, message: rt.stopMessage }]
    : [];
  return { ok: true, kind: 'statement', matches: [], updates: rt.updates, problems };
}
