/**
 * RabbitMQ in the diagram: exchanges, queues, bindings (edges with a key), publishers (producers
 * connected to an exchange) and consumers (groups fed by a queue) compile to the scenario's
 * `amqp` section and decompile back; Kafka and RabbitMQ share one diagram and bridge both ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type AmqpSpec, type HandlerRule, type Scenario } from '../engine';
import { buildScenario, compile } from './compile';
import { decompile } from './decompile';
import { parseDesignDoc, toDesignDoc } from './designDoc';
import { edgeMeaning } from './edges';
import { binding, edge, logsTopic, node } from './testDesigns';
import type { Design } from './types';

const SEED = 20261202;

/** JSON equality: a field set to undefined and a missing field are the same to the engine. */
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('edges between RabbitMQ nodes', () => {
  it('gives publish, bind and consume their meaning, and refuses the rest with a reason', () => {
    expect(edgeMeaning('producer', 'exchange')).toEqual({ ok: true, flow: 'publish' });
    expect(edgeMeaning('exchange', 'queue')).toEqual({ ok: true, flow: 'bind' });
    expect(edgeMeaning('exchange', 'exchange')).toEqual({ ok: true, flow: 'bind' });
    expect(edgeMeaning('queue', 'consumerGroup')).toEqual({ ok: true, flow: 'consume' });
    expect(edgeMeaning('queue', 'service')).toEqual({ ok: true, flow: 'consume' });
    expect(edgeMeaning('service', 'exchange')).toEqual({ ok: true, flow: 'emit' });
    for (const [s, t] of [
      ['producer', 'queue'],
      ['topic', 'queue'],
      ['exchange', 'consumerGroup'],
      ['queue', 'readModel'],
      ['queue', 'topic'],
      ['consumerGroup', 'exchange'],
      ['topic', 'exchange'],
    ] as const) {
      const m = edgeMeaning(s, t);
      expect(m.ok, `${s} → ${t}`).toBe(false);
      if (!m.ok) expect(m.why.key).toBe('canvas.design.edge.amqp');
    }
  });
});

describe('compile: the logs_topic example', () => {
  it('makes the amqp section: exchange, queues, bindings with their keys, publisher, consumers', () => {
    const { scenario, issues } = buildScenario(logsTopic());
    expect(issues).toEqual([]);
    expect(scenario.version).toBe(2);
    expect(scenario.producers).toEqual([]);
    expect(scenario.groups).toEqual([]);
    const amqp = json(scenario.amqp) as AmqpSpec;
    expect(amqp.exchanges).toEqual([{ name: 'logs_topic', type: 'topic', durable: true }]);
    expect(amqp.queues).toEqual([
      { name: 'errors', durable: true },
      { name: 'kernel', durable: true },
    ]);
    expect(amqp.bindings).toEqual([
      {
        source: 'logs_topic',
        destination: 'errors',
        destinationType: 'queue',
        routingKey: '*.error',
      },
      {
        source: 'logs_topic',
        destination: 'kernel',
        destinationType: 'queue',
        routingKey: 'kern.*',
      },
    ]);
    expect(amqp.publishers).toEqual([
      {
        id: 'logger',
        exchange: 'logs_topic',
        routingKey: '{severity}.{component}',
        eventType: 'LogLine',
        rate: { kind: 'poisson', perSec: 100 },
        payload: { severity: 'error', component: 'kern' },
      },
    ]);
    expect(amqp.consumers.map((c) => [c.id, c.queue, c.prefetch, c.members])).toEqual([
      ['error-alerts', 'errors', 10, 2],
      ['kernel-log', 'kernel', 10, 2],
    ]);
    // No Kafka-only settings leak into RabbitMQ consumers (commit, config) and no positions.
    expect(JSON.stringify(scenario.amqp)).not.toMatch(
      /commit|position|"kind":"(exchange|queue|producer)"/,
    );
  });

  it('passes the engine parser with its amqp section (when the parser knows version 2)', () => {
    const r = compile(logsTopic());
    if (!r.ok) throw new Error(JSON.stringify(r.issues.map((i) => i.message)));
    expect(r.scenario.amqp?.bindings.map((b) => b.routingKey)).toEqual(['*.error', 'kern.*']);
  });

  it('a headers binding carries its x-match arguments; exchange → exchange is a binding too', () => {
    const d = logsTopic();
    const design: Design = {
      ...d,
      nodes: [...d.nodes, node('by-format', 'exchange', { type: 'headers' }), node('pdf', 'queue')],
      edges: [
        ...d.edges,
        binding('logs_topic', 'by-format', '#'),
        binding('by-format', 'pdf', '', { 'x-match': 'all', format: 'pdf' }),
      ],
    };
    const amqp = buildScenario(design).scenario.amqp!;
    expect(amqp.bindings.slice(2)).toEqual([
      {
        source: 'logs_topic',
        destination: 'by-format',
        destinationType: 'exchange',
        routingKey: '#',
      },
      {
        source: 'by-format',
        destination: 'pdf',
        destinationType: 'queue',
        routingKey: '',
        arguments: { 'x-match': 'all', format: 'pdf' },
      },
    ]);
  });
});

