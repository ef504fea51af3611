import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../engine';
import { acceptedEventStoreScenarioArb } from '../engine/scenario/arbitraries';
import { buildScenario, compile } from './compile';
import { decompile } from './decompile';
import { parseDesignDoc, toDesignDoc } from './designDoc';
import { edgeMeaning } from './edges';
import { esInputName } from './eventStoreDesign';
import { layoutDesign } from './layout';
import { nodeSize } from './nodeSize';
import { edge, node } from './testDesigns';
import type { Design, NodeKind } from './types';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** account (own commands) → event store; balances (async, of account) → balance query;
 *  audit (inline, of $all). */
function bank(): Design {
  return {
    settings: { version: 2, name: 'bank', faults: [] },
    nodes: [
      node('acc', 'aggregate', { id: 'account' }),
      node('store', 'eventStore'),
      node('bal', 'projection', { id: 'balances' }),
      node('audit', 'projection', { id: 'audit', mode: 'inline' }),
      node('q', 'query', { id: 'balance' }),
    ],
    edges: [edge('acc', 'store'), edge('acc', 'bal'), edge('store', 'audit'), edge('bal', 'q')],
  };
}

const issuesOf = (d: Design) => {
  const r = compile(d);
  if (r.ok) throw new Error('expected the design not to compile');
  return r.issues.map((i) => ({ nodeId: i.nodeId, field: i.field, key: i.text?.key }));
};

describe('event store nodes: edges', () => {
  const ok = (s: NodeKind, t: NodeKind) => edgeMeaning(s, t).ok;
  it('accepts topic → aggregate → event store → projection → query and aggregate → projection', () => {
    expect(edgeMeaning('topic', 'aggregate')).toEqual({ ok: true, flow: 'command' });
    expect(edgeMeaning('aggregate', 'eventStore')).toEqual({ ok: true, flow: 'append' });
    expect(edgeMeaning('aggregate', 'projection')).toEqual({ ok: true, flow: 'project' });
    expect(edgeMeaning('eventStore', 'projection')).toEqual({ ok: true, flow: 'project' });
    expect(edgeMeaning('projection', 'query')).toEqual({ ok: true, flow: 'read' });
  });
  it('refuses everything else touching an event store node, with a reason', () => {
    const kinds: NodeKind[] = [
      'producer',
      'topic',
      'deadLetterTopic',
      'consumerGroup',
      'service',
      'readModel',
      'exchange',
      'queue',
      'aggregate',
      'eventStore',
      'projection',
      'query',
    ];
    const legal = new Set([
      'topic>aggregate',
      'deadLetterTopic>aggregate',
      'aggregate>eventStore',
      'aggregate>projection',
      'eventStore>projection',
      'projection>query',
    ]);
    const es = new Set(['aggregate', 'eventStore', 'projection', 'query']);
    for (const s of kinds)
      for (const t of kinds) {
        if (!es.has(s) && !es.has(t)) continue;
        const m = edgeMeaning(s, t);
        expect(ok(s, t), `${s} → ${t}`).toBe(legal.has(`${s}>${t}`));
        if (!m.ok) expect(m.why.key.startsWith('eventStore.edge.')).toBe(true);
      }
  });
});

