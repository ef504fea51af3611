import { describe, expect, it } from 'vitest';
import { importDesign } from '../diagram';
import { simulate } from '../engine';
import { buildView } from '../worker/view';
import { derive } from './derivedSlice';
import { flowRates } from './flowRates';
import { selectNodeIssues, selectReaders, selectTopicView } from './selectors';
import type { AppState } from './store';

/*
 * Issue 17: "Renaming a topic to `__proto__`, or a node id `constructor` in an imported design
 * crashes the app". Node ids and entity names are user text: every map keyed by them must be
 * prototype-free, and every lookup must find only what was put there.
 */
const doc = {
  format: 'eventflow-design',
  version: 1,
  settings: { version: 1, name: 'proto', faults: [] },
  nodes: [
    {
      id: 'constructor',
      position: { x: 0, y: 0 },
      data: {
        kind: 'producer',
        id: 'constructor',
        eventType: 'E',
        rate: { kind: 'constant', perSec: 100 },
        keys: { kind: 'uniform', count: 10 },
      },
    },
    {
      id: '__proto__',
      position: { x: 0, y: 0 },
      data: { kind: 'topic', name: '__proto__', partitions: 2 },
    },
    {
      id: 'toString',
      position: { x: 0, y: 0 },
      data: { kind: 'consumerGroup', id: 'toString', members: 1 },
    },
  ],
  edges: [
    { id: 'constructor', source: 'constructor', target: '__proto__' },
    { id: '__proto__', source: '__proto__', target: 'toString' },
  ],
};

describe('prototype names in an imported design', () => {
  it('import, derive, compile, simulate and the worker view all work and keep every name', () => {
    const r = importDesign(JSON.stringify(doc));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const d = derive(r.design);
    expect(d.compiled.ok).toBe(true);
    expect(Object.keys(d.edgeInfo).sort()).toEqual(['__proto__', 'constructor']);
    expect(d.readers['__proto__']).toEqual([{ group: 'toString', color: d.colors['toString'] }]);
    if (!d.compiled.ok) return;
    const sim = simulate(d.compiled.scenario, { untilMs: 500 });
    expect(sim.summary.processed).toBeGreaterThan(0);
    const view = structuredClone(buildView(sim.state, sim.events.length));
    expect(Object.keys(view.topics)).toEqual(['__proto__']);
    expect(view.topics['__proto__']!.logEndOffsets).toHaveLength(2);
    expect(Object.keys(view.groups['toString']!.positions)).toEqual(['__proto__']);
    const rates = flowRates(view, view, 1000, d.edgeInfo);
    // (A `{ __proto__: 0 }` literal would set a prototype, so compare the JSON.)
    expect(JSON.stringify(rates)).toBe('{"constructor":0,"__proto__":0}');
  });

  it('a design with an issue on node "constructor" derives without throwing', () => {
    const broken = structuredClone(doc);
    broken.nodes[1]!.data.partitions = 0;
    const r = importDesign(JSON.stringify(broken));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const d = derive({ ...r.design, edges: [] });
    expect(d.compiled.ok).toBe(false);
    expect(Object.keys(d.nodeIssues).sort()).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it("selectors find only what is there: a stale view has no 'constructor' topic", () => {
    const s = { view: { topics: {}, groups: {}, producers: {} }, nodeIssues: {}, readers: {} };
    const state = s as unknown as AppState;
    expect(selectTopicView('constructor')(state)).toBeUndefined();
    expect(selectNodeIssues('toString')(state)).toEqual([]);
    expect(selectReaders('valueOf')(state)).toEqual([]);
  });
});
