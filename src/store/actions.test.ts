import { beforeEach, describe, expect, it } from 'vitest';
import { renderMsg, type Msg } from '../i18n';
import {
  addNode,
  connect,
  copySelection,
  deleteSelection,
  paste,
  selectOnly,
  updateNodeData,
} from './designActions';
import { importText, newDesign, openBuiltIn } from './fileActions';
import { redo, undo } from './historyActions';
import { play, receive } from './simActions';
import { useAppStore } from './store';

const names = () =>
  useAppStore
    .getState()
    .nodes.map((n) => ('name' in n.data ? n.data.name : 'id' in n.data ? n.data.id : ''));

/** A store message as an English reader sees it. */
const en = (m: Msg | string | undefined) => (m === undefined ? '' : renderMsg('en', m));

describe('store actions', () => {
  beforeEach(() => openBuiltIn('order-flow'));

  it('opens with the default scenario drawn and compiled', () => {
    const s = useAppStore.getState();
    expect(s.origin).toBe('order-flow');
    expect(names()).toContain('order-events');
    expect(s.compiled.ok).toBe(true);
    expect(s.status).toBe('idle');
  });

  it('applies a frame in one update', () => {
    let updates = 0;
    const off = useAppStore.subscribe(() => updates++);
    const view = {
      topics: {},
      groups: {},
      producers: {},
      totals: {
        events: 3,
        produced: 1,
        appended: 1,
        processed: 0,
        duplicates: 0,
        lost: 0,
        reordered: 0,
        deadLettered: 0,
        rebalances: 0,
        lagMax: 0,
      },
    };
    receive({ type: 'frame', timeUs: 5000, endUs: 10_000_000, status: 'playing', view } as never);
    off();
    expect(updates).toBe(1);
    expect(useAppStore.getState()).toMatchObject({ timeUs: 5000, status: 'playing', view });
  });

  it('builds producer → topic → group from an empty canvas, and it compiles', () => {
    newDesign();
    expect(useAppStore.getState().compiled.ok).toBe(false);
    const p = addNode('producer', { x: 0, y: 0 });
    const t = addNode('topic', { x: 300, y: 0 });
    const g = addNode('consumerGroup', { x: 600, y: 0 });
    connect({ source: p, target: t });
    connect({ source: t, target: g });
    const s = useAppStore.getState();
    if (!s.compiled.ok) throw new Error(JSON.stringify(s.compiled.issues));
    expect(s.compiled.scenario.groups[0]).toMatchObject({
      id: 'group',
      topics: ['topic'],
      members: 2,
    });
  });

  it('refuses to play a design with problems, and says why', () => {
    newDesign();
    const p = addNode('producer', { x: 0, y: 0 });
    const g = addNode('consumerGroup', { x: 300, y: 0 });
    connect({ source: p, target: g });
    play();
    const s = useAppStore.getState();
    expect(s.status).toBe('idle');
    expect(en(s.notice?.title)).toMatch(/Can't play/);
    expect(s.notice?.lines.map(en).join('\n')).toMatch(
      /producer: edge to "group": a producer writes to a topic, not to a consumer group/,
    );
    expect(s.nodeIssues[p]?.length).toBeGreaterThan(0);
  });

  it('undoes and redoes edits; typing into one field is one step', () => {
    const id = useAppStore.getState().nodes.find((n) => n.data.kind === 'topic')!.id;
    updateNodeData(id, ['partitions'], 1);
    updateNodeData(id, ['partitions'], 12);
    const data = () =>
      useAppStore.getState().nodes.find((n) => n.id === id)!.data as { partitions: number };
    expect(data().partitions).toBe(12);
    undo();
    expect(data().partitions).toBe(6);
    redo();
    expect(data().partitions).toBe(12);
  });

  it('deletes a node with its edges, and copy/paste makes renamed copies', () => {
    const payment = useAppStore.getState().nodes.find((n) => n.id === 'group:payment')!.id;
    selectOnly(payment);
    expect(copySelection()).toBe(1);
    paste();
    expect(names()).toContain('payment-2');
    selectOnly(payment);
    deleteSelection();
    const s = useAppStore.getState();
    expect(s.nodes.some((n) => n.id === payment)).toBe(false);
    expect(s.edges.some((e) => e.source === payment || e.target === payment)).toBe(false);
    expect(s.settings.faults.some((f) => 'group' in f && f.group === 'payment')).toBe(false);
  });

  it('renaming a group renames its faults', () => {
    updateNodeData('group:payment', ['id'], 'billing');
    const faults = useAppStore.getState().settings.faults as { group?: string; member?: string }[];
    expect(faults.map((f) => [f.group, f.member])).toEqual([
      ['billing', 'billing-2'],
      ['billing', 'billing-2'],
    ]);
    expect(useAppStore.getState().compiled.ok).toBe(true);
  });

  it('keeps the diagram exactly as it was when an imported file is bad', () => {
    const before = useAppStore.getState().nodes;
    expect(
      importText(
        '{"version": 1, "name": "x", "topics": [{"name": "t", "partitions": -1}]}',
        'bad.json',
      ),
    ).toBe(false);
    const s = useAppStore.getState();
    expect(s.nodes).toBe(before);
    expect(s.notice?.tone).toBe('error');
    expect(s.notice?.lines.map(en).join('\n')).toMatch(
      /\$\.topics\[0\]\.partitions: must be ≥ 1, got -1/,
    );
  });

  it('keeps the open design when asked for a scenario that does not exist', () => {
    const before = useAppStore.getState().nodes;
    openBuiltIn('no-such-scenario');
    expect(useAppStore.getState().nodes).toBe(before);
    expect(useAppStore.getState().notice?.lines.map(en).join()).toMatch(/no-such-scenario/);
  });
});
