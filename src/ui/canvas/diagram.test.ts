import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine';
import orderFlow from '../../scenarios/order-flow.json';
import { buildDiagram, nodeId } from './diagram';

const scenario = (() => {
  const r = parseScenario(orderFlow);
  if (!r.ok) throw new Error('order-flow.json does not parse');
  return r.scenario;
})();

describe('buildDiagram(order-flow)', () => {
  const { nodes, edges } = buildDiagram(scenario);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edge = (source: string, target: string) => edges.find((e) => e.source === source && e.target === target);

  it('draws every producer, topic and group once', () => {
    expect(nodes).toHaveLength(1 + 5 + 5);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(byId.get(nodeId.topic('order-events'))?.data).toMatchObject({ kind: 'topic', partitions: 6, deadLetter: false });
    expect(byId.get(nodeId.topic('payment-dlq'))?.data).toMatchObject({ deadLetter: true });
    expect(byId.get(nodeId.group('payment'))?.data).toMatchObject({
      service: true,
      members: ['payment-1', 'payment-2', 'payment-3'],
      strategy: 'cooperative-sticky',
      commit: 'commit after processing',
      emits: ['PaymentProcessed'],
    });
    expect(byId.get(nodeId.group('email'))?.data).toMatchObject({ service: false, commit: 'auto-commit' });
  });

  it('connects producers → topics → groups, services → emitted topics, and the dead-letter topic', () => {
    expect(edge(nodeId.producer('order-service'), nodeId.topic('order-events'))?.data?.flow).toBe('produce');
    for (const g of ['inventory', 'payment', 'email', 'analytics']) {
      expect(edge(nodeId.topic('order-events'), nodeId.group(g))?.data?.flow, g).toBe('consume');
    }
    expect(edge(nodeId.group('payment'), nodeId.topic('payment-events'))).toMatchObject({ data: { flow: 'emit', label: 'PaymentProcessed' } });
    expect(edge(nodeId.group('payment'), nodeId.topic('payment-dlq'))?.data?.flow).toBe('deadLetter');
    for (const e of edges) {
      expect(byId.has(e.source), e.id).toBe(true);
      expect(byId.has(e.target), e.id).toBe(true);
    }
  });

  it('lays the flow out left to right', () => {
    const x = (id: string) => byId.get(id)!.position.x;
    expect(x(nodeId.producer('order-service'))).toBeLessThan(x(nodeId.topic('order-events')));
    expect(x(nodeId.topic('order-events'))).toBeLessThan(x(nodeId.group('payment')));
    expect(x(nodeId.group('payment'))).toBeLessThan(x(nodeId.topic('payment-events')));
    expect(x(nodeId.topic('payment-events'))).toBeLessThan(x(nodeId.group('shipping')));
    expect(x(nodeId.group('shipping'))).toBeLessThan(x(nodeId.group('analytics')));
  });
});
