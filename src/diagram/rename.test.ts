/**
 * Renaming an exchange (or a topic) renames every reference to it: the compiled scenario after
 * the rename is the one before with the old name replaced by the new one wherever it stood as a
 * name (publishers, bindings' sources and destinations, dead-letter and alternate exchanges,
 * services' emits). Also when the name is typed one keystroke at a time, through the empty name
 * and through another exchange's name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../engine';
import kafkaToRabbitmq from '../scenarios/kafka-to-rabbitmq.json';
import { compile } from './compile';
import { decompile } from './decompile';
import { renameNode, type RenameMemo } from './rename';
import type { DesignNode } from './types';

/** The bridge, with every kind of reference to the exchange `notifications`. */
function scenario(): Scenario {
  const s = structuredClone(kafkaToRabbitmq) as unknown as Scenario;
  const amqp = s.amqp!;
  amqp.exchanges[0]!.arguments = { 'alternate-exchange': 'unrouted' };
  amqp.exchanges.push({ name: 'unrouted', type: 'fanout' }, { name: 'audit', type: 'fanout' });
  amqp.queues.push({ name: 'lost' }, { name: 'audit-log' });
  amqp.queues[1]!.arguments = { 'x-dead-letter-exchange': 'notifications' };
  amqp.queues[0]!.arguments = { 'x-dead-letter-exchange': 'unrouted' };
  amqp.bindings.push(
    { source: 'notifications', destination: 'audit', destinationType: 'exchange', routingKey: '#' },
    { source: 'audit', destination: 'audit-log', destinationType: 'queue', routingKey: '' },
    { source: 'unrouted', destination: 'lost', destinationType: 'queue', routingKey: '' },
  );
  amqp.publishers.push({
    id: 'promo',
    exchange: 'notifications',
    routingKey: 'order.Promo',
    rate: { kind: 'constant', perSec: 5 },
    eventType: 'Promo',
  });
  return s;
}

function compiled(nodes: readonly DesignNode[], base = decompile(scenario())): Scenario {
  const r = compile({ ...base, nodes: [...nodes] });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.map((i) => i.message)));
  return r.scenario;
}

/** The scenario with `from` replaced by `to` wherever a whole JSON string is `from`. */
function replaced(s: Scenario, from: string, to: string): Scenario {
  return JSON.parse(JSON.stringify(s, (_, v: unknown) => (v === from ? to : v))) as Scenario;
}

/** Types `to` into node `id`'s name one keystroke at a time (select all, then type). */
function typeName(start: readonly DesignNode[], id: string, to: string, via: string[] = []) {
  let nodes = [...start];
  let memo: RenameMemo = {};
  for (const step of [...via, ...[...to].map((_, i) => to.slice(0, i + 1))]) {
    const r = renameNode(nodes, id, step, memo);
    nodes = r.nodes;
    memo = r.memo;
  }
  return nodes;
}

describe('renaming an exchange renames every reference', () => {
  const design = decompile(scenario());
  const before = compiled(design.nodes);

  it('the test scenario has each kind of reference', () => {
    const a = before.amqp!;
    expect(a.publishers.map((p) => p.exchange)).toEqual(['notifications']);
    expect(a.bindings.filter((b) => b.destination === 'audit')[0]?.source).toBe('notifications');
    expect(a.queues.find((q) => q.name === 'sms')?.arguments).toEqual({
      'x-dead-letter-exchange': 'notifications',
    });
    expect(a.exchanges[0]?.arguments).toEqual({ 'alternate-exchange': 'unrouted' });
    expect(before.groups[0]?.handlers?.[0]?.emit[0]?.exchange).toBe('notifications');
  });

  it.each([
    ['exchange:notifications', 'notifications', 'alerts'],
    ['exchange:unrouted', 'unrouted', 'ae'],
    ['exchange:audit', 'audit', 'audit.v2'],
    ['topic:order-events', 'order-events', 'orders'],
  ])('%s (%s → %s): the scenario is the same with the new name', (id, from, to) => {
    const r = renameNode(design.nodes, id, to);
    expect(r.memo).toEqual({});
    expect(compiled(r.nodes)).toEqual(replaced(before, from, to));
  });

  it('typed a keystroke at a time, through the empty name and another exchange’s name', () => {
    // "audit" is another exchange: while the name is "audit", its references stay put.
    const nodes = typeName(design.nodes, 'exchange:notifications', 'auditing', ['']);
    expect(compiled(nodes)).toEqual(replaced(before, 'notifications', 'auditing'));
  });

  it('an empty name leaves references alone (an empty x-dead-letter-exchange is the default exchange)', () => {
    const r = renameNode(design.nodes, 'exchange:notifications', '');
    const sms = r.nodes.find((n) => n.id === 'queue:sms')!.data;
    expect(sms.kind === 'queue' && sms.arguments).toEqual({
      'x-dead-letter-exchange': 'notifications',
    });
    expect(r.memo).toEqual({ 'exchange:notifications': { owned: 'notifications', at: '' } });
    // Another exchange renamed meanwhile keeps this one's memo; typing a name takes them over.
    const other = renameNode(r.nodes, 'exchange:audit', 'a', r.memo);
    const back = renameNode(other.nodes, 'exchange:notifications', 'n', other.memo);
    expect(back.memo).toEqual({});
    expect(compiled(back.nodes)).toEqual(
      replaced(replaced(before, 'audit', 'a'), 'notifications', 'n'),
    );
    // A memo about a name the node no longer has (an undo) is not used.
    const stale = renameNode(design.nodes, 'exchange:unrouted', 'u', {
      'exchange:unrouted': { owned: 'audit', at: '' },
    });
    expect(compiled(stale.nodes)).toEqual(replaced(before, 'unrouted', 'u'));
  });

  it('a queue rename changes only the queue (queues are named by edges and keys)', () => {
    const r = renameNode(design.nodes, 'queue:sms', 'texts');
    expect(r.nodes.filter((n, i) => n !== design.nodes[i]).map((n) => n.id)).toEqual(['queue:sms']);
  });

  const SEED = 20261202;
  it('any new name, typed through any prefixes (seeded)', () => {
    console.log(`rename seed ${SEED}`);
    const exchanges = ['notifications', 'unrouted', 'audit'];
    const name = fc.stringMatching(/^[a-z][a-z0-9.-]{0,11}$/);
    fc.assert(
      fc.property(
        fc.constantFrom(...exchanges),
        name,
        fc.array(fc.oneof(name, fc.constant(''), fc.constantFrom(...exchanges)), {
          maxLength: 4,
        }),
        (from, to, via) => {
          fc.pre(!exchanges.includes(to));
          const nodes = typeName(design.nodes, `exchange:${from}`, to, via);
          expect(compiled(nodes)).toEqual(replaced(before, from, to));
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});
