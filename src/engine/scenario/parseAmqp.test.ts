import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amqpScenario } from './amqpFixture';
import { acceptedV2ScenarioArb } from './arbitraries';
import { formatErrors, parseScenario } from './parse';
import { SCENARIO_ERROR_CODES } from './errorCodes';

type Doc = Record<string, any>;
const SEED = 20261202;

function errorsOf(edit: (s: Doc) => void): { path: string; code?: string; message: string }[] {
  const s = amqpScenario() as Doc;
  edit(s);
  const r = parseScenario(s);
  if (r.ok) throw new Error(`expected errors from ${edit.toString()}`);
  return r.errors;
}

describe('the amqp section', () => {
  it('accepts the fixture and reads it back exactly (defaults are the engine’s, not written in)', () => {
    const r = parseScenario(amqpScenario());
    expect(r.ok ? [] : formatErrors(r.errors)).toEqual([]);
    if (r.ok) expect(r.scenario).toEqual(amqpScenario());
  });

  it('fills the section’s lists and a binding’s destinationType and routingKey when left out', () => {
    const s = amqpScenario() as Doc;
    s.amqp = {
      exchanges: [{ name: 'x', type: 'fanout' }],
      queues: [{ name: 'q' }],
      bindings: [{ source: 'x', destination: 'q' }],
    };
    s.groups[0].handlers[0].emit[0].exchange = 'x';
    s.faults = [];
    const r = parseScenario(s);
    expect(r.ok ? [] : formatErrors(r.errors)).toEqual([]);
    if (r.ok) {
      expect(r.scenario.amqp!.publishers).toEqual([]);
      expect(r.scenario.amqp!.bindings[0]).toEqual({
        source: 'x',
        destination: 'q',
        destinationType: 'queue',
        routingKey: '',
      });
    }
  });

  it.each<[string, (s: Doc) => void, string, string, RegExp?]>([
    [
      'an exchange type RabbitMQ lacks',
      (s) => (s.amqp.exchanges[0].type = 'x-delayed'),
      '$.amqp.exchanges[0].type',
      'mustBeOneOf',
    ],
    [
      'a duplicate exchange',
      (s) => (s.amqp.exchanges[1].name = 'logs_topic'),
      '$.amqp.exchanges[1].name',
      'duplicateExchange',
    ],
    [
      'a duplicate queue',
      (s) => (s.amqp.queues[1].name = 'errors'),
      '$.amqp.queues[1].name',
      'duplicateQueue',
    ],
    [
      'a declared amq.* exchange',
      (s) => (s.amqp.exchanges[0].name = 'amq.topic'),
      '$.amqp.exchanges[0].name',
      'reservedAmqPrefix',
      /403 ACCESS_REFUSED/,
    ],
    [
      'an amq.* queue',
      (s) => (s.amqp.queues[3].name = 'amq.gen-1'),
      '$.amqp.queues[3].name',
      'reservedAmqPrefix',
    ],
    [
      'a name over 255 bytes',
      (s) => (s.amqp.queues[3].name = 'é'.repeat(128)),
      '$.amqp.queues[3].name',
      'amqpNameTooLong',
      /256 bytes/,
    ],
    [
      'a name over 255 characters',
      (s) => (s.amqp.queues[3].name = 'x'.repeat(256)),
      '$.amqp.queues[3].name',
      'tooLong',
    ],
    [
      'an unknown queue argument',
      (s) => (s.amqp.queues[0].arguments['x-max-lenght'] = 5),
      '$.amqp.queues[0].arguments["x-max-lenght"]',
      'unknownField',
    ],
    [
      'a stream queue',
      (s) => (s.amqp.queues[0].arguments['x-queue-type'] = 'stream'),
      '$.amqp.queues[0].arguments["x-queue-type"]',
      'mustBeOneOf',
    ],
    [
      'a negative x-max-length',
      (s) => (s.amqp.queues[0].arguments['x-max-length'] = -1),
      '$.amqp.queues[0].arguments["x-max-length"]',
      'tooSmall',
    ],
    [
      'a fractional x-max-length-bytes',
      (s) => (s.amqp.queues[0].arguments['x-max-length-bytes'] = 1.5),
      '$.amqp.queues[0].arguments["x-max-length-bytes"]',
      'mustBeInteger',
    ],
    [
      'x-max-length as text',
      (s) => (s.amqp.queues[0].arguments['x-max-length'] = '10'),
      '$.amqp.queues[0].arguments["x-max-length"]',
      'mustBeNumber',
    ],
    [
      'an x-overflow RabbitMQ lacks',
      (s) => (s.amqp.queues[0].arguments['x-overflow'] = 'block'),
      '$.amqp.queues[0].arguments["x-overflow"]',
      'mustBeOneOf',
    ],
    [
      'x-expires 0',
      (s) => (s.amqp.queues[2].arguments['x-expires'] = 0),
      '$.amqp.queues[2].arguments["x-expires"]',
      'tooSmall',
    ],
    [
      'x-message-ttl past 2^32 − 1',
      (s) => (s.amqp.queues[2].arguments['x-message-ttl'] = 4294967296),
      '$.amqp.queues[2].arguments["x-message-ttl"]',
      'tooLarge',
    ],
    [
      'a dead-letter routing key without an exchange',
      (s) => delete s.amqp.queues[1].arguments['x-dead-letter-exchange'],
      '$.amqp.queues[1].arguments["x-dead-letter-routing-key"]',
      'deadLetterRoutingKeyWithoutExchange',
    ],
    [
      'x-delivery-limit on a classic queue',
      (s) => (s.amqp.queues[0].arguments['x-delivery-limit'] = 3),
      '$.amqp.queues[0].arguments["x-delivery-limit"]',
      'quorumOnlyArgument',
    ],
    [
      'reject-publish-dlx on a quorum queue',
      (s) => (s.amqp.queues[1].arguments['x-overflow'] = 'reject-publish-dlx'),
      '$.amqp.queues[1].arguments["x-overflow"]',
      'quorumOverflow',
    ],
    [
      'a transient quorum queue',
      (s) => (s.amqp.queues[1].durable = false),
      '$.amqp.queues[1].durable',
      'quorumQueueProperty',
    ],
    [
      'an exclusive quorum queue',
      (s) => (s.amqp.queues[1].exclusive = true),
      '$.amqp.queues[1].exclusive',
      'quorumQueueProperty',
    ],
    [
      'an auto-delete quorum queue',
      (s) => (s.amqp.queues[1].autoDelete = true),
      '$.amqp.queues[1].autoDelete',
      'quorumQueueProperty',
    ],
    [
      'a binding from an unknown exchange',
      (s) => (s.amqp.bindings[0].source = 'nope'),
      '$.amqp.bindings[0].source',
      'unknownExchange',
    ],
    [
      'a binding to an unknown queue',
      (s) => (s.amqp.bindings[0].destination = 'nope'),
      '$.amqp.bindings[0].destination',
      'unknownQueue',
    ],
    [
      'a binding to an unknown exchange',
      (s) => (s.amqp.bindings[4].destination = 'nope'),
      '$.amqp.bindings[4].destination',
      'unknownExchange',
    ],
    [
      'a binding of the default exchange',
      (s) => (s.amqp.bindings[0].source = ''),
      '$.amqp.bindings[0].source',
      'defaultExchangeBinding',
    ],
    [
      'a headers binding with a bad x-match',
      (s) => (s.amqp.bindings[5].arguments['x-match'] = 'some'),
      '$.amqp.bindings[5].arguments["x-match"]',
      'mustBeOneOf',
    ],
    [
      'a publisher to an unknown exchange',
      (s) => (s.amqp.publishers[0].exchange = 'nope'),
      '$.amqp.publishers[0].exchange',
      'unknownExchange',
    ],
    [
      'a publisher id a producer has',
      (s) => (s.amqp.publishers[0].id = 'shop'),
      '$.amqp.publishers[0].id',
      'duplicateId',
    ],
    [
      'a consumer id a group has',
      (s) => (s.amqp.consumers[0].id = 'bridge'),
      '$.amqp.consumers[0].id',
      'duplicateId',
    ],
    [
      'an unbalanced template',
      (s) => (s.amqp.publishers[1].routingKey = 'a.{b'),
      '$.amqp.publishers[1].routingKey',
      'routingKeyTemplate',
    ],
    [
      'an empty template part',
      (s) => (s.amqp.publishers[1].routingKey = 'a.{}'),
      '$.amqp.publishers[1].routingKey',
      'routingKeyTemplate',
    ],
    [
      'a weight too few',
      (s) => (s.amqp.publishers[0].routingKey.weights = [1]),
      '$.amqp.publishers[0].routingKey.weights',
      'weightsLength',
    ],
    [
      'all weights 0',
      (s) => (s.amqp.publishers[0].routingKey.weights = [0, 0]),
      '$.amqp.publishers[0].routingKey.weights',
      'weightsAllZero',
    ],
    [
      'no choice keys',
      (s) => (s.amqp.publishers[0].routingKey = { kind: 'choice', keys: [] }),
      '$.amqp.publishers[0].routingKey.keys',
      'needsAKey',
    ],
    [
      'an expiration that is not digits',
      (s) => (s.amqp.publishers[0].expiration = '5s'),
      '$.amqp.publishers[0].expiration',
      'mustMatch',
    ],
    [
      'a publisher that stops before it starts',
      (s) => (s.amqp.publishers[0].startMs = 5000),
      '$.amqp.publishers[0].stopMs',
      'stopBeforeStart',
    ],
    [
      'a consumer of an unknown queue',
      (s) => (s.amqp.consumers[0].queue = 'nope'),
      '$.amqp.consumers[0].queue',
      'unknownQueue',
    ],
    [
      'a prefetch past 65535',
      (s) => (s.amqp.consumers[0].prefetch = 65536),
      '$.amqp.consumers[0].prefetch',
      'tooLarge',
    ],
    [
      'a negative prefetch',
      (s) => (s.amqp.consumers[0].prefetch = -1),
      '$.amqp.consumers[0].prefetch',
      'tooSmall',
    ],
    [
      'a failure rate above 1',
      (s) => (s.amqp.consumers[0].failure.rate = 1.5),
      '$.amqp.consumers[0].failure.rate',
      'tooLarge',
    ],
    [
      'a duplicate consumer member',
      (s) => (s.amqp.consumers[1].members[1].id = 'ship-a'),
      '$.amqp.consumers[1].members[1].id',
      'duplicateMember',
    ],
    [
      'an emit to both a topic and an exchange',
      (s) => (s.groups[0].handlers[0].emit[0].topic = 'orders'),
      '$.groups[0].handlers[0].emit[0]',
      'emitTarget',
    ],
    [
      'a routing key on a topic emit',
      (s) => (s.amqp.consumers[0].handlers[0].emit[0].routingKey = 'x'),
      '$.amqp.consumers[0].handlers[0].emit[0].routingKey',
      'routingKeyWithoutExchange',
    ],
    [
      'an emit to an unknown exchange',
      (s) => (s.groups[0].handlers[0].emit[0].exchange = 'nope'),
      '$.groups[0].handlers[0].emit[0].exchange',
      'unknownExchange',
    ],
    [
      'a consumer emit to an unknown topic',
      (s) => (s.amqp.consumers[0].handlers[0].emit[0].topic = 'nope'),
      '$.amqp.consumers[0].handlers[0].emit[0].topic',
      'unknownTopic',
    ],
    [
      'a connection loss of an unknown consumer',
      (s) => (s.faults[1].consumer = 'nope'),
      '$.faults[1].consumer',
      'unknownConsumer',
    ],
    [
      'a connection loss of an unknown member',
      (s) => (s.faults[1].member = 'errors-3'),
      '$.faults[1].member',
      'unknownConsumerMember',
      /members: errors-1, errors-2/,
    ],
    [
      'a connection loss with no duration',
      (s) => delete s.faults[1].durationMs,
      '$.faults[1].durationMs',
      'mustBeNumber',
    ],
    [
      'a poison message from an unknown publisher',
      (s) => (s.faults[2].producer = 'nope'),
      '$.faults[2].producer',
      'unknownProducer',
    ],
    [
      'a RabbitMQ restart with no broker',
      (s) => {
        delete s.amqp;
        s.groups[0].handlers = [];
        s.faults = [s.faults[0]];
      },
      '$.faults[0].kind',
      'noAmqpBroker',
    ],
    ['an amqp section in version 1', (s) => (s.version = 1), '$.amqp', 'needsVersion2'],
    [
      'an exchange emit in version 1',
      (s) => {
        s.version = 1;
        delete s.amqp;
        s.faults = [];
      },
      '$.groups[0].handlers[0].emit[0].exchange',
      'needsVersion2',
    ],
    [
      'a RabbitMQ fault in version 1',
      (s) => {
        s.version = 1;
        delete s.amqp;
        s.groups[0].handlers = [];
        s.faults = [s.faults[0]];
      },
      '$.faults[0].kind',
      'needsVersion2',
    ],
    ['an unknown profile', (s) => (s.amqp.profile = '3.8'), '$.amqp.profile', 'mustBeOneOf'],
    [
      'an unknown field',
      (s) => (s.amqp.consumers[0].qos = 1),
      '$.amqp.consumers[0].qos',
      'unknownField',
    ],
  ])('refuses %s, naming its path', (_what, edit, path, code, message) => {
    const errors = errorsOf(edit);
    expect(errors.map((e) => [e.path, e.code])).toContainEqual([path, code]);
    if (message) expect(errors.find((e) => e.path === path)!.message).toMatch(message);
  });

  it('accepts what RabbitMQ accepts: amq.* as source, destination and publisher exchange; "" for publishing; a missing dead-letter exchange', () => {
    const s = amqpScenario() as Doc;
    s.amqp.bindings.push({
      source: 'amq.match',
      destination: 'amq.fanout',
      destinationType: 'exchange',
      routingKey: '',
      arguments: { 'x-match': 'all-with-x' },
    });
    s.amqp.publishers[1].exchange = 'amq.direct';
    s.amqp.queues[0].arguments['x-dead-letter-exchange'] = 'not-declared';
    s.amqp.queues[1].arguments['x-delivery-limit'] = -1;
    const r = parseScenario(s);
    expect(r.ok ? [] : formatErrors(r.errors)).toEqual([]);
  });

  it('random accepted version 2 documents: accepted, and they reach every part of the section (seeded)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(acceptedV2ScenarioArb, (doc) => {
        const r = parseScenario(doc);
        expect(r.ok ? [] : r.errors).toEqual([]);
        const a = (doc as Doc).amqp;
        if (a.queues?.some((q: Doc) => q.arguments?.['x-queue-type'] === 'quorum'))
          seen.add('quorum');
        if (a.bindings?.some((b: Doc) => b.destinationType === 'exchange')) seen.add('e2e');
        if (a.publishers?.some((p: Doc) => typeof p.routingKey === 'object')) seen.add('choice');
        if (a.consumers?.length) seen.add('consumer');
        for (const f of (doc as Doc).faults ?? []) seen.add(f.kind);
        for (const g of (doc as Doc).groups ?? [])
          for (const h of g.handlers ?? [])
            for (const e of h.emit ?? []) if (e.exchange !== undefined) seen.add('bridge');
      }),
      { seed: SEED, numRuns: 200 },
    );
    for (const k of [
      'quorum',
      'e2e',
      'choice',
      'consumer',
      'rabbitmqRestart',
      'connectionLoss',
      'poisonMessage',
      'bridge',
    ])
      expect(seen, k).toContain(k);
  });

  it('never throws on random JSON in the amqp section or its parts; every problem has a code and a $.amqp path (seeded fuzz)', () => {
    console.log(`parseAmqp fuzz seed ${SEED}`);
    const json = fc.jsonValue({ maxDepth: 4 });
    const part = fc.constantFrom(
      'exchanges',
      'queues',
      'bindings',
      'publishers',
      'consumers',
      'profile',
    );
    fc.assert(
      fc.property(json, part, fc.nat(3), json, (whole, k, i, v) => {
        for (const amqp of [
          whole,
          { ...(amqpScenario().amqp as Doc), [k]: v },
          { ...(amqpScenario().amqp as Doc), [k]: Array.from({ length: i + 1 }, () => v) },
        ]) {
          const s = amqpScenario() as Doc;
          s.amqp = amqp;
          s.groups[0].handlers = [];
          s.faults = [];
          const r = parseScenario(s);
          if (r.ok) continue;
          for (const e of r.errors) {
            expect(SCENARIO_ERROR_CODES).toContain(e.code);
            expect(e.path.startsWith('$.amqp') || e.path.startsWith('$.faults'), e.path).toBe(true);
          }
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('bounds every list: more entries than allowed are refused before any is read', () => {
    const s = amqpScenario() as Doc;
    s.amqp.bindings = new Array(2001).fill(s.amqp.bindings[0]);
    const errors = parseScenario(s);
    expect(errors.ok).toBe(false);
    if (!errors.ok)
      expect(errors.errors.map((e) => [e.path, e.code])).toContainEqual([
        '$.amqp.bindings',
        'tooManyEntries',
      ]);
  });
});
