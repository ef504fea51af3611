import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine';
import { AnomalyDetector, type Anomaly } from '../insight';
import { defaultScenarioJson } from '../scenarios';
import { Timeline } from '../timeline';
import { RELEASE_EVERY, RunInsight } from './insightStream';

/** The records the worker's detector may hold at once on the default scenario, whatever the run's length. */
const HELD_BOUND = 20_000;

describe("the worker's anomaly detector keeps a bounded number of records on a long run", () => {
  it('the default scenario to 3 million events: held records stay under a fixed bound, and the anomalies are those of a detector that keeps everything', () => {
    const parsed = parseScenario(defaultScenarioJson);
    if (!parsed.ok) throw new Error('the default scenario does not parse');
    // The worker's setup: a memory-bounded timeline (scaled down) and a RunInsight per run.
    const tl = new Timeline({ maxBytes: 32 * 2 ** 20 });
    const run = tl.start(parsed.scenario);
    const insight = new RunInsight(run);
    const plain = new AnomalyDetector(run.model);
    const streamed: Anomaly[] = [];
    let t = 0;
    let fed = 0;
    let maxHeld = 0;
    const heldAt: number[] = [];
    for (const target of [1_000_000, 2_000_000, 3_000_000]) {
      while (run.length < target) {
        run.record((t += 200_000));
        const cursor = run.cursor(fed);
        for (; fed < run.length; fed++) plain.push(cursor.next()!, fed);
        const batch = insight.catchUp();
        if (batch) streamed.push(...batch.anomalies);
        maxHeld = Math.max(maxHeld, insight.heldRecords());
      }
      heldAt.push(insight.heldRecords());
    }
    const appended = Array.from(run.live.leo).reduce((a, b) => a + b, 0);
    // The run appended far more records than the bound: without releasing, all would be held.
    expect(appended).toBeGreaterThan(20 * HELD_BOUND);
    expect(maxHeld).toBeLessThan(HELD_BOUND);
    for (const h of heldAt) expect(h).toBeLessThan(HELD_BOUND);
    expect(plain.heldRecords()).toBe(appended);
    // Releasing changed nothing the detector reports.
    expect(streamed).toEqual([...plain.anomalies()]);
    expect(streamed.length).toBeGreaterThan(0);
    expect(RELEASE_EVERY).toBeLessThan(1_000_000);
  }, 240_000);
});
