/**
 * A run's metrics as time series (issue 16, "Metrics and charts"), sampled every `stepMs` of sim
 * time the way a Prometheus server scrapes exporters: counters are running totals, gauges the
 * value at the sample, histograms cumulative `_bucket{le}` counts with `_sum` and `_count`. The
 * charts read them, and so do the alert rules (promql.ts), so one figure means the same thing
 * in both.
 *
 * Names follow the tools people scrape Kafka with: kafka_exporter's `kafka_consumergroup_lag`
 * (the partition's newest readable offset, its high watermark, − the committed offset), `kafka_consumergroup_current_offset`,
 * `kafka_topic_partition_current_offset` and `kafka_topic_partition_under_replicated_partition`;
 * the Java consumer's fetch-manager metrics `records-lag` (log-end offset − the consumer's
 * position, per partition) and `records-lag-max` (its maximum over the member's partitions) and
 * `records-consumed-total`, written with underscores as the JMX exporter does. EventFlow's own:
 * `eventflow_e2e_latency_seconds` (record created → processed, per group),
 * `eventflow_flow_latency_seconds` (the correlation's first record created → processed: through
 * services), `eventflow_processing_seconds` (a record's handling time, from the member being free
 * to done, retries included), `eventflow_dead_lettered_total`, `eventflow_rebalances_total`.
 */
import { evolve, initialState, type Model, type SimEvent, type SimState } from '../engine';
import { lastStableOffset } from '../engine/kafka/state';
import { EventNormalizer } from './normalize';

export type Labels = Readonly<Record<string, string>>;

export interface Series {
  name: string;
  labels: Labels;
  /** One value per sample time; NaN before the series exists. */
  values: number[];
}

export interface RunMetrics {
  /** Sample times, µs of sim time. */
  timesUs: number[];
  series: Series[];
  /** Per group, latency quantiles over the trailing window at each sample time (ms, NaN: none). */
  latency: Map<string, { p50: number[]; p95: number[]; p99: number[] }>;
}

export interface MetricsOptions {
  /** Sample interval, ms (default 1000). */
  stepMs?: number;
  /** Window of the latency quantiles, ms (default 5000). */
  latencyWindowMs?: number;
  /** At most this many samples (default 2000): the step widens to fit. */
  maxSamples?: number;
}

/** Histogram bucket bounds in seconds (Prometheus client defaults, from 1 ms). */
export const LATENCY_BUCKETS_S = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

const NUL = '\u0000';

/** A series keyed by name and labels; values filled at each sample from `read`. */
class SeriesTable {
  readonly series: Series[] = [];
  private readonly index = new Map<string, { s: Series; read: () => number }>();
  private samples = 0;

  get(name: string, labels: Labels, read: () => number): void {
    const key = name + NUL + Object.entries(labels).flat().join(NUL);
    if (this.index.has(key)) return;
    const s: Series = { name, labels, values: new Array<number>(this.samples).fill(NaN) };
    this.series.push(s);
    this.index.set(key, { s, read });
  }

  sample(): void {
    for (const { s, read } of this.index.values()) s.values.push(read());
    this.samples++;
  }
}

class Histogram {
  readonly buckets = new Array<number>(LATENCY_BUCKETS_S.length).fill(0);
  count = 0;
  sum = 0;
  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    for (let i = 0; i < LATENCY_BUCKETS_S.length; i++)
      if (seconds <= LATENCY_BUCKETS_S[i]!) this.buckets[i]!++;
  }
}

/** "orders-3" → orders, 3 (topic names may hold '-': the partition follows the last one). */
function splitTp(name: string): { topic: string; partition: number } | null {
  const cut = name.lastIndexOf('-');
  const partition = Number(name.slice(cut + 1));
  return cut > 0 && Number.isInteger(partition) ? { topic: name.slice(0, cut), partition } : null;
}

/** The q-quantile of sorted values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Metrics of a run up to `endUs`: the run's events are folded from the initial state (the
 * engine's own evolve), and the gauges read that state at each sample, so a figure is the one the
 * canvas shows at that time. Work is the fold plus samples × series; the sample count is capped
 * (`maxSamples`) by widening the step.
 */
