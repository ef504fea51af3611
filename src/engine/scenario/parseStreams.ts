/*
 * The `streams` section of a version 2 scenario: stream processing jobs reading Kafka topics
 * (issue 15) — keyed window jobs as Flink's DataStream API builds them, and Esper EPL statements.
 * Same rules as parse.ts: never throw, name the JSON path of every problem, give every problem a
 * code, bound every list.
 *
 * The window parameters are checked twice: their shape here (JSON paths, codes), then Flink's own
 * constructor checks by stream/windows/spec.ts's validateSpec (the same function runWindows uses,
 * so a scenario job and runWindows accept exactly the same windows); its messages are Flink's
 * IllegalArgumentException texts (`flinkWindowParameters`). An EPL statement is parsed by
 * stream/eplParse.ts (`eplSyntax`, with the character position).
 */
import { parseEpl } from '../stream/eplParse';
import { validateSpec } from '../stream/windows/spec';
import type {
  StreamAssignerSpec,
  StreamPatternJobSpec,
  StreamsSpec,
  StreamTriggerSpec,
  StreamWatermarkSpec,
  StreamWindowJobSpec,
} from './types';
import { Checker, child } from './validate';

/** Bounds of the section (the work each job does is bounded by cost.ts and at run time). */
export const STREAMS_LIMITS = {
  windows: 50,
  patterns: 50,
  sources: 20,
  eplLength: 10_000,
  /** Sizes, slides, gaps, offsets, lateness and out-of-orderness (ms): 100 days. */
  maxMs: 8_640_000_000,
  minWatermarkIntervalMs: 1,
  triggerDepth: 4,
};

const FNS = ['count', 'sum', 'min', 'max', 'avg'] as const;

function ms(c: Checker, v: unknown, p: string, min = 0): number | undefined {
  return c.number(v, p, { integer: true, min, max: STREAMS_LIMITS.maxMs });
}

function parseAssigner(c: Checker, v: unknown, p: string): StreamAssignerSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const type = c.oneOf(o.type, child(p, 'type'), ['tumbling', 'sliding', 'session'] as const);
  if (type === 'session') {
    c.knownKeys(o, p, ['type', 'gap']);
    const gap = ms(c, o.gap, child(p, 'gap'), 1);
    return gap === undefined ? undefined : { type, gap };
  }
  if (type === 'sliding') {
    c.knownKeys(o, p, ['type', 'size', 'slide', 'offset']);
    const size = ms(c, o.size, child(p, 'size'), 1);
    const slide = ms(c, o.slide, child(p, 'slide'), 1);
    const offset = o.offset === undefined ? 0 : ms(c, o.offset, child(p, 'offset'));
    if (size === undefined || slide === undefined || offset === undefined) return undefined;
    return o.offset === undefined ? { type, size, slide } : { type, size, slide, offset };
  }
  if (type === 'tumbling') {
    c.knownKeys(o, p, ['type', 'size', 'offset']);
    const size = ms(c, o.size, child(p, 'size'), 1);
    const offset = o.offset === undefined ? 0 : ms(c, o.offset, child(p, 'offset'));
    if (size === undefined || offset === undefined) return undefined;
    return o.offset === undefined ? { type, size } : { type, size, offset };
  }
  return undefined;
}

function parseTrigger(
  c: Checker,
  v: unknown,
  p: string,
  depth: number,
): StreamTriggerSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  const type = c.oneOf(o.type, child(p, 'type'), [
    'eventTime',
    'processingTime',
    'count',
    'purging',
  ] as const);
  if (type === 'count') {
    c.knownKeys(o, p, ['type', 'count']);
    const count = c.number(o.count, child(p, 'count'), { integer: true, min: 1, max: 1_000_000 });
    return count === undefined ? undefined : { type, count };
  }
  if (type === 'purging') {
    c.knownKeys(o, p, ['type', 'trigger']);
    if (depth >= STREAMS_LIMITS.triggerDepth) {
      c.fail(p, `triggers nest at most ${STREAMS_LIMITS.triggerDepth} deep`, 'tooDeep', {
        max: STREAMS_LIMITS.triggerDepth,
      });
      return undefined;
    }
    const inner = parseTrigger(c, o.trigger, child(p, 'trigger'), depth + 1);
    return inner === undefined ? undefined : { type, trigger: inner };
  }
  if (type === undefined) return undefined;
  c.knownKeys(o, p, ['type']);
  return { type };
}

