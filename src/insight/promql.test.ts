import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../engine';
import {
  alertStateAt,
  checkRules,
  evaluateAlerts,
  expandTemplate,
  rulesToYaml,
  seedRules,
} from './alerts';
import { computeMetrics, type RunMetrics, type Series } from './metrics';
import { bucketQuantile, instantVector, parseDuration, parsePromQL, type Expr } from './promql';

/** Metrics sampled every second, 1…n s. */
function metrics(n: number, series: Series[]): RunMetrics {
  return {
    timesUs: Array.from({ length: n }, (_, i) => (i + 1) * 1_000_000),
    series,
    latency: new Map(),
  };
}

function parse(text: string): Expr {
  const r = parsePromQL(text);
  if (!r.ok) throw new Error(`${r.error} at ${r.position}`);
  return r.expr;
}

const at = (m: RunMetrics, text: string, s: number) =>
  instantVector(parse(text), m, s * 1_000_000).map((x) => ({ ...x.labels, value: x.value }));

describe('PromQL subset: parsing', () => {
  it('follows Prometheus precedence and associativity', () => {
    const e = parse('a + b * c > bool 2 ^ 3 ^ 2');
    expect(e).toMatchObject({
      k: 'bin',
      op: '>',
      bool: true,
      lhs: { op: '+', rhs: { op: '*' } },
      rhs: { op: '^', lhs: { v: 2 }, rhs: { op: '^' } },
    });
    expect(parse('a or b and c unless d')).toMatchObject({
      op: 'or',
      rhs: { op: 'unless', lhs: { op: 'and' } },
    });
  });

  it('reads aggregations with by/without before or after, selectors and ranges', () => {
    expect(parse('sum by (group) (x)')).toEqual(parse('sum(x) by (group)'));
    expect(parse('max without (partition) (lag{group=~"pay.*", topic!="dlq"})')).toMatchObject({
      k: 'agg',
      op: 'max',
      without: ['partition'],
      expr: { k: 'sel', name: 'lag', matchers: [{ op: '=~' }, { op: '!=' }] },
    });
    expect(parse('rate(x[1m30s])')).toMatchObject({ args: [{ rangeMs: 90_000 }] });
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('5')).toBeNull();
  });

  it('names what is wrong and where', () => {
    const err = (t: string) => {
      const r = parsePromQL(t);
      return r.ok ? null : [r.error, r.position];
    };
    expect(err('rate(x)')).toEqual(['rate() needs a range vector such as metric[5m]', 0]);
    expect(err('1 > 2')).toEqual(['comparisons between scalars must use the bool modifier', 0]);
    expect(err('foo(x)')).toEqual(['unknown function "foo"', 0]);
    expect(err('x{a="b}')).toEqual(['unterminated string', 4]);
    expect(err('x{a=~"("}')).toEqual(['invalid regular expression "("', 5]);
    expect(err('x +')).toEqual(['unexpected end of expression', 3]);
    expect(err('x[5]')?.[0]).toBe('expected a duration such as 5m');
  });

  it('never throws, and bounds length and nesting', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60, unit: fc.constantFrom(...'abx(){}[]"=~!,+-*/^<>5m. ') }),
        (t) => {
          const r = parsePromQL(t);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
    expect(parsePromQL('('.repeat(100) + 'x' + ')'.repeat(100))).toMatchObject({ ok: false });
    expect(parsePromQL('x+'.repeat(3000) + 'x')).toMatchObject({ ok: false });
  });
});