export function computeMetrics(
  model: Model,
  events: readonly SimEvent[],
  endUs: number,
  opts: MetricsOptions = {},
): RunMetrics {
  const maxSamples = Math.max(1, Math.min(100_000, Math.floor(opts.maxSamples ?? 2000)));
  let stepUs = Math.max(1000, Math.round((opts.stepMs ?? 1000) * 1000));
  if (endUs / stepUs > maxSamples) stepUs = Math.ceil(endUs / maxSamples / 1000) * 1000;
  const windowUs = Math.max(1000, Math.round((opts.latencyWindowMs ?? 5000) * 1000));
  const table = new SeriesTable();
  const timesUs: number[] = [];
  const normalizer = new EventNormalizer();
  const s: SimState = initialState(model);

  const gpCount = model.gpTopic.length;
  const appended = new Float64Array(gpCount);
  const gpOf = new Map<string, number>();
  for (let gp = 0; gp < gpCount; gp++) {
    const topic = model.topics[model.gpTopic[gp]!]!.name;
    const partition = model.gpPartition[gp]!;
    gpOf.set(topic + NUL + partition, gp);
    const labels = { topic, partition: String(partition) };
    table.get('kafka_topic_partition_current_offset', labels, () => s.hw[gp]!);
    table.get('kafka_topic_partition_records_in_total', labels, () => appended[gp]!);
    table.get('kafka_topic_partition_under_replicated_partition', labels, () => {
      const r = s.cluster.replicas[gp];
      if (!r) return 0;
      let inIsr = 0;
      for (let i = 0; i < r.inIsr.length; i++) inIsr += r.inIsr[i]!;
      return inIsr < r.inIsr.length ? 1 : 0;
    });
  }

  /** Per group: the consumer's position per gp (from its fetches and assignments), records consumed. */
  const positions = model.groups.map(() => new Map<number, number>());
  const consumed = model.groups.map(() => new Float64Array(gpCount));
  /** Per group: each member's partitions, for records-lag-max. */
  const memberParts = model.groups.map(() => new Map<string, number[]>());
  const deadLettered = new Float64Array(model.groups.length);
  const hist = model.groups.map(() => ({
    e2e: new Histogram(),
    flow: new Histogram(),
    proc: new Histogram(),
  }));
  const window = model.groups.map(() => ({ items: [] as { t: number; ms: number }[], head: 0 }));
  const latency: RunMetrics['latency'] = new Map();
  const groupIndex = new Map<string, number>();
  const end = (gi: number, gp: number) =>
    model.groups[gi]!.readCommitted ? lastStableOffset(s, gp) : s.hw[gp]!;

  model.groups.forEach((gm, gi) => {
    groupIndex.set(gm.id, gi);
    latency.set(gm.id, { p50: [], p95: [], p99: [] });
    const g = { group: gm.id };
    for (const gp of gm.gps) {
      const topic = model.topics[model.gpTopic[gp]!]!.name;
      const labels = { group: gm.id, topic, partition: String(model.gpPartition[gp]!) };
      const committed = () => s.groups[gi]!.committed[gp]!;
      table.get('kafka_consumergroup_current_offset', labels, () =>
        committed() >= 0 ? committed() : NaN,
      );
      table.get('kafka_consumergroup_lag', labels, () =>
        committed() >= 0 ? Math.max(0, end(gi, gp) - committed()) : NaN,
      );
      table.get('kafka_consumer_records_lag', labels, () => {
        const p = positions[gi]!.get(gp);
        return p === undefined ? NaN : Math.max(0, end(gi, gp) - p);
      });
      table.get('kafka_consumer_records_consumed_total', labels, () => consumed[gi]![gp]!);
    }
    table.get('kafka_consumer_records_lag_max', g, () => {
      let max = NaN;
      for (const parts of memberParts[gi]!.values())
        for (const gp of parts) {
          const p = positions[gi]!.get(gp);
          if (p !== undefined) max = Math.max(Number.isNaN(max) ? 0 : max, end(gi, gp) - p);
        }
      return max;
    });
    const h = hist[gi]!;
    for (const [name, h0] of [
      ['eventflow_e2e_latency_seconds', h.e2e],
      ['eventflow_flow_latency_seconds', h.flow],
      ['eventflow_processing_seconds', h.proc],
    ] as const) {
      LATENCY_BUCKETS_S.forEach((le, i) =>
        table.get(`${name}_bucket`, { group: gm.id, le: String(le) }, () => h0.buckets[i]!),
      );
      table.get(`${name}_bucket`, { group: gm.id, le: '+Inf' }, () => h0.count);
      table.get(`${name}_sum`, g, () => h0.sum);
      table.get(`${name}_count`, g, () => h0.count);
    }
    table.get('eventflow_dead_lettered_total', g, () => deadLettered[gi]!);
    table.get('eventflow_rebalances_total', g, () => s.groups[gi]!.rebalances);
  });

  const createdUs = new Map<number, number>();
  /** eventId → its correlation id (the id of the flow's first record). */
  const correlationOf = new Map<number, number>();
  const lastActionUs = new Map<string, number>();
  const noteRecord = (eventId: number, timeUs: number, correlationId: number) => {
    if (createdUs.has(eventId)) return;
    createdUs.set(eventId, timeUs);
    correlationOf.set(eventId, correlationId);
  };

  let nextSampleUs = stepUs;
  const sampleUpTo = (tUs: number) => {
    while (nextSampleUs <= tUs && nextSampleUs <= endUs) {
      timesUs.push(nextSampleUs);
      table.sample();
      model.groups.forEach((gm, gi) => {
        const w = window[gi]!;
        while (w.head < w.items.length && w.items[w.head]!.t <= nextSampleUs - windowUs) w.head++;
        if (w.head > 4096 && w.head * 2 > w.items.length) {
          w.items = w.items.slice(w.head);
          w.head = 0;
        }
        const sorted = w.items
          .slice(w.head)
          .map((x) => x.ms)
          .sort((a, b) => a - b);
        const l = latency.get(gm.id)!;
        l.p50.push(quantile(sorted, 0.5));
        l.p95.push(quantile(sorted, 0.95));
        l.p99.push(quantile(sorted, 0.99));
      });
      nextSampleUs += stepUs;
    }
  };

  for (const raw of events) {
    if (raw.timeUs > endUs) break;
    sampleUpTo(raw.timeUs - 1);
    evolve(s, raw);
    for (const e of normalizer.expand(raw)) {
      switch (e.type) {
        case 'recordSent':
          noteRecord(e.eventId, e.timeUs, e.correlationId);
          break;
        case 'recordAppended': {
          const gp = gpOf.get(e.topic + NUL + e.partition);
          if (gp !== undefined) appended[gp]!++;
          noteRecord(e.eventId, e.timeUs, e.correlationId);
          break;
        }
        case 'rebalanceCompleted': {
          const gi = groupIndex.get(e.group);
          if (gi === undefined) break;
          const byMember = new Map<string, number[]>();
          for (const [member, tps] of Object.entries(e.assignment)) {
            const list: number[] = [];
            for (const name of tps) {
              const tp = splitTp(name);
              const gp = tp && gpOf.get(tp.topic + NUL + tp.partition);
              if (gp !== undefined && gp !== null) list.push(gp);
            }
            byMember.set(member, list);
          }
          memberParts[gi] = byMember;
          break;
        }
        case 'partitionsAssigned': {
          // Where the member resumes: its position from the committed offset (or the reset).
          const gi = groupIndex.get(e.group);
          if (gi === undefined) break;
          for (const [name, at] of Object.entries(e.positions)) {
            const tp = splitTp(name);
            const gp = tp && gpOf.get(tp.topic + NUL + tp.partition);
            if (gp !== undefined && gp !== null) positions[gi]!.set(gp, at);
          }
          break;
        }
        case 'recordsFetched': {
          const gi = groupIndex.get(e.group);
          if (gi === undefined) break;
          lastActionUs.set(e.group + NUL + e.member, e.timeUs);
          for (const r of e.ranges) {
            const gp = gpOf.get(r.topic + NUL + r.partition);
            if (gp !== undefined) positions[gi]!.set(gp, r.to);
          }
          break;
        }
        case 'handlerFailed':
          lastActionUs.set(e.group + NUL + e.member, e.timeUs);
          break;
        case 'recordDeadLettered': {
          const gi = groupIndex.get(e.group);
          if (gi !== undefined) deadLettered[gi]!++;
          lastActionUs.set(e.group + NUL + e.member, e.timeUs);
          break;
        }
        case 'recordProcessed': {
          const gi = groupIndex.get(e.group);
          if (gi === undefined) break;
          const h = hist[gi]!;
          const gp = gpOf.get(e.topic + NUL + e.partition);
          if (gp !== undefined) consumed[gi]![gp]!++;
          const mk = e.group + NUL + e.member;
          const from = lastActionUs.get(mk);
          if (from !== undefined) h.proc.observe((e.timeUs - from) / 1e6);
          lastActionUs.set(mk, e.timeUs);
          const created = createdUs.get(e.eventId);
          if (created !== undefined) {
            h.e2e.observe((e.timeUs - created) / 1e6);
            window[gi]!.items.push({ t: e.timeUs, ms: (e.timeUs - created) / 1000 });
          }
          // Through services: from the correlation's first record (its id is the correlation id).
          const corr = correlationOf.get(e.eventId);
          const root = corr === undefined ? undefined : createdUs.get(corr);
          if (root !== undefined) h.flow.observe((e.timeUs - root) / 1e6);
          break;
        }
        default:
          break;
      }
    }
  }
  sampleUpTo(endUs);
  return { timesUs, series: table.series, latency };
}