function parseWatermarks(c: Checker, v: unknown, p: string): StreamWatermarkSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['maxOutOfOrdernessMs', 'autoWatermarkIntervalMs', 'idlenessMs']);
  const w: StreamWatermarkSpec = {};
  if (o.maxOutOfOrdernessMs !== undefined)
    w.maxOutOfOrdernessMs = ms(c, o.maxOutOfOrdernessMs, child(p, 'maxOutOfOrdernessMs'));
  if (o.autoWatermarkIntervalMs !== undefined)
    w.autoWatermarkIntervalMs = ms(
      c,
      o.autoWatermarkIntervalMs,
      child(p, 'autoWatermarkIntervalMs'),
      STREAMS_LIMITS.minWatermarkIntervalMs,
    );
  if (o.idlenessMs !== undefined) w.idlenessMs = ms(c, o.idlenessMs, child(p, 'idlenessMs'), 1);
  return w;
}

function parseCondition(c: Checker, v: unknown, p: string): StreamWindowJobSpec['condition'] {
  if (typeof v === 'string') return c.string(v, p, { maxLength: 64 });
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['op', 'value']);
  const op = c.oneOf(o.op, child(p, 'op'), ['>', '>=', '<', '<=', '==', '!='] as const);
  const value = c.number(o.value, child(p, 'value'));
  return op === undefined || value === undefined ? undefined : { op, value };
}

function parseWindowJob(c: Checker, v: unknown, p: string): StreamWindowJobSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, [
    'id',
    'source',
    'keyBy',
    'time',
    'assigner',
    'aggregate',
    'condition',
    'sink',
    'alertType',
    'allowedLateness',
    'sideOutputLateData',
    'trigger',
    'watermarks',
  ]);
  const id = c.string(o.id, child(p, 'id'), { maxLength: 100 });
  const source = c.string(o.source, child(p, 'source'));
  const keyBy = c.string(o.keyBy, child(p, 'keyBy'), { maxLength: 200 });
  const time =
    o.time === undefined
      ? undefined
      : c.oneOf(o.time, child(p, 'time'), ['event', 'processing'] as const);
  const assigner = parseAssigner(c, o.assigner, child(p, 'assigner'));
  const ap = child(p, 'aggregate');
  const ao = c.object(o.aggregate, ap);
  let aggregate: StreamWindowJobSpec['aggregate'] | undefined;
  if (ao) {
    c.knownKeys(ao, ap, ['fn', 'field']);
    const fn = c.oneOf(ao.fn, child(ap, 'fn'), FNS);
    const field =
      ao.field === undefined
        ? undefined
        : c.string(ao.field, child(ap, 'field'), { maxLength: 200 });
    if (fn !== undefined && fn !== 'count' && ao.field === undefined)
      c.fail(
        child(ap, 'field'),
        `${fn} needs the payload field it aggregates`,
        'aggregateNeedsField',
        { fn },
      );
    if (fn !== undefined) aggregate = field === undefined ? { fn } : { fn, field };
  }
  const job: StreamWindowJobSpec = {
    id: id ?? '',
    source: source ?? '',
    keyBy: keyBy ?? '',
    assigner: assigner!,
    aggregate: aggregate!,
  };
  if (time !== undefined) job.time = time;
  if (o.condition !== undefined)
    job.condition = parseCondition(c, o.condition, child(p, 'condition'));
  if (o.sink !== undefined) job.sink = c.string(o.sink, child(p, 'sink'));
  if (o.alertType !== undefined)
    job.alertType = c.string(o.alertType, child(p, 'alertType'), { maxLength: 200 });
  if (o.allowedLateness !== undefined)
    job.allowedLateness = ms(c, o.allowedLateness, child(p, 'allowedLateness'));
  if (o.sideOutputLateData !== undefined)
    job.sideOutputLateData = c.string(o.sideOutputLateData, child(p, 'sideOutputLateData'));
  if (o.trigger !== undefined) job.trigger = parseTrigger(c, o.trigger, child(p, 'trigger'), 0);
  if (o.watermarks !== undefined)
    job.watermarks = parseWatermarks(c, o.watermarks, child(p, 'watermarks'));
  if (!id || !source || !keyBy || !assigner || !aggregate) return undefined;
  return job;
}

