/**
 * The AsyncAPI documents parse with @asyncapi/parser (AsyncAPI 3.0.0 + Kafka bindings 0.5.0 +
 * AMQP bindings 0.3.0 schemas) without error-severity diagnostics, for every built-in and for
 * random scenarios; and they say what the design says.
 */
import { Parser } from '@asyncapi/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberIds, parseScenario, type Scenario } from '../../engine';
import { acceptedScenarioArb } from '../../engine/scenario/arbitraries';
import { builtInScenarios } from '../../scenarios';
import { toAsyncApi } from './asyncapi';

const parser = new Parser();
type AnyObj = Record<string, any>;

async function errorsOf(doc: unknown): Promise<string[]> {
  const out = await parser.parse(JSON.stringify(doc));
  return out.diagnostics
    .filter((d) => d.severity === 0)
    .map((d) => `${d.path.join('.')}: ${d.message}`);
}

const parsed = (raw: unknown): Scenario => {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

/** What the document must say about the design, checked field by field. */
function checkAgainstDesign(s: Scenario, doc: AnyObj): void {
  const channels = Object.values(doc.channels as AnyObj);
  const byAddress = (addr: string, kind: 'kafka' | 'exchange' | 'queue') =>
    channels.find(
      (c) =>
        c.address === addr &&
        (kind === 'kafka'
          ? c.bindings.kafka
          : c.bindings.amqp?.is === (kind === 'queue' ? 'queue' : 'routingKey')),
    );
  for (const t of s.topics) {
    const c = byAddress(t.name, 'kafka');
    expect(c, t.name).toBeDefined();
    expect(c.bindings.kafka.partitions).toBe(t.partitions);
    expect(c.bindings.kafka.replicas).toBe(t['replication.factor']);
    if (t['cleanup.policy'])
      expect(c.bindings.kafka.topicConfiguration['cleanup.policy']).toEqual(
        t['cleanup.policy'].split(','),
      );
    if (t['retention.ms'] !== undefined)
      expect(c.bindings.kafka.topicConfiguration['retention.ms']).toBe(t['retention.ms']);
  }
  const ops = Object.values(doc.operations as AnyObj);
  for (const p of s.producers) {
    const op = ops.find(
      (o) => o.action === 'send' && o.bindings?.kafka?.clientId?.enum?.[0] === p.id,
    );
    expect(op, p.id).toBeDefined();
    expect(op.channel.$ref).toMatch(/^#\/channels\//);
    const chan = doc.channels[op.channel.$ref.slice('#/channels/'.length)];
    expect(chan.address).toBe(p.topic);
    // The operation's message is the producer's event type, a message of that channel.
    const [m] = op.messages;
    const msgKey = m.$ref.split('/').pop();
    expect(chan.messages[msgKey]).toBeDefined();
    const msg = doc.components.messages[msgKey];
    expect(msg.name).toBe(p.eventType);
  }
  for (const g of s.groups)
    for (const t of g.topics) {
      const op = ops.find(
        (o) =>
          o.action === 'receive' &&
          o.bindings?.kafka?.groupId?.enum?.[0] === g.id &&
          doc.channels[o.channel.$ref.slice('#/channels/'.length)].address === t,
      );
      expect(op, `${g.id} ${t}`).toBeDefined();
      expect(op.bindings.kafka.clientId?.enum ?? []).toEqual(memberIds(g));
    }
  for (const x of s.amqp?.exchanges ?? []) {
    const c = byAddress(x.name, 'exchange');
    expect(c, x.name).toBeDefined();
    expect(c.bindings.amqp.exchange).toMatchObject({
      name: x.name,
      type: x.type,
      durable: x.durable ?? false,
      autoDelete: x.autoDelete ?? false,
      vhost: '/',
    });
  }
  for (const q of s.amqp?.queues ?? []) {
    const c = byAddress(q.name, 'queue');
    expect(c, q.name).toBeDefined();
    expect(c.bindings.amqp.queue).toMatchObject({
      name: q.name,
      durable: q.durable ?? q.arguments?.['x-queue-type'] === 'quorum',
      exclusive: q.exclusive ?? false,
      autoDelete: q.autoDelete ?? false,
    });
  }
  for (const p of s.amqp?.publishers ?? []) {
    const op = ops.find(
      (o) => o.action === 'send' && o.title === `${p.id} publishes ${p.eventType}`,
    );
    expect(op, p.id).toBeDefined();
    expect(op.bindings.amqp.deliveryMode).toBe((p.persistent ?? true) ? 2 : 1);
  }
  for (const c of s.amqp?.consumers ?? []) {
    const op = ops.find(
      (o) =>
        o.action === 'receive' &&
        o.bindings?.amqp &&
        doc.channels[o.channel.$ref.slice('#/channels/'.length)].address === c.queue,
    );
    expect(op, c.id).toBeDefined();
  }
}

describe('AsyncAPI 3.0 export', () => {
  it('the validator bites: a Kafka binding with 0 partitions is an error', async () => {
    const doc = toAsyncApi(parsed(builtInScenarios['order-flow']));
    expect(await errorsOf(doc)).toEqual([]);
    const chan = Object.values(doc.channels as AnyObj)[0];
    chan.bindings.kafka.partitions = 0;
    expect((await errorsOf(doc)).length).toBeGreaterThan(0);
    chan.bindings.kafka.partitions = 1;
    chan.bindings.kafka.topicConfiguration = { 'cleanup.policy': 'compact' }; // must be an array
    expect((await errorsOf(doc)).length).toBeGreaterThan(0);
  }, 60_000);

  it('every built-in parses without errors and says what the design says', async () => {
    for (const [id, raw] of Object.entries(builtInScenarios)) {
      const s = parsed(raw);
      const doc = toAsyncApi(s) as AnyObj;
      expect(doc.asyncapi).toBe('3.0.0');
      expect(await errorsOf(doc), id).toEqual([]);
      checkAgainstDesign(s, doc);
    }
  }, 120_000);

  it('a compacted topic carries cleanup.policy as the binding array; an emitting service has a send', () => {
    const doc = toAsyncApi(parsed(builtInScenarios['compacted-table'])) as AnyObj;
    const kafka = Object.values(doc.channels as AnyObj).map((c) => c.bindings.kafka);
    expect(kafka.some((k) => k?.topicConfiguration?.['cleanup.policy']?.includes('compact'))).toBe(
      true,
    );
    const flow = parsed(builtInScenarios['order-flow']);
    const d2 = toAsyncApi(flow) as AnyObj;
    const emitters = flow.groups.filter((g) => g.handlers?.some((h) => h.emit.length));
    expect(emitters.length).toBeGreaterThan(0);
    for (const g of emitters)
      expect(
        Object.values(d2.operations as AnyObj).some(
          (o) => o.action === 'send' && o.bindings?.kafka?.clientId?.enum?.[0] === g.id,
        ),
      ).toBe(true);
  });

  it('names are data: a __proto__ field is a patternProperties constraint, odd names get safe refs', async () => {
    const s = parsed(builtInScenarios['order-flow']);
    const p0 = s.producers[0]!;
    const odd: Scenario = {
      ...s,
      producers: [
        { ...p0, eventType: '__proto__', payload: { __proto__: 1, 'a/b~c': 'x' } as never },
        ...s.producers.slice(1),
      ],
    };
    // A payload literal with __proto__ sets the prototype; build it as JSON.parse would.
    odd.producers[0]!.payload = JSON.parse('{"__proto__": 1, "a/b~c": "x"}');
    const doc = toAsyncApi(odd) as AnyObj;
    expect(await errorsOf(doc)).toEqual([]);
    const msg = Object.values(doc.components.messages as AnyObj).find(
      (m) => m.name === '__proto__',
    );
    expect(msg).toBeDefined();
    const schemaId = msg.payload.$ref.split('/').pop();
    const payload = doc.components.schemas[schemaId].properties.payload;
    expect(Object.hasOwn(payload.properties, '__proto__')).toBe(false);
    expect(payload.patternProperties['^__proto__$']).toEqual({ type: 'integer' });
    expect(payload.properties['a/b~c']).toEqual({ type: 'string' });
  });

  it("an event store's command handlers reading a topic receive from its channel", async () => {
    const raw = structuredClone(builtInScenarios['order-flow']) as Record<string, unknown>;
    raw.version = 2;
    raw.eventStore = {
      aggregates: [
        {
          id: 'order',
          commands: { topic: 'order-events' },
          rules: [{ command: 'OrderCreated', event: 'OrderAccepted' }],
        },
      ],
    };
    const doc = toAsyncApi(parsed(raw)) as AnyObj;
    expect(await errorsOf(doc)).toEqual([]);
    const op = Object.values(doc.operations as AnyObj).find((o) =>
      String(o.title).startsWith('the order command handlers'),
    );
    expect(op?.action).toBe('receive');
    expect(doc.channels[op.channel.$ref.slice('#/channels/'.length)].address).toBe('order-events');
  });

  it('random scenarios parse without errors (20 runs: the parser is heavy)', async () => {
    await fc.assert(
      fc.asyncProperty(acceptedScenarioArb, async (raw) => {
        const r = parseScenario(raw);
        if (!r.ok) return; // the arbitrary is built to be accepted; the parser has the last word
        const doc = toAsyncApi(r.scenario) as AnyObj;
        expect(await errorsOf(doc)).toEqual([]);
        checkAgainstDesign(r.scenario, doc);
        expect(JSON.stringify(toAsyncApi(r.scenario))).toBe(JSON.stringify(doc)); // deterministic
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 180_000);
});
