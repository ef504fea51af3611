import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, parseScenario, simulate, summarize, type Scenario } from '../engine';
import { chaosScenarioArb } from '../engine/test/chaosArbitraries';
import { withRetention } from '../engine/test/retentionArbitraries';
import { AnomalyDetector } from './detector';
import { anomalyTotals } from './totals';
import { detectAnomalies } from './test/explainCheck';
import { en } from './test/render';
import { renderMsg } from '../i18n/translate';

/** A producer at 100 records/s into one partition, one group processing 30 ms a record. */
function behind(reset: 'earliest' | 'latest', lateStartMs?: number): Scenario {
  const r = parseScenario({
    version: 2,
    name: 'retention outruns a slow consumer',
    seed: 5,
    durationMs: 12_000,
    broker: { 'log.retention.check.interval.ms': 500, 'log.initial.task.delay.ms': 1000 },
    topics: [{ name: 'orders', partitions: 1, 'retention.ms': 2000, 'segment.ms': 500 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 100 },
        keys: { kind: 'uniform', count: 5 },
        eventType: 'OrderPlaced',
      },
    ],
    groups: [
      {
        id: 'g',
        topics: ['orders'],
        members: lateStartMs === undefined ? 1 : [{ id: 'g-1', startMs: lateStartMs }],
        processingMs: 30,
        config: { 'auto.offset.reset': reset, 'max.poll.records': 50 },
      },
    ],
    faults: [],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('records deleted by retention before a group read them are lost, explained', () => {
  it('earliest: names the deletion, the out-of-range position and the reset', () => {
    const r = simulate(behind('earliest'));
    const found = detectAnomalies(r.model, r.events).filter((a) => a.cause === 'retention');
    expect(found.length).toBeGreaterThan(0);
    expect(found.reduce((n, a) => n + a.count, 0)).toBe(r.summary.lost);
    for (const a of found) {
      const skip = r.events[a.index];
      if (skip?.type !== 'offsetsSkipped') throw new Error('not a skip');
      const deletion = r.events
        .slice(0, a.index)
        .find(
          (e) =>
            e.type === 'segmentsDeleted' &&
            skip.from >= e.fromOffset &&
            skip.from < e.logStartOffset,
        );
      if (deletion?.type !== 'segmentsDeleted') throw new Error('no deletion');
      const at = (deletion.timeUs / 1000).toLocaleString('en-US');
      const n = skip.to - skip.from;
      expect(en(a.explanation)).toBe(
        `orders-0 @ ${skip.from}–${skip.to - 1} (${n} records) were deleted by retention.ms=2000 at ${at} ms before group g read them; ` +
          `its position ${skip.outOfRange!.position} was below the log start offset ${skip.to} (OFFSET_OUT_OF_RANGE), so auto.offset.reset=earliest moved it to ${skip.to}.`,
      );
      expect(renderMsg('zh-CN', a.explanation)).toContain('日志起始偏移量');
    }
  });

  it('latest: the deleted records and the ones latest jumped over, each explained', () => {
    const r = simulate(behind('latest'));
    const lost = detectAnomalies(r.model, r.events).filter((a) => a.kind === 'lost');
    const causes = new Set(lost.map((a) => a.cause));
    expect(causes).toEqual(new Set(['retention', 'offset-reset-latest']));
    expect(lost.reduce((n, a) => n + a.count, 0)).toBe(r.summary.lost);
    const jumped = lost.find((a) => a.cause === 'offset-reset-latest')!;
    expect(en(jumped.explanation)).toMatch(
      /will never be processed by group g: consumer g-1's position \d+ was below the log start offset \d+ \(OFFSET_OUT_OF_RANGE\), and auto\.offset\.reset=latest moved it to the log end \(\d+\) at [\d,.]+ ms\.$/,
    );
  });

  it('a group that starts after the deletion: it had no committed offset, earliest started it at the log start', () => {
    const r = simulate(behind('earliest', 6000));
    const first = detectAnomalies(r.model, r.events).find((a) => a.cause === 'retention')!;
    expect(en(first.explanation)).toMatch(
      /^orders-0 @ 0–\d+ \(\d+ records\) were deleted by retention\.ms=2000 at [\d,]+ ms before group g read them; it had no committed offset, so auto\.offset\.reset=earliest started it at the log start offset \d+\.$/,
    );
  });

  it('property: the anomaly list agrees with the summary (lost per group) at random cuts, with retention and faults', () => {
    fc.assert(
      fc.property(
        withRetention(chaosScenarioArb({ cluster: 'never', loops: false, durationMs: 4000 })),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
        (raw, cuts) => {
          const p = parseScenario(raw);
          if (!p.ok) return;
          const r = simulate(p.scenario);
          const d = new AnomalyDetector(r.model);
          const at = new Set(cuts.map((c) => Math.floor(c * r.events.length)));
          r.events.forEach((e, i) => {
            d.push(e, i);
            if (!at.has(i + 1)) return;
            const s = summarize(fold(r.model, r.events, i + 1), i + 1, '');
            const totals = anomalyTotals(d.anomalies());
            for (const g of s.groups)
              expect(totals.groups[g.group]?.lost ?? 0, g.group).toBe(g.lost);
          });
          const totals = anomalyTotals(d.anomalies());
          for (const g of r.summary.groups)
            expect(totals.groups[g.group]?.lost ?? 0, g.group).toBe(g.lost);
        },
      ),
      { numRuns: 30, seed: 0x12ea },
    );
  });
});