/** Flink's own constructor checks (spec.ts), their problems moved to this job's JSON path. */
function flinkChecks(c: Checker, job: StreamWindowJobSpec, p: string): void {
  const { problems } = validateSpec(windowSpecOf(job));
  for (const pr of problems) {
    const rest = pr.field.startsWith('spec') ? pr.field.slice(4) : `.${pr.field}`;
    c.fail(`${p}${rest}`, pr.message, 'flinkWindowParameters', { rule: pr.message });
  }
}

/** The runWindows spec of a job (the element value is the record's payload object). */
export function windowSpecOf(job: StreamWindowJobSpec): Record<string, unknown> {
  return {
    keyBy: job.keyBy,
    time: job.time ?? 'event',
    assigner: job.assigner,
    aggregate: job.aggregate,
    ...(job.allowedLateness !== undefined ? { allowedLateness: job.allowedLateness } : {}),
    ...(job.sideOutputLateData !== undefined ? { sideOutputLateData: true } : {}),
    ...(job.trigger !== undefined ? { trigger: job.trigger } : {}),
    ...(job.condition !== undefined ? { condition: job.condition } : {}),
  };
}

function parsePatternJob(c: Checker, v: unknown, p: string): StreamPatternJobSpec | undefined {
  const o = c.object(v, p);
  if (!o) return undefined;
  c.knownKeys(o, p, ['id', 'sources', 'epl', 'sink', 'outputType']);
  const id = c.string(o.id, child(p, 'id'), { maxLength: 100 });
  const sp = child(p, 'sources');
  const arr = c.array(o.sources, sp);
  let sources: string[] | undefined;
  if (arr) {
    if (arr.length === 0)
      c.fail(sp, 'must list at least one topic', 'tooSmall', { min: 1, got: 0 });
    else if (arr.length > STREAMS_LIMITS.sources)
      c.fail(sp, `at most ${STREAMS_LIMITS.sources} entries, got ${arr.length}`, 'tooManyEntries', {
        max: STREAMS_LIMITS.sources,
        got: arr.length,
      });
    else {
      const got = arr.map((x, i) => c.string(x, child(sp, i)));
      if (got.every((x) => x !== undefined)) sources = got as string[];
    }
  }
  const epl = c.string(o.epl, child(p, 'epl'), { maxLength: STREAMS_LIMITS.eplLength });
  if (epl !== undefined) {
    const parsed = parseEpl(epl);
    if (!parsed.ok)
      c.fail(child(p, 'epl'), parsed.problem.message, 'eplSyntax', {
        position: parsed.problem.position ?? 0,
        problem: parsed.problem.message,
      });
  }
  const job: StreamPatternJobSpec = { id: id ?? '', sources: sources ?? [], epl: epl ?? '' };
  if (o.sink !== undefined) job.sink = c.string(o.sink, child(p, 'sink'));
  if (o.outputType !== undefined)
    job.outputType = c.string(o.outputType, child(p, 'outputType'), { maxLength: 200 });
  return id === undefined || sources === undefined || epl === undefined ? undefined : job;
}

/**
 * A job's output read (maybe through other jobs) by the job itself would feed it at the same
 * instant for ever: refused, naming the sink that closes the loop.
 */
