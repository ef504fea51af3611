import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../engine';
import { acceptedScenarioArb } from '../engine/scenario/arbitraries';
import { renderMsg } from '../i18n';
import { builtInScenarios } from '../scenarios';
import {
  applyActions,
  diffScenarios,
  formatPath,
  jsonEqual,
  matchesAllow,
  parsePath,
  MAX_ACTIONS,
} from './actions';

const SEED = 1010;

function parsed(doc: unknown): Scenario {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(JSON.stringify(p.errors.slice(0, 3)));
  return p.scenario;
}

const base = parsed(builtInScenarios['crash-before-commit']);
const en = (m: Parameters<typeof renderMsg>[1]) => renderMsg('en', m);

describe('paths', () => {
  it('reads entity selectors, quoted keys and wildcards', () => {
    const p = parsePath('groups[id=ledger].config["enable.auto.commit"]');
    expect(p).toEqual({
      ok: true,
      segments: [
        { kind: 'key', key: 'groups' },
        { kind: 'select', field: 'id', value: 'ledger' },
        { kind: 'key', key: 'config' },
        { kind: 'key', key: 'enable.auto.commit' },
      ],
    });
    expect(parsePath('topics[name="a b"].partitions').ok).toBe(true);
    for (const bad of [
      '',
      '.x',
      'a..b',
      'a[',
      'a[id=]',
      'a[id=x',
      'a["x]',
      'a b',
      'x'.repeat(1001),
      5,
    ])
      expect(parsePath(bad).ok, String(bad)).toBe(false);
  });

  it('formatPath inverts parsePath, including a key that is a literal *', () => {
    for (const path of [
      'durationMs',
      'topics[name=payments]["replication.factor"]',
      'producers[id=checkout].config.acks',
      'producers[id=p].payload["*"]',
      'groups[id="*"].commit',
      'groups[id=*].config[*]',
    ]) {
      const p = parsePath(path);
      expect(p.ok, path).toBe(true);
      if (p.ok) expect(formatPath(p.segments)).toBe(path);
    }
  });

  it('matchesAllow: * is one key or one entity name; a pattern allows its subtree', () => {
    const allow = [
      'groups[id=*].config[*]',
      'producers[id=checkout].keys',
      'topics[name=t].partitions',
    ];
    expect(matchesAllow('groups[id=ledger].config["enable.auto.commit"]', allow)).toBe(true);
    expect(matchesAllow('groups[id=ledger].commit', allow)).toBe(false);
    expect(matchesAllow('producers[id=checkout].keys.kind', allow)).toBe(true);
    expect(matchesAllow('producers[id=other].keys', allow)).toBe(false);
    expect(matchesAllow('topics[name=t]', allow)).toBe(false);
    expect(matchesAllow('groups[id=*].commit', ['groups[id=*].commit'])).toBe(true);
    // A literal "*" name is not a wildcard.
    expect(matchesAllow('groups[id=ledger].commit', ['groups[id="*"].commit'])).toBe(false);
    expect(matchesAllow('not a path', ['*'])).toBe(false);
  });
});