describe('PromQL subset: evaluation', () => {
  const counter = (labels: Record<string, string>, perSec: number, n = 10): Series => ({
    name: 'records_total',
    labels,
    values: Array.from({ length: n }, (_, i) => (i + 1) * perSec),
  });

  it("rate and increase extrapolate as Prometheus' extrapolatedRate does", () => {
    const m = metrics(10, [counter({ group: 'a' }, 10), counter({ group: 'b' }, 3)]);
    // (5 s, 10 s]: samples at 6…10 s, 40 apart over 4 s, extrapolated 1 s to the range start.
    expect(at(m, 'rate(records_total[5s])', 10)).toEqual([
      { group: 'a', value: 10 },
      { group: 'b', value: 3 },
    ]);
    expect(at(m, 'increase(records_total{group="a"}[5s])', 10)).toEqual([
      { group: 'a', value: 50 },
    ]);
    // One sample in range: no result.
    expect(at(m, 'rate(records_total[1s])', 10)).toEqual([]);
  });

  it('counts a counter reset as Prometheus does', () => {
    const m = metrics(5, [{ name: 'c', labels: {}, values: [10, 20, 5, 15, 25] }]);
    // 5 s range (0, 5]: 10 → 20, reset to 5, → 25: 15 + 20 = 35 over 4 s, extended by the
    // 1 s to the range start (under 1.1 × the 1 s gap; the zero point, 4 · 10/35 s back, is
    // further): 35 · 5/4.
    const [r] = at(m, 'increase(c[5s])', 5);
    expect(r!.value).toBeCloseTo((35 * 5) / 4, 9);
  });

  it('aggregates, compares and matches vectors one to one', () => {
    const lag = (group: string, partition: string, v: number[]): Series => ({
      name: 'kafka_consumergroup_lag',
      labels: { group, topic: 'orders', partition },
      values: v,
    });
    const m = metrics(3, [
      lag('pay', '0', [1, 5, 9]),
      lag('pay', '1', [2, 6, 20]),
      lag('ship', '0', [0, 0, 1]),
    ]);
    expect(at(m, 'sum by (group) (kafka_consumergroup_lag)', 3)).toEqual([
      { group: 'pay', value: 29 },
      { group: 'ship', value: 1 },
    ]);
    expect(at(m, 'max(kafka_consumergroup_lag) by (group) > 10', 3)).toEqual([
      { group: 'pay', value: 20 },
    ]);
    expect(at(m, 'kafka_consumergroup_lag > bool 5', 2).map((x) => x.value)).toEqual([0, 1, 0]);
    expect(
      at(m, 'kafka_consumergroup_lag{partition="0"} - kafka_consumergroup_lag{group="pay"}', 3),
    ).toEqual([{ group: 'pay', topic: 'orders', partition: '0', value: 0 }]);
    expect(at(m, 'count(kafka_consumergroup_lag{group=~"p.*"})', 1)).toEqual([{ value: 2 }]);
    // The seed note's name for kafka_exporter's metric.
    expect(at(m, 'sum(kafka_consumer_group_lag)', 3)).toEqual([{ value: 30 }]);
  });

  it("histogram_quantile interpolates as Prometheus' bucketQuantile does", () => {
    const b = (le: string, v: number): Series => ({
      name: 'lat_bucket',
      labels: { group: 'g', le },
      values: [v],
    });
    const m = metrics(1, [b('0.1', 50), b('0.2', 70), b('1', 110), b('+Inf', 120)]);
    expect(at(m, 'histogram_quantile(0.5, lat_bucket)', 1)[0]!.value).toBeCloseTo(0.15, 12);
    expect(at(m, 'histogram_quantile(0.9, lat_bucket)', 1)[0]!.value).toBeCloseTo(0.96, 12);
    // In the +Inf bucket: the second-highest bound.
    expect(at(m, 'histogram_quantile(0.99, lat_bucket)', 1)[0]!.value).toBe(1);
    expect(bucketQuantile(0.5, [{ upper: 1, count: 3 }])).toBeNaN();
    expect(bucketQuantile(-1, [{ upper: Infinity, count: 3 }])).toBe(-Infinity);
  });

  it('bucketQuantile is monotonic in φ and stays within the finite bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (adds, q1, q2) => {
          let c = 0;
          const buckets = adds.map((a, i) => ({ upper: (i + 1) / 10, count: (c += a) }));
          buckets.push({ upper: Infinity, count: c + 1 });
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = bucketQuantile(lo, buckets);
          const b = bucketQuantile(hi, buckets);
          expect(a).toBeLessThanOrEqual(b);
          expect(b).toBeLessThanOrEqual(adds.length / 10);
          expect(a).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('alerting rules', () => {
  const gauge: Series = {
    name: 'kafka_consumergroup_lag',
    labels: { group: 'pay', topic: 'orders', partition: '0' },
    values: [0, 10, 120, 150, 200, 300, 50, 10],
  };
  const m = metrics(8, [gauge]);

  it('goes pending, then firing after `for`, then inactive, as Prometheus does', () => {
    const [a] = evaluateAlerts(
      [
        {
          alert: 'HighLag',
          expr: 'sum by (group) (kafka_consumergroup_lag) > 100',
          for: '2s',
          labels: { severity: 'critical' },
          annotations: { summary: '{{ $labels.group }} is {{ $value }} behind' },
        },
      ],
      m,
    );
    expect(a!.labels).toEqual({ group: 'pay', severity: 'critical', alertname: 'HighLag' });
    expect(a!.transitions.map((t) => [t.tUs / 1e6, t.state])).toEqual([
      [3, 'pending'],
      [5, 'firing'],
      [7, 'inactive'],
    ]);
    expect(a!.annotations.summary).toBe('pay is 200 behind');
    expect(alertStateAt(a!, 4_500_000)).toBe('pending');
    expect(alertStateAt(a!, 6_000_000)).toBe('firing');
    expect(alertStateAt(a!, 8_000_000)).toBe('inactive');
  });

  it('fires at once without `for`; a short spell never fires with a long one', () => {
    const now = evaluateAlerts([{ alert: 'A', expr: 'kafka_consumergroup_lag > 100' }], m);
    expect(now[0]!.transitions.slice(0, 2).map((t) => [t.tUs / 1e6, t.state])).toEqual([
      [3, 'pending'],
      [3, 'firing'],
    ]);
    const never = evaluateAlerts(
      [{ alert: 'A', expr: 'kafka_consumergroup_lag > 100', for: '1m' }],
      m,
    );
    expect(never[0]!.transitions.map((t) => t.state)).toEqual(['pending', 'inactive']);
  });

  it('checks rules field by field and writes a file Prometheus loads', () => {
    expect(
      checkRules([
        { alert: 'ok', expr: 'up > 0' },
        { alert: 'bad name', expr: 'rate(x)', for: 'soon', labels: { 'a-b': 'x' } },
      ]).map((p) => [p.rule, p.field]),
    ).toEqual([
      [1, 'alert'],
      [1, 'expr'],
      [1, 'for'],
      [1, 'labels'],
    ]);
    const yaml = rulesToYaml([
      { name: 'g', rules: [{ alert: 'A', expr: 'x > "1"', for: '5m', labels: { s: 'a: b' } }] },
    ]);
    expect(yaml).toBe(
      [
        'groups:',
        '  - name: "g"',
        '    rules:',
        '      - alert: "A"',
        '        expr: "x > \\"1\\""',
        '        for: "5m"',
        '        labels:',
        '          s: "a: b"',
        '',
      ].join('\n'),
    );
    expect(expandTemplate('{{$value | humanize}} / {{ $labels.nope }}', {}, 2.5)).toBe('2.5 / ');
  });

  it("the seed's rules fire on a run that falls behind and dead-letters", () => {
    // A payment service that cannot keep up and dead-letters what fails twice.
    const r = parseScenario({
      version: 1,
      name: 'alerts',
      seed: 5,
      durationMs: 8000,
      topics: [
        { name: 'payments', partitions: 2 },
        { name: 'payments-dlq', partitions: 1 },
      ],
      producers: [
        {
          id: 'checkout',
          topic: 'payments',
          rate: { kind: 'constant', perSec: 200 },
          keys: { kind: 'uniform', count: 50, prefix: 'order-' },
          eventType: 'PaymentRequested',
        },
      ],
      groups: [
        {
          id: 'payment',
          topics: ['payments'],
          members: 1,
          processingMs: { kind: 'constant', ms: 8 },
          config: { 'max.poll.records': 20 },
          failure: { rate: 0.3, retries: 1, backoffMs: 5, deadLetterTopic: 'payments-dlq' },
        },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const run = simulate(r.scenario);
    const endUs = r.scenario.durationMs! * 1000;
    const mm = computeMetrics(run.model, run.events, endUs, { stepMs: 250 });
    const dlqTotal = run.events.filter((e) => e.type === 'recordDeadLettered').length;
    expect(dlqTotal).toBeGreaterThan(0);
    const alerts = evaluateAlerts(
      seedRules({ lag: 0, lagFor: '1s', dlqRate: 0, window: '2s', dlqFor: '0s' }).rules,
      mm,
    );
    const fired = new Set(
      alerts.filter((a) => a.transitions.some((t) => t.state === 'firing')).map((a) => a.rule),
    );
    expect(fired).toEqual(new Set(['HighEventLag', 'DeadLetterQueueGrowing']));
    // With thresholds no run reaches, nothing fires.
    const quiet = evaluateAlerts(
      seedRules({ lag: 1e9, lagFor: '1s', dlqRate: 1e9, window: '2s', dlqFor: '0s' }).rules,
      mm,
    );
    expect(quiet).toEqual([]);
  });
});
