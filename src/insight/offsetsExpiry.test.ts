/**
 * offsets.retention.minutes (issue 12): a group Empty that long loses its committed offsets;
 * on rejoining, auto.offset.reset decides: latest skips what was written meanwhile, earliest
 * reads everything again. Engine and detector, both languages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, parseScenario, simulate, type Scenario } from '../engine';
import { stateDigest } from '../engine/kafka/digest';
import { detectAnomalies } from './test/explainCheck';
import { anomalyTotals } from './totals';
import { en } from './test/render';
import { renderMsg } from '../i18n/translate';

/** One member crashes at 2 s (removed after session.timeout.ms) and restarts at `backMs`. */
function away(reset: 'earliest' | 'latest', minutes: number, backMs: number): Scenario {
  const r = parseScenario({
    version: 2,
    name: 'offsets expire',
    seed: 3,
    durationMs: backMs + 5000,
    broker: {
      'offsets.retention.minutes': minutes,
      'offsets.retention.check.interval.ms': 5000,
    },
    topics: [{ name: 'orders', partitions: 2 }],
    producers: [
      {
        id: 'shop',
        topic: 'orders',
        rate: { kind: 'constant', perSec: 20 },
        keys: { kind: 'uniform', count: 5 },
        eventType: 'OrderPlaced',
      },
    ],
    groups: [
      {
        id: 'billing',
        topics: ['orders'],
        members: 1,
        processingMs: 2,
        config: {
          'auto.offset.reset': reset,
          'session.timeout.ms': 10_000,
          'auto.commit.interval.ms': 500,
        },
      },
    ],
    faults: [
      { kind: 'crash', atMs: 2000, group: 'billing', member: 'billing-1' },
      { kind: 'restart', atMs: backMs, group: 'billing', member: 'billing-1' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const expiredEvents = (r: ReturnType<typeof simulate>) =>
  r.events.filter((e) => e.type === 'offsetsExpired');

describe('offsets.retention.minutes', () => {
  it('the group is Empty from its removal (crash + session.timeout.ms); a minute later the first cleanup on the 5 s grid removes both offsets', () => {
    const r = simulate(away('latest', 1, 80_000));
    const [e, ...more] = expiredEvents(r);
    expect(more).toEqual([]);
    expect(e && e.type === 'offsetsExpired').toBe(true);
    if (e?.type !== 'offsetsExpired') return;
    const removed = r.events.find((x) => x.type === 'memberExpired')!;
    expect(e.emptySinceUs).toBe(removed.timeUs);
    // Empty at ~12 s (2 s crash + 10 s session timeout) + 60 s, rounded up to the 5 s grid.
    expect(e.timeUs).toBe(Math.ceil((removed.timeUs + 60e6) / 5e6) * 5e6);
    expect(e.offsets.map((o) => `${o.topic}-${o.partition}`).sort()).toEqual([
      'orders-0',
      'orders-1',
    ]);
  });

  it('latest: the restarted member starts at the log end; what was written while the group was away is lost, and explained by the expiry', () => {
    const r = simulate(away('latest', 1, 80_000));
    const g = r.summary.groups.find((x) => x.group === 'billing')!;
    const lost = detectAnomalies(r.model, r.events).filter((a) => a.kind === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const a of lost) {
      expect(a.cause).toBe('offsets-expired');
      expect(en(a.explanation)).toContain('offsets.retention.minutes (1 min)');
      expect(renderMsg('zh-CN', a.explanation)).toContain('组协调器');
    }
    // Roughly 2 s to 80 s of records at 20/s were skipped (68 s × 20 ≥ 1,000).
    const skipped = lost.reduce((n, a) => n + a.count, 0);
    expect(skipped).toBeGreaterThan(1000);
    expect(anomalyTotals(detectAnomalies(r.model, r.events)).groups.billing?.lost ?? 0).toBe(
      g.lost,
    );
  });

  it('earliest: the restarted member reads both partitions again from offset 0: duplicates, explained by the expiry', () => {
    const r = simulate(away('earliest', 1, 80_000));
    const g = r.summary.groups.find((x) => x.group === 'billing')!;
    expect(g.lost).toBe(0);
    const dups = detectAnomalies(r.model, r.events).filter((a) => a.kind === 'duplicate');
    // Everything processed before the crash (about 2 s at 20/s) is processed again.
    expect(dups.length).toBeGreaterThanOrEqual(35);
    expect(dups.length).toBe(g.duplicates);
    for (const a of dups) {
      expect(a.cause).toBe('offsets-expired');
      expect(en(a.explanation)).toContain('auto.offset.reset=earliest sent the next member back');
    }
  });

  it('back within offsets.retention.minutes: the group resumes from its committed offsets, nothing skipped, nothing expired', () => {
    const r = simulate(away('latest', 2, 80_000));
    expect(expiredEvents(r)).toEqual([]);
    const g = r.summary.groups.find((x) => x.group === 'billing')!;
    expect(g.lost).toBe(0);
    expect(g.duplicates).toBeLessThan(20);
  });

  it('without offsets.retention.minutes nothing changes: the same log as a scenario without the broker setting (no actor)', () => {
    const s = away('latest', 1, 80_000);
    const { broker, ...rest } = s;
    void broker;
    const a = simulate({ ...rest } as Scenario);
    expect(a.events.some((e) => e.type === 'offsetsExpired')).toBe(false);
    expect(a.model.offsetsRetention).toBeNull();
  });

  it('property: a group with members never loses its offsets; an expiry only follows offsets.retention.minutes of Empty; the fold equals the state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'earliest' | 'latest'>('earliest', 'latest'),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 20_000, max: 150_000 }),
        (reset, minutes, backMs) => {
          const r = simulate(away(reset, minutes, backMs));
          let members = 0;
          let emptySince = -1;
          for (const e of r.events) {
            if (e.type === 'memberJoined') {
              members = 1;
              emptySince = -1;
            } else if (e.type === 'memberExpired' || e.type === 'memberLeft') {
              members = 0;
              emptySince = e.timeUs;
            } else if (e.type === 'offsetsExpired') {
              expect(members).toBe(0);
              expect(e.emptySinceUs).toBe(emptySince);
              expect(e.timeUs - e.emptySinceUs).toBeGreaterThanOrEqual(minutes * 60e6);
            }
          }
          const viaJson = JSON.parse(JSON.stringify(r.events)) as typeof r.events;
          expect(stateDigest(fold(r.model, viaJson))).toBe(stateDigest(r.state));
          const expired = expiredEvents(r).length > 0;
          // Away longer than the retention plus the check interval → expired; within → not.
          if (backMs - 12_000 > minutes * 60_000 + 5000) expect(expired).toBe(true);
          if (backMs - 2000 < minutes * 60_000) expect(expired).toBe(false);
        },
      ),
      { numRuns: 12, seed: 2112 },
    );
  });
});