describe('applyActions', () => {
  it('sets a setting by entity name, removes it with null, and never mutates its input', () => {
    const before = JSON.stringify(base);
    const group = base.groups[0]!.id;
    const r = applyActions(base, [
      { op: 'set', path: `groups[id=${group}].config["enable.auto.commit"]`, value: true },
      { op: 'set', path: 'durationMs', value: 4000 },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.groups[0]!.config?.['enable.auto.commit']).toBe(true);
    expect(r.scenario.durationMs).toBe(4000);
    expect(JSON.stringify(base)).toBe(before);
    const back = applyActions(r.scenario, [
      { op: 'set', path: `groups[id=${group}].config["enable.auto.commit"]`, value: null },
    ]);
    expect(back.ok && back.scenario.groups[0]!.config?.['enable.auto.commit']).toBe(undefined);
  });

  it('adds, replaces and removes whole entities and faults', () => {
    const topic = base.topics[0]!.name;
    const r = applyActions(base, [
      { op: 'set', path: 'groups[id=audit]', value: { id: 'audit', topics: [topic], members: 1 } },
      { op: 'addFault', fault: { kind: 'crash', atMs: 500, group: 'audit', member: 'audit-1' } },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.groups.map((g) => g.id)).toContain('audit');
    expect(r.scenario.faults.at(-1)).toEqual({
      kind: 'crash',
      atMs: 500,
      group: 'audit',
      member: 'audit-1',
    });
    const r2 = applyActions(r.scenario, [
      { op: 'removeFault', fault: { kind: 'crash', atMs: 500, group: 'audit', member: 'audit-1' } },
      { op: 'set', path: 'groups[id=audit]', value: null },
    ]);
    expect(r2.ok && jsonEqual(r2.scenario, base)).toBe(true);
  });

  it('explains what is wrong, naming the action and the path', () => {
    const cases: [unknown, RegExp][] = [
      [
        [{ op: 'set', path: 'groups[id=nobody].commit', value: 'before-processing' }],
        /action 1: nothing at groups\[id=nobody\]/,
      ],
      [[{ op: 'set', path: 'durationMs', value: -5 }], /not a valid scenario: \$\.durationMs/],
      [[{ op: 'explode' }], /unknown op "explode"/],
      [[{ op: 'set', path: 'durationMs' }], /needs a value/],
      [[{ op: 'set', path: 'groups[id=*].commit', value: 'x' }], /cannot hold \*/],
      [
        [{ op: 'removeFault', fault: { kind: 'crash', atMs: 1, group: 'g', member: 'm' } }],
        /no such fault/,
      ],
      [[{ op: 'set', path: 'groups[id=x]', value: { id: 'y' } }], /whose id is x/],
      ['nope', /must be a list/],
      [
        new Array(MAX_ACTIONS + 1).fill({ op: 'set', path: 'durationMs', value: 1 }),
        /at most 1,000 actions/,
      ],
      [[null], /must be an object/],
    ];
    for (const [actions, re] of cases) {
      const r = applyActions(base, actions);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(en(r.error)).toMatch(re);
    }
  });

  it('writes __proto__ as a plain key, never as a prototype', () => {
    const p = base.producers[0]!.id;
    const r = applyActions(base, [
      { op: 'set', path: `producers[id=${p}].payload["__proto__"]`, value: { polluted: true } },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBe(undefined);
    if (r.ok) {
      const payload = r.scenario.producers[0]!.payload as Record<string, unknown>;
      expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    }
  });

  it('never throws on random actions (seeded property)', () => {
    const segment = fc.constantFrom(
      'groups',
      'topics',
      'producers',
      'config',
      '[id=x]',
      '["a.b"]',
      '[*]',
      '.',
      '[',
      ']',
      '=',
      '"',
      '__proto__',
      'durationMs',
    );
    const pathArb = fc.array(segment, { maxLength: 6 }).map((xs) => xs.join(''));
    const actionArb = fc.oneof(
      fc.record({ op: fc.constant('set'), path: pathArb, value: fc.jsonValue({ maxDepth: 2 }) }),
      fc.record({
        op: fc.constantFrom('addFault', 'removeFault'),
        fault: fc.jsonValue({ maxDepth: 2 }),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 5 }), (actions) => {
        const before = JSON.stringify(base);
        const r = applyActions(base, actions);
        expect(typeof r.ok).toBe('boolean');
        expect(JSON.stringify(base)).toBe(before);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('diffScenarios', () => {
  it('is empty between a scenario and itself; one set for one setting', () => {
    expect(diffScenarios(base, base)).toEqual([]);
    const group = base.groups[0]!.id;
    const r = applyActions(base, [
      { op: 'set', path: `groups[id=${group}].commit`, value: 'before-processing' },
    ]);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(diffScenarios(base, r.scenario)).toEqual([
        { op: 'set', path: `groups[id=${group}].commit`, value: 'before-processing' },
      ]);
  });

  it('applyActions(a, diff(a, b)) equals b for random scenarios (seeded property)', () => {
    const scenarioArb = acceptedScenarioArb
      .map((d) => parseScenario(d))
      .filter((p) => p.ok)
      .map((p) => (p as { scenario: Scenario }).scenario);
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (a, b) => {
        const actions = diffScenarios(a, b);
        const r = applyActions(a, actions);
        if (!r.ok) throw new Error(`${en(r.error)} in ${JSON.stringify(actions).slice(0, 500)}`);
        expect(jsonEqual(r.scenario, b)).toBe(true);
        expect(diffScenarios(b, b)).toEqual([]);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('counts one move per edit of a random scenario (seeded property)', () => {
    // Small edits: each a setting, an entity or a fault; the diff is never longer than the edits.
    const scenarioArb = acceptedScenarioArb
      .map((d) => parseScenario(d))
      .filter((p) => p.ok)
      .map((p) => (p as { scenario: Scenario }).scenario);
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 5000 }), (a, ms) => {
        const edits = [
          { op: 'set', path: 'durationMs', value: ms },
          { op: 'addFault', fault: { kind: 'brokerDown', atMs: ms, broker: 1 } },
        ];
        const r = applyActions(a, edits);
        if (!r.ok) return;
        const d = diffScenarios(a, r.scenario);
        expect(d.length).toBeLessThanOrEqual(edits.length);
        const again = applyActions(a, d);
        expect(again.ok && jsonEqual(again.scenario, r.scenario)).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