describe('event store nodes: compile', () => {
  it('makes the eventStore section: own commands, category and $all projections, a query', () => {
    const r = compile(bank());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const es = r.scenario.eventStore!;
    expect(r.scenario.version).toBe(2);
    expect(es.aggregates.map((a) => [a.id, 'rate' in a.commands])).toEqual([['account', true]]);
    expect(es.projections!.map((p) => [p.id, p.from, p.mode, p.kind])).toEqual([
      ['balances', 'account', 'async', 'counter'],
      ['audit', '$all', 'inline', 'counter'],
    ]);
    expect(es.queries!.map((q) => [q.id, q.projection])).toEqual([['balance', 'balances']]);
    expect(JSON.stringify(r.scenario)).not.toMatch(/projectionKind|position/);
  });

  it('a topic connected to an aggregate makes its commands that topic’s records', () => {
    const d = bank();
    const design: Design = {
      ...d,
      nodes: [...d.nodes, node('shop', 'producer'), node('cmds', 'topic')],
      edges: [...d.edges, edge('shop', 'cmds'), edge('cmds', 'acc')],
    };
    const r = compile(design);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.scenario.eventStore!.aggregates[0]!.commands).toEqual({ topic: 'cmds' });
    expect(esInputName(design.nodes, design.edges, 'acc')).toBe('cmds');
    expect(esInputName(design.nodes, design.edges, 'audit')).toBe('$all');
    expect(esInputName(design.nodes, design.edges, 'bal')).toBe('account');
  });

  it('pins missing connections to the node and field', () => {
    const d = bank();
    expect(
      issuesOf({ ...d, edges: d.edges.filter((e) => e.id !== 'acc->store' && e.id !== 'bal->q') }),
    ).toEqual([
      { nodeId: 'store', field: undefined, key: 'eventStore.issue.storeUnused' },
      { nodeId: 'acc', field: undefined, key: 'eventStore.issue.noStore' },
      { nodeId: 'q', field: 'projection', key: 'eventStore.issue.noProjection' },
    ]);
    expect(issuesOf({ ...d, edges: [...d.edges, edge('store', 'bal')] })).toEqual([
      { nodeId: 'bal', field: 'from', key: 'eventStore.issue.manySources' },
    ]);
    const noCommands: Design = {
      ...bank(),
      nodes: bank().nodes.map((n) =>
        n.id === 'acc' ? node('acc', 'aggregate', { id: 'account', commands: undefined }) : n,
      ),
    };
    expect(issuesOf(noCommands)).toContainEqual({
      nodeId: 'acc',
      field: 'commands',
      key: 'eventStore.issue.noCommands',
    });
  });

  it('pins the parser’s errors to the node and field (values are the engine’s rules)', () => {
    const d = bank();
    const nodes = d.nodes.map((n) =>
      n.id === 'acc'
        ? node('acc', 'aggregate', { id: 'acc-1', maxRetries: -1 })
        : n.id === 'bal'
          ? { ...n, data: { ...n.data, projectionKind: 'sum' } }
          : n,
    ) as Design['nodes'];
    const issues = issuesOf({ ...d, nodes });
    expect(issues).toContainEqual({
      nodeId: 'acc',
      field: 'id',
      key: 'validation.design.issue.field',
    });
    expect(issues).toContainEqual({
      nodeId: 'acc',
      field: 'maxRetries',
      key: 'validation.design.issue.field',
    });
    expect(issues).toContainEqual({
      nodeId: 'bal',
      field: 'projectionKind',
      key: 'validation.design.issue.field',
    });
  });

  it('pins an event store fault’s error to the projection it names', () => {
    const d = bank();
    const r = compile({
      ...d,
      settings: {
        ...d.settings,
        eventStoreFaults: [{ kind: 'projectionCrash', projection: 'audit', atMs: 5 }],
      },
    });
    if (r.ok) throw new Error('an inline projection cannot crash');
    expect(r.issues.map((i) => [i.nodeId, i.field])).toEqual([['audit', 'faults']]);
  });

  it('lays the nodes out without overlaps', () => {
    const d = layoutDesign(bank());
    const boxes = d.nodes.map((n) => ({ ...n.position, ...nodeSize(n.data) }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${d.nodes[i]!.id} / ${d.nodes[j]!.id}`).toBe(true);
      }
  });
});

/**
 * The arbitrary's Kafka groups are the v1 arbitrary's, some of which no design draws (a read
 * model with a dead-letter topic: compile.test.ts covers what a design can draw); the event
 * store's section and the topics and producers it may read stay as drawn.
 */
const esOnlyGroups = acceptedEventStoreScenarioArb.map((raw) => {
  const rest: Record<string, unknown> = { ...raw, groups: [], faults: [] };
  delete rest.network;
  return rest;
});

describe('decompile → compile over random eventStore scenarios', () => {
  it('gives every accepted scenario back exactly', () => {
    let n = 0;
    fc.assert(
      fc.property(esOnlyGroups, (raw) => {
        const parsed = parseScenario(raw);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        n++;
        const design = decompile(parsed.scenario);
        expect(design.settings).not.toHaveProperty('eventStore');
        const r = compile(design);
        if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
        expect(json(r.scenario)).toEqual(json(parsed.scenario));
      }),
      { seed: 20261202, numRuns: 150, endOnFailure: true },
    );
    expect(n).toBe(150);
  });

  it('the structure alone gives the section back, and the design document keeps it', () => {
    fc.assert(
      fc.property(acceptedEventStoreScenarioArb, (raw) => {
        const parsed = parseScenario(raw);
        if (!parsed.ok) return;
        const s: Scenario = parsed.scenario;
        const design = decompile(s);
        expect(json(buildScenario(design).scenario.eventStore)).toEqual(json(s.eventStore));
        const back = parseDesignDoc(json(toDesignDoc(design)));
        if (!back.ok) throw new Error(back.errors.join('; '));
        expect(json(buildScenario(back.design).scenario.eventStore)).toEqual(json(s.eventStore));
      }),
      { seed: 20261203, numRuns: 100, endOnFailure: true },
    );
  });
});
