import { describe, expect, it } from 'vitest';
import { fold, stateDigest } from '../engine';
import { Timeline } from './timeline';
import { defaultScenario, reference } from './testUtil';

describe('memory bound (history trimmed into a committed base)', () => {
  const scenario = defaultScenario();
  const ref = reference(scenario, 4000);
  // Records count too (RECORD_BYTES each): the bound holds log + snapshots + records.
  const maxBytes = 160 * 1024;
  const tl = new Timeline({ blockEvents: 500, maxBytes });
  const run = tl.start(scenario);
  run.record(4_000_000);

  it('keeps the timeline within the bound and says history was trimmed', () => {
    expect(run.length).toBe(ref.events.length);
    expect(run.trimmed).toBe(true);
    expect(run.base).toBeGreaterThan(0);
    // Trimming works in whole blocks down to a snapshot, so the bound holds within that grain.
    expect(run.bytes).toBeLessThanOrEqual(2 * maxBytes);
    const unbounded = new Timeline({ blockEvents: 500 }).start(scenario);
    unbounded.record(4_000_000);
    expect(unbounded.bytes).toBeGreaterThan(4 * maxBytes);
    expect(unbounded.trimmed).toBe(false);
    expect(run.blocks[0]!.start).toBe(run.base);
    expect(run.blocks[0]!.snapshot).not.toBeNull();
  });

  it('refuses states below the base with a clear message, and answers every state above it', () => {
    expect(() => run.stateAt(run.base - 1)).toThrow(
      `the history before event ${run.base} was trimmed to bound memory; the earliest state kept is at event ${run.base}`,
    );
    for (const i of [run.base, run.base + 1, Math.floor((run.base + run.length) / 2), run.length])
      expect(stateDigest(run.stateAt(i))).toBe(stateDigest(fold(ref.model, ref.events, i)));
    expect(run.timeAtIndexUs(run.base)).toBe(ref.events[run.base - 1]!.timeUs);
    expect(run.indexAtTimeUs(0)).toBe(run.base);
  });

  it('releases the partition records below the base that nothing reads, and only those', () => {
    expect(run.releasedRecords).toBeGreaterThan(0);
    const starts = Array.from(run.live.logStart);
    expect(Math.max(...starts)).toBeGreaterThan(0);
    const base = run.blocks[0]!.snapshot!;
    run.live.logStart.forEach((start, gp) => {
      // Every record a held event appended, and every record a group has yet to read, is kept.
      expect(start).toBeLessThanOrEqual(base.leo[gp]!);
      for (const g of run.live.groups)
        if (g.committed[gp]! >= 0) expect(start).toBeLessThanOrEqual(g.committed[gp]!);
    });
    const unreleased = new Timeline({ blockEvents: 500 }).start(scenario);
    unreleased.record(4_000_000);
    const held = (logs: unknown[][]) => logs.reduce((n, l) => n + l.length, 0);
    expect(held(run.live.logs)).toBeLessThan(held(unreleased.live.logs));
    expect(stateDigest(run.live)).toBe(stateDigest(unreleased.live));
  });

  it('still reports the log hash of the whole run', () => {
    expect(run.logHash()).toBe(ref.summary.logHash);
  });

  it('forks of a trimmed run work above the base', () => {
    const fork = tl.fork(run.id, run.length - 1000, {
      kind: 'setGroup',
      group: 'email',
      set: { processingMs: 9 },
    });
    fork.record(4_000_000);
    expect(fork.base).toBe(run.base);
    expect(fork.length).toBeGreaterThan(fork.origin!.at);
    const again = tl.fork(run.id, run.length - 1000, {
      kind: 'setGroup',
      group: 'email',
      set: { processingMs: 9 },
    });
    again.record(4_000_000);
    expect(again.logHash()).toBe(fork.logHash());
  });
});
