import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupSpec, Scenario } from '../engine';
import type { Anomaly } from '../insight';
import { applyChange } from '../timeline';
import { commitModeOf, forkPoints, forkWarning, whatIfOptions } from './whatIf';
import { renderMsg } from '../i18n';

const FC_SEED = 20261201;

function scenarioWith(groups: GroupSpec[]): Scenario {
  return {
    version: 1,
    name: 'w',
    topics: [{ name: 't', partitions: 2 }],
    producers: [
      {
        id: 'p',
        topic: 't',
        rate: { kind: 'constant', perSec: 10 },
        keys: { kind: 'uniform', count: 5 },
        eventType: 'E',
      },
    ],
    groups,
    faults: [],
  };
}

const groupArb = fc.record(
  {
    id: fc.constantFrom('g1', 'g2'),
    topics: fc.constant(['t']),
    members: fc.integer({ min: 1, max: 3 }),
    commit: fc.constantFrom('after-processing' as const, 'before-processing' as const, undefined),
    idempotent: fc.constantFrom(true, false, undefined),
    config: fc.option(fc.record({ 'enable.auto.commit': fc.boolean() }, { requiredKeys: [] }), {
      nil: undefined,
    }),
  },
  { requiredKeys: ['id', 'topics', 'members'] },
);

const anomaly = (index: number, group: string, extra: Partial<Anomaly> = {}): Anomaly => ({
  id: `a${index}`,
  kind: 'duplicate',
  cause: 'crash-before-commit',
  index,
  timeUs: index * 1000,
  group,
  topic: 't',
  partition: 0,
  count: 1,
  explanation: { key: 'explain.test' },
  ...extra,
});

describe('whatIfOptions', () => {
  it('offers only changes that differ from the run: each changes the commit mode or the dedup store as it says', () => {
    fc.assert(
      fc.property(groupArb, (g) => {
        const s = scenarioWith([JSON.parse(JSON.stringify(g)) as GroupSpec]);
        const before = s.groups[0]!;
        const options = whatIfOptions(s);
        expect(new Set(options.map((o) => o.id)).size).toBe(options.length);
        for (const o of options) {
          const after = applyChange(s, o.change).groups[0]!;
          const changed =
            commitModeOf(after) !== commitModeOf(before) ||
            (after.idempotent === true) !== (before.idempotent === true);
          expect(changed, `${o.id} on ${JSON.stringify(before)}`).toBe(true);
          const label = renderMsg('en', o.label);
          if (label.includes('commit after processing'))
            expect(commitModeOf(after)).toBe('after-processing');
          if (label.includes('commit before processing'))
            expect(commitModeOf(after)).toBe('before-processing');
          if (label.includes('idempotent consumer')) expect(after.idempotent).toBe(true);
        }
        expect(options.some((o) => renderMsg('en', o.label) === 'commit after processing')).toBe(
          commitModeOf(before) !== 'after-processing',
        );
      }),
      { numRuns: 200, seed: FC_SEED },
    );
  });

  it('crash-before-commit: ledger (after processing) is not offered "commit after processing"', () => {
    const s = scenarioWith([
      { id: 'ledger', topics: ['t'], members: 2, commit: 'after-processing' },
      { id: 'notifier', topics: ['t'], members: 2, commit: 'before-processing' },
    ]);
    expect(whatIfOptions(s).map((o) => o.id)).toEqual([
      'ledger-before',
      'ledger-idem',
      'notifier-after',
      'notifier-idem',
      'notifier-both',
    ]);
  });
});

describe('forkPoints', () => {
  it('defaults to just before the first anomaly (before its cause), else the start; the cursor is offered', () => {
    expect(forkPoints([], { index: 0, timeUs: 0 }).map((p) => p.id)).toEqual(['start']);
    expect(forkPoints([], { index: 50, timeUs: 9 }).map((p) => p.id)).toEqual(['start', 'cursor']);
    const pts = forkPoints(
      [anomaly(90, 'g'), anomaly(40, 'g', { causeIndex: 30 })],
      { index: 100, timeUs: 5 },
      [{ index: 30, timeUs: 777 }],
    );
    expect(pts.map((p) => p.id)).toEqual(['anomaly', 'start', 'cursor']);
    expect(pts[0]).toMatchObject({ index: 30, timeUs: 777, before: true });
    expect(renderMsg('en', pts[0]!.label)).toContain('at its cause');
    expect(renderMsg('zh-CN', pts[0]!.label)).toBe('第一个异常（一次重复）之前，即其起因处');
    // A cause without a mark: its time is not known here (the menu names the event).
    expect(
      forkPoints([anomaly(40, 'g', { causeIndex: 31 })], { index: 0, timeUs: 0 })[0],
    ).toMatchObject({ index: 31, timeUs: null });
  });
});

describe('forkWarning', () => {
  const list = [anomaly(10, 'a'), anomaly(20, 'a'), anomaly(50, 'b')];
  it('warns when every anomaly of the group is before the fork point, or the fork point is the end', () => {
    expect(forkWarning('a', { index: 5 }, list, 0)).toBeNull();
    expect(forkWarning('a', { index: 20 }, list, 0)).toBeNull();
    const warn = (w: ReturnType<typeof forkWarning>) => (w === null ? null : renderMsg('en', w));
    expect(warn(forkWarning('a', { index: 21 }, list, 0))).toContain(
      'Every anomaly of a in this run (2) happened before the fork point',
    );
    expect(forkWarning('b', { index: 21 }, list, 0)).toBeNull();
    expect(forkWarning('c', { index: 21 }, list, 0)).toBeNull();
    expect(warn(forkWarning('b', { index: 100 }, list, 100))).toContain('end of the run');
  });
});
