/**
 * Explanations and lineage lines render in both languages: every anomaly of the built-in
 * scenarios, of the scenario variants the insight tests run, and of random scenarios (member,
 * broker, ack and network faults, unclean elections) gives a message whose keys exist, whose
 * parameters are all filled, which survives structured clone, stays small and shallow, and whose
 * Chinese has no English words besides Kafka's own names and the run's names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../engine';
import { clusterScenarioArb, scenarioArb } from '../engine/test/arbitraries';
import { uncleanTruncationArb } from '../engine/test/chaosArbitraries';
import { crashMidBatch, nullKeyOrders } from '../engine/test/scenarios';
import { catalogs } from '../i18n/catalog';
import { paramNames, parseMessage, type Node } from '../i18n/icu';
import { renderMsg } from '../i18n/translate';
import type { Msg, Param } from '../i18n/types';
import { builtInScenarios } from '../scenarios';
import type { Anomaly } from './anomaly';
import { detectAnomalies } from './detector';
import { lineage, lineageSteps, type Lineage } from './lineage';
import { msgKeys, msgProblems } from './test/explainCheck';
import { clusterScenarioArb as insightClusterArb } from './test/clusterArb';

interface Checked {
  anomalies: Anomaly[];
  keys: Set<string>;
}

function allSteps(node: Lineage): ReturnType<typeof lineageSteps> {
  return [...lineageSteps(node), ...node.children.flatMap(allSteps)];
}

/** Runs a scenario; every explanation and the lineage lines of its anomalies' records must render. */
function check(s: Scenario, keys = new Set<string>(), lineages = 3): Checked {
  const r = simulate(s);
  const anomalies = detectAnomalies(r.model, r.events);
  for (const a of anomalies) {
    expect(msgProblems(a.explanation), `${a.id}: ${renderMsg('en', a.explanation)}`).toEqual([]);
    msgKeys(a.explanation, keys);
  }
  const ids = [...new Set(anomalies.flatMap((a) => (a.eventId === undefined ? [] : [a.eventId])))];
  for (const id of ids.slice(0, lineages)) {
    const l = lineage(r.model, r.events, id, { maxRecords: 50 });
    for (const step of l ? allSteps(l) : []) {
      expect(msgProblems(step.text), renderMsg('en', step.text)).toEqual([]);
      msgKeys(step.text, keys);
    }
  }
  return { anomalies, keys };
}

function parsed(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** Values to try for a parameter of a pattern: each case of a select, a few counts, else a name. */
function trials(name: string, counts: ReadonlySet<string>): Param[] {
  const cases: Record<string, string[]> = {
    absorbed: ['yes', 'no'],
    late: ['yes', 'no'],
    zombie: ['yes', 'no'],
    redelivered: ['yes', 'no'],
    dedup: ['yes', 'no'],
    how: ['rejoined', 'assigned', 'dead', 'processed'],
  };
  return cases[name] ?? (counts.has(name) ? [0, 1, 2, 3, 1234] : ['•']);
}

/** The parameters a pattern counts with (plural arguments): they get numbers. */
function pluralArgs(nodes: readonly Node[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (typeof n === 'string' || n.kind === 'hash') continue;
    if (n.kind === 'plural') into.add(n.arg);
    if ('cases' in n) for (const c of Object.values(n.cases)) pluralArgs(c, into);
  }
  return into;
}

describe('explanations in both languages', () => {
  it('every explain pattern, with every case of its selects and plurals: Chinese has no English words', () => {
    const keys = Object.keys(catalogs.en).filter((k) => k.startsWith('explain.'));
    expect(keys.length).toBeGreaterThan(90);
    for (const key of keys) {
      const nodes = parseMessage(catalogs.en[key]!);
      const names = [...paramNames(nodes)];
      const counts = pluralArgs(nodes);
      // One parameter varies at a time; the others keep their first trial value.
      const base: Record<string, Param> = {};
      for (const n of names) base[n] = trials(n, counts)[0]!;
      const variants = [
        base,
        ...names.flatMap((n) => trials(n, counts).map((v) => ({ ...base, [n]: v }))),
      ];
      for (const params of variants) {
        const m: Msg = { key, params };
        expect(msgProblems(m), `${key} ${JSON.stringify(params)}`).toEqual([]);
        const zh = renderMsg('zh-CN', m);
        expect(zh, key).not.toBe(renderMsg('en', m));
      }
    }
  });

  it('built-ins and the scenario variants the insight tests run; their lineage lines too', () => {
    const keys = new Set<string>();
    const counts: Record<string, number> = {};
    const run = (s: Scenario, lineages = 3) => {
      for (const a of check(s, keys, lineages).anomalies)
        counts[`${a.kind}/${a.cause}`] = (counts[`${a.kind}/${a.cause}`] ?? 0) + 1;
    };
    for (const json of Object.values(builtInScenarios)) run(parsed(json), 5);
    run(crashMidBatch({ commit: 'after-processing' }));
    run(crashMidBatch({ commit: 'before-processing' }));
    run(crashMidBatch({ commit: 'after-processing', idempotent: true }));
    const poison = crashMidBatch({ commit: 'after-processing' });
    poison.faults = [{ kind: 'poisonMessage', atMs: 500, producer: 'shop' }];
    run(poison);
    run(nullKeyOrders());
    const zombie = crashMidBatch({ commit: 'before-processing' });
    zombie.producers[0]!.keys = { kind: 'fixed', keys: ['order-1'] };
    zombie.faults = [{ kind: 'pause', atMs: 1000.5, group: 'g', member: 'g-1', durationMs: 600 }];
    run(zombie);
    // The kinds these runs are known to produce (a run that stops producing one fails here).
    for (const kind of [
      'duplicate/crash-before-commit',
      'lost/commit-before-processing',
      'reordered/null-key',
      'reordered/zombie',
      'stuck/no-live-owner',
      'stuck/poison-record',
    ])
      expect(counts[kind] ?? 0, `${kind} in ${JSON.stringify(counts)}`).toBeGreaterThan(0);
    for (const k of [
      'explain.lineage.appended',
      'explain.lineage.processed',
      'explain.lineage.committed',
    ])
      expect(keys.has(k), k).toBe(true);
  });

  it('property: random scenarios (member, broker, ack and network faults, unclean elections): every explanation and lineage line renders in both languages (seed 9431)', () => {
    const causes = new Set<string>();
    const keys = new Set<string>();
    fc.assert(
      fc.property(
        fc.oneof(scenarioArb(), clusterScenarioArb(), insightClusterArb, uncleanTruncationArb()),
        (s) => {
          for (const a of check(s, keys).anomalies) causes.add(`${a.kind}/${a.cause}`);
        },
      ),
      { seed: 9431, numRuns: 40 },
    );
    // Not vacuous: the runs produced every kind and many of the causes (12 with this seed).
    for (const c of [
      'duplicate/producer-retry',
      'lost/log-truncated',
      'lost/request-lost',
      'reordered/append-order',
      'stuck/no-live-owner',
    ])
      expect(causes.has(c), `${c} among ${[...causes].join(' ')}`).toBe(true);
    expect(causes.size).toBeGreaterThanOrEqual(10);
    expect(keys.size).toBeGreaterThanOrEqual(40);
  });
});