function checkCycles(c: Checker, s: StreamsSpec, path: string): void {
  const jobs: { p: string; sources: string[]; sinks: string[] }[] = [
    ...(s.windows ?? []).map((j, i) => ({
      p: `${path}.windows[${i}]`,
      sources: [j.source],
      sinks: [j.sink, j.sideOutputLateData].filter((x): x is string => x !== undefined),
    })),
    ...(s.patterns ?? []).map((j, i) => ({
      p: `${path}.patterns[${i}]`,
      sources: j.sources,
      sinks: j.sink === undefined ? [] : [j.sink],
    })),
  ];
  // Topic → the topics jobs write when they read it.
  const next = new Map<string, Set<string>>();
  for (const j of jobs)
    for (const src of j.sources) {
      let set = next.get(src);
      if (!set) next.set(src, (set = new Set()));
      for (const k of j.sinks) set.add(k);
    }
  for (const j of jobs)
    for (const sink of j.sinks) {
      // Does `sink` lead back to one of j's sources?
      const seen = new Set<string>([sink]);
      const stack = [sink];
      let loops = false;
      while (stack.length > 0 && !loops) {
        const t = stack.pop()!;
        if (j.sources.includes(t)) loops = true;
        for (const n of next.get(t) ?? [])
          if (!seen.has(n)) {
            seen.add(n);
            stack.push(n);
          }
      }
      if (loops) {
        const field =
          j.p.includes('.windows[') && sink !== j.sinks[0] ? 'sideOutputLateData' : 'sink';
        c.fail(
          `${j.p}.${field}`,
          `topic "${sink}" leads back to this job's source: its output would feed it again at the same instant`,
          'streamCycle',
          { name: sink },
        );
      }
    }
}

/** Parses `$.streams`; topic references are checked here too. */
export function parseStreams(
  c: Checker,
  v: unknown,
  path: string,
  topics: ReadonlySet<string>,
): StreamsSpec | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.knownKeys(o, path, ['windows', 'patterns']);
  const list = <T>(
    x: unknown,
    p: string,
    max: number,
    item: (c: Checker, v: unknown, p: string) => T | undefined,
  ): T[] | undefined => {
    if (x === undefined) return [];
    const arr = c.array(x, p);
    if (!arr) return undefined;
    if (arr.length > max) {
      c.fail(p, `at most ${max} entries, got ${arr.length}`, 'tooManyEntries', {
        max,
        got: arr.length,
      });
      return undefined;
    }
    const out = arr.map((e, i) => item(c, e, child(p, i)));
    return out.every((e) => e !== undefined) ? (out as T[]) : undefined;
  };
  const before = c.errors.length;
  const windows = list(o.windows, child(path, 'windows'), STREAMS_LIMITS.windows, parseWindowJob);
  const patterns = list(
    o.patterns,
    child(path, 'patterns'),
    STREAMS_LIMITS.patterns,
    parsePatternJob,
  );
  if (!windows || !patterns || c.errors.length > before) return undefined;
  const ids = new Set<string>();
  const topic = (name: string, p: string) => {
    if (!topics.has(name))
      c.fail(p, `unknown topic "${name}" (declare it in $.topics)`, 'unknownTopic', { name });
  };
  const uniqueId = (id: string, p: string) => {
    if (ids.has(id)) c.fail(p, `duplicate id "${id}"`, 'duplicateId', { id });
    ids.add(id);
  };
  windows.forEach((j, i) => {
    const p = `${path}.windows[${i}]`;
    uniqueId(j.id, `${p}.id`);
    topic(j.source, `${p}.source`);
    if (j.sink !== undefined) topic(j.sink, `${p}.sink`);
    if (j.sideOutputLateData !== undefined) topic(j.sideOutputLateData, `${p}.sideOutputLateData`);
    flinkChecks(c, j, p);
  });
  patterns.forEach((j, i) => {
    const p = `${path}.patterns[${i}]`;
    uniqueId(j.id, `${p}.id`);
    j.sources.forEach((t, k) => topic(t, `${p}.sources[${k}]`));
    if (j.sink !== undefined) topic(j.sink, `${p}.sink`);
  });
  const spec: StreamsSpec = {};
  if (o.windows !== undefined) spec.windows = windows;
  if (o.patterns !== undefined) spec.patterns = patterns;
  if (c.errors.length === before) checkCycles(c, spec, path);
  return c.errors.length > before ? undefined : spec;
}