describe('compile: Kafka and RabbitMQ in one diagram', () => {
  it('bridges: a Kafka service emits to an exchange, a RabbitMQ consumer service emits to a topic', () => {
    const d = logsTopic();
    const design: Design = {
      ...d,
      nodes: [
        ...d.nodes,
        node('shop', 'producer'),
        node('orders', 'topic'),
        node('notify', 'service', {
          handlers: [{ on: 'OrderCreated', emit: [{ type: 'OrderLog', routingKey: 'shop.info' }] }],
        }),
        node('audit', 'service', {
          commit: undefined,
          handlers: [{ on: 'LogLine', emit: [{ type: 'Audited' }] }],
        }),
        node('audited', 'topic'),
        node('audit-q', 'queue'),
      ],
      edges: [
        ...d.edges,
        edge('shop', 'orders'),
        edge('orders', 'notify'),
        edge('notify', 'logs_topic'),
        binding('logs_topic', 'audit-q', '#'),
        edge('audit-q', 'audit'),
        edge('audit', 'audited'),
      ],
    };
    const { scenario, issues } = buildScenario(design);
    expect(issues).toEqual([]);
    expect(scenario.groups.find((g) => g.id === 'notify')!.handlers).toEqual([
      {
        on: 'OrderCreated',
        emit: [{ type: 'OrderLog', exchange: 'logs_topic', routingKey: 'shop.info' }],
      },
    ]);
    const audit = scenario.amqp!.consumers.find((c) => c.id === 'audit')!;
    expect(audit.queue).toBe('audit-q');
    expect(audit.handlers).toEqual([
      { on: 'LogLine', emit: [{ type: 'Audited', topic: 'audited' }] },
    ]);
    expect(scenario.producers.map((p) => p.id)).toEqual(['shop']);
  });

  it('pins structural problems to the node: topic and exchange, queue and topic, two queues, a DLQ topic', () => {
    const d = logsTopic();
    const design: Design = {
      ...d,
      nodes: [
        ...d.nodes,
        node('orders', 'topic'),
        node('dlq', 'deadLetterTopic'),
        node('svc', 'service', { failure: { rate: 0.1, retries: 0, backoffMs: 0 } }),
      ],
      edges: [
        ...d.edges,
        edge('logger', 'orders'),
        edge('orders', 'error-alerts'),
        edge('kernel', 'svc'),
        edge('errors', 'svc'),
        edge('svc', 'dlq'),
      ],
    };
    const issues = buildScenario(design).issues.map((i) => [i.nodeId, i.field, i.text?.key]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['logger', 'topic', 'canvas.design.topicAndExchange'],
        ['error-alerts', 'topics', 'canvas.design.queueAndTopic'],
        ['svc', 'queue', 'canvas.design.manyQueues'],
        ['svc', 'deadLetterTopic', 'canvas.design.dlqForQueue'],
      ]),
    );
  });
});

// ---- random RabbitMQ scenarios: decompile then compile gives them back ----

const NAMES = ['a', 'b', 'c', 'd'];
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const amqpScenario: fc.Arbitrary<Scenario> = fc
  .record({
    exchanges: fc.uniqueArray(pick(NAMES), { minLength: 1, maxLength: 3 }),
    queues: fc.uniqueArray(pick(NAMES), { minLength: 1, maxLength: 3 }),
    seed: fc.nat(),
  })
  .chain(({ exchanges, queues }) => {
    const ex = exchanges.map((n) => `x-${n}`);
    const qs = queues.map((n) => `q-${n}`);
    const args = fc.record(
      {
        'x-queue-type': pick(['classic', 'quorum']),
        'x-max-length': fc.integer({ min: 1, max: 1000 }),
        'x-overflow': pick(['drop-head', 'reject-publish']),
        'x-message-ttl': fc.integer({ min: 1, max: 60000 }),
        'x-dead-letter-exchange': pick(ex),
        'x-dead-letter-routing-key': pick(['dead', 'retry.1']),
        'x-delivery-limit': fc.integer({ min: 1, max: 20 }),
      },
      { requiredKeys: [] },
    );
    const emit = fc.oneof(
      fc.record({
        type: pick(['Done', 'Failed']),
        exchange: pick(ex),
        routingKey: pick(['a.b', 'done']),
      }),
      fc.record({ type: pick(['Done', 'Failed']), topic: fc.constant('bridge') }),
    );
    const handlers: fc.Arbitrary<HandlerRule[]> = fc.array(
      fc.record({
        on: pick(['LogLine', 'Job']),
        emit: fc.array(emit, { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 2 },
    );
    return fc.record({
      profile: fc.option(pick(['3.10', '4.x'] as const), { nil: undefined }),
      exchanges: fc.tuple(
        ...ex.map((name) =>
          fc.record(
            {
              name: fc.constant(name),
              type: pick(['direct', 'fanout', 'topic', 'headers'] as const),
              durable: fc.boolean(),
              internal: fc.option(fc.boolean(), { nil: undefined }),
              arguments: fc.option(fc.record({ 'alternate-exchange': pick(ex) }), {
                nil: undefined,
              }),
            },
            { requiredKeys: ['name', 'type'] },
          ),
        ),
      ),
      queues: fc.tuple(
        ...qs.map((name) =>
          fc.record(
            { name: fc.constant(name), durable: fc.boolean(), arguments: args },
            { requiredKeys: ['name'] },
          ),
        ),
      ),
      bindings: fc.array(
        fc.record({
          source: pick(ex),
          destination: pick([...qs, ...ex]),
          routingKey: pick(['', '#', '*.error', 'kern.*', 'a.b']),
          arguments: fc.option(
            fc.record({ 'x-match': pick(['all', 'any']), format: pick(['pdf', 'zip']) }),
            { nil: undefined },
          ),
        }),
        { maxLength: 5 },
      ),
      publishers: fc.uniqueArray(
        fc.record(
          {
            id: pick(['p1', 'p2', 'p3']),
            exchange: pick(ex),
            routingKey: fc.oneof(
              pick(['{severity}.{component}', 'kern.error', '']),
              fc.record({
                kind: fc.constant('choice' as const),
                keys: fc.array(pick(['a.b', 'kern.info']), { minLength: 1, maxLength: 3 }),
              }),
            ),
            rate: fc.record({
              kind: pick(['constant', 'poisson'] as const),
              perSec: fc.integer({ min: 1, max: 500 }),
            }),
            eventType: pick(['LogLine', 'Job']),
            mandatory: fc.option(fc.boolean(), { nil: undefined }),
            persistent: fc.option(fc.boolean(), { nil: undefined }),
            confirm: fc.option(fc.boolean(), { nil: undefined }),
            expiration: fc.option(pick(['1000', '60000']), { nil: undefined }),
            headers: fc.option(fc.record({ format: pick(['pdf', 'zip']) }), { nil: undefined }),
          },
          { requiredKeys: ['id', 'exchange', 'routingKey', 'rate', 'eventType'] },
        ),
        { selector: (p) => p.id, maxLength: 3 },
      ),
      consumers: fc.uniqueArray(
        fc.record(
          {
            id: pick(['c1', 'c2', 'c3']),
            queue: pick(qs),
            members: fc.integer({ min: 1, max: 4 }),
            prefetch: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
            autoAck: fc.option(fc.boolean(), { nil: undefined }),
            processingMs: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
            handlers: fc.option(handlers, { nil: undefined }),
            failure: fc.option(fc.record({ rate: pick([0, 0.1, 0.5]), requeue: fc.boolean() }), {
              nil: undefined,
            }),
            idempotent: fc.option(fc.boolean(), { nil: undefined }),
          },
          { requiredKeys: ['id', 'queue', 'members'] },
        ),
        { selector: (c) => c.id, maxLength: 3 },
      ),
    });
  })
  .map((raw) => {
    const amqp = json(raw) as AmqpSpec & {
      bindings: (AmqpSpec['bindings'][number] & { destination: string })[];
    };
    for (const b of amqp.bindings)
      b.destinationType = b.destination.startsWith('q-') ? 'queue' : 'exchange';
    const bridged = amqp.consumers.some((c) =>
      c.handlers?.some((h) => h.emit.some((e) => e.topic !== undefined)),
    );
    return json({
      version: 2,
      name: 'random amqp',
      faults: [],
      topics: bridged ? [{ name: 'bridge', partitions: 2 }] : [],
      producers: [],
      groups: [],
      amqp,
    }) as Scenario;
  });

describe('decompile → compile over random RabbitMQ scenarios (seeded)', () => {
  it('gives the scenario back (the structure; values are the parser’s)', () => {
    console.log(`amqpDesign round-trip seed ${SEED}`);
    fc.assert(
      fc.property(amqpScenario, (s) => {
        const { scenario, issues } = buildScenario(decompile(s));
        expect(
          issues.filter(
            (i) => i.nodeId !== null || i.text?.key !== 'validation.design.issue.empty',
          ),
        ).toEqual([]);
        expect(json(scenario)).toEqual(s);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('compile (with the engine parser) gives every scenario the parser accepts back', () => {
    let accepted = 0;
    fc.assert(
      fc.property(amqpScenario, (s) => {
        const parsed = parseScenario(s);
        // A diagram of exchanges and queues alone is "empty" to the editor (nothing runs).
        if (!parsed.ok || s.amqp!.publishers.length + s.amqp!.consumers.length === 0) return;
        accepted++;
        const r = compile(decompile(parsed.scenario));
        if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
        expect(json(r.scenario)).toEqual(json(parsed.scenario));
      }),
      { seed: SEED + 2, numRuns: 200 },
    );
    // The arbitrary mostly makes valid scenarios: the property is about something.
    expect(accepted).toBeGreaterThan(20);
  });

  it('the design document saves and loads it (bindings keep their keys and arguments)', () => {
    fc.assert(
      fc.property(amqpScenario, (s) => {
        const design = decompile(s);
        const back = parseDesignDoc(json(toDesignDoc(design)));
        if (!back.ok) throw new Error(back.errors.join('; '));
        expect(json(back.design)).toEqual(json(design));
        expect(json(buildScenario(back.design).scenario)).toEqual(s);
      }),
      { seed: SEED + 1, numRuns: 100 },
    );
  });
});
