import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmqpSpec } from '../scenario/types';
import { exportDefinitions, importDefinitions } from './definitions';

const SEED = 1011;
console.log(`definitions.test.ts: fast-check seed ${SEED}`);

const empty = (): AmqpSpec => ({
  exchanges: [],
  queues: [],
  bindings: [],
  publishers: [],
  consumers: [],
});

function imported(json: unknown): AmqpSpec {
  const r = importDefinitions(json);
  if ('errors' in r) throw new Error(`unexpected errors: ${r.errors.join('; ')}`);
  return r.spec;
}

function errorsOf(json: unknown): string[] {
  const r = importDefinitions(json);
  return 'errors' in r ? r.errors : [];
}

const doc = (over: Record<string, unknown>) => ({
  vhosts: [{ name: '/' }],
  exchanges: [],
  queues: [],
  bindings: [],
  policies: [],
  ...over,
});

const name = fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/);
const table = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z-]{0,6}$/),
  fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.string({ maxLength: 8 }), fc.boolean()),
  { maxKeys: 3 },
);
const specArb: fc.Arbitrary<AmqpSpec> = fc.record({
  exchanges: fc.uniqueArray(
    fc.record(
      {
        name: name.filter((n) => !n.startsWith('amq.')),
        type: fc.constantFrom(
          'direct' as const,
          'fanout' as const,
          'topic' as const,
          'headers' as const,
        ),
        durable: fc.boolean(),
        autoDelete: fc.boolean(),
        internal: fc.boolean(),
        arguments: table,
      },
      { requiredKeys: ['name', 'type'] },
    ),
    { selector: (x) => x.name, maxLength: 5 },
  ),
  queues: fc.uniqueArray(
    fc.record(
      {
        name,
        durable: fc.boolean(),
        autoDelete: fc.boolean(),
        arguments: fc.record(
          {
            'x-max-length': fc.integer({ min: 0, max: 1000 }),
            'x-queue-type': fc.constantFrom('classic', 'quorum'),
            'x-dead-letter-exchange': name,
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['name'] },
    ),
    { selector: (q) => q.name, maxLength: 5 },
  ),
  bindings: fc.array(
    fc.record(
      {
        source: name,
        destination: name,
        destinationType: fc.constantFrom('queue' as const, 'exchange' as const),
        routingKey: fc.string({ maxLength: 10 }),
        arguments: table,
      },
      { requiredKeys: ['source', 'destination', 'destinationType', 'routingKey'] },
    ),
    { maxLength: 6 },
  ),
  publishers: fc.constant([]),
  consumers: fc.constant([]),
});

/** Absent flags are RabbitMQ's defaults (false) and empty argument tables are absent. */
function canonical(spec: AmqpSpec) {
  const args = (t: object | undefined) => (t && Object.keys(t).length ? t : undefined);
  return {
    exchanges: spec.exchanges.map((x) => ({
      ...x,
      durable: !!x.durable,
      autoDelete: !!x.autoDelete,
      internal: !!x.internal,
      arguments: args(x.arguments),
    })),
    queues: spec.queues.map((q) => ({
      name: q.name,
      durable: !!q.durable,
      autoDelete: !!q.autoDelete,
      arguments: args(q.arguments),
    })),
    bindings: spec.bindings.map((b) => ({ ...b, arguments: args(b.arguments) })),
  };
}

describe('definitions.json export and import', () => {
  it('import(export(design)) gives the design back (seeded property)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const back = imported(JSON.parse(JSON.stringify(exportDefinitions(spec))));
        expect(canonical(back)).toEqual(canonical(spec));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('exports the fields RabbitMQ names, for vhost "/", without built-in exchanges or exclusive queues', () => {
    const out = exportDefinitions({
      ...empty(),
      exchanges: [
        { name: 'amq.topic', type: 'topic', durable: true },
        {
          name: 'orders',
          type: 'direct',
          durable: true,
          arguments: { 'alternate-exchange': 'ae' },
        },
      ],
      queues: [
        { name: 'work', durable: true, arguments: { 'x-queue-type': 'quorum' } },
        { name: 'mine', exclusive: true },
      ],
      bindings: [
        { source: 'orders', destination: 'work', destinationType: 'queue', routingKey: 'new' },
      ],
    });
    expect(out.exchanges).toEqual([
      {
        name: 'orders',
        vhost: '/',
        type: 'direct',
        durable: true,
        auto_delete: false,
        internal: false,
        arguments: { 'alternate-exchange': 'ae' },
      },
    ]);
    expect(out.queues).toEqual([
      {
        name: 'work',
        vhost: '/',
        durable: true,
        auto_delete: false,
        arguments: { 'x-queue-type': 'quorum' },
      },
    ]);
    expect(out.bindings).toEqual([
      {
        source: 'orders',
        vhost: '/',
        destination: 'work',
        destination_type: 'queue',
        routing_key: 'new',
        arguments: {},
      },
    ]);
  });

  it('never throws on any JSON value, and every refusal names a JSON path (seeded property)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 5 }), (v) => {
        const r = importDefinitions(v);
        if ('errors' in r) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e).toMatch(/^\$/);
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
    fc.assert(
      fc.property(
        specArb,
        fc.jsonValue({ maxDepth: 3 }),
        fc.nat(20),
        fc.constantFrom('exchanges', 'queues', 'bindings', 'policies'),
        (spec, junk, at, key) => {
          const d = JSON.parse(JSON.stringify(exportDefinitions(spec))) as Record<
            string,
            unknown[]
          >;
          const list = d[key]!;
          if (list.length)
            (list[at % list.length] as Record<string, unknown>)[
              ['name', 'type', 'arguments', 'vhost', 'durable', 'pattern'][at % 6]!
            ] = junk;
          else list.push(junk as never);
          const r = importDefinitions(d);
          if ('errors' in r)
            for (const e of r.errors) expect(e).toMatch(new RegExp(`^\\$\\.${key}\\[\\d+\\]`));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('names the field and the value it refuses', () => {
    expect(errorsOf(doc({ exchanges: [{ name: 'x', type: 'x-delayed-message' }] }))).toEqual([
      '$.exchanges[0].type: must be one of direct, fanout, topic, headers, got "x-delayed-message"',
    ]);
    expect(errorsOf(doc({ queues: [{ name: 'q', vhost: 'other' }] }))).toEqual([
      '$.queues[0].vhost: only the vhost "/" can be imported, got "other"',
    ]);
    expect(errorsOf(doc({ queues: [{ name: 'q', arguments: { 'x-max-length': -1 } }] }))).toEqual([
      '$.queues[0].arguments["x-max-length"]: must be a non-negative integer, got -1',
    ]);
    expect(
      errorsOf(
        doc({
          bindings: [{ source: 'x', destination: 'q', destination_type: 'topic', routing_key: '' }],
        }),
      ),
    ).toEqual(['$.bindings[0].destination_type: must be "queue" or "exchange", got "topic"']);
    expect(errorsOf(doc({ queues: 'nope' }))).toEqual(['$.queues: must be an array']);
    expect(errorsOf(null)).toEqual(['$: must be an object']);
  });

  it('refuses oversized input without working through it', () => {
    const queues = Array.from({ length: 10_001 }, (_, i) => ({ name: `q${i}` }));
    expect(errorsOf(doc({ queues }))).toEqual(['$.queues: at most 10000 entries, got 10001']);
    expect(errorsOf(doc({ queues: [{ name: 'q'.repeat(256) }] }))).toEqual([
      '$.queues[0].name: at most 255 characters',
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = { a: deep };
    expect(errorsOf(doc({ queues: [{ name: 'q', arguments: deep }] }))[0]).toMatch(
      /^\$\.queues\[0\]\.arguments.*nested deeper than 6/,
    );
  });

  it('refuses policy patterns that can take exponential time, and invalid ones', () => {
    const pol = (pattern: string) =>
      doc({
        queues: [{ name: 'q' }],
        policies: [{ name: 'p', pattern, definition: { 'max-length': 1 } }],
      });
    expect(errorsOf(pol('^(a+)+$'))[0]).toMatch(
      /^\$\.policies\[0\]\.pattern: a quantified group containing a quantifier/,
    );
    expect(errorsOf(pol('(x*)*'))[0]).toMatch(/^\$\.policies\[0\]\.pattern/);
    expect(errorsOf(pol('(')).length).toBe(1);
    expect(imported(pol('^q$')).queues[0]!.arguments).toEqual({ 'x-max-length': 1 });
  });

  it('applies the highest-priority matching policy as RabbitMQ does: lower numeric limit wins, a queue argument beats the policy otherwise', () => {
    const spec = imported(
      doc({
        exchanges: [{ name: 'orders', type: 'direct' }],
        queues: [
          { name: 'jobs.a', arguments: { 'x-max-length': 5, 'x-dead-letter-exchange': 'mine' } },
          { name: 'jobs.b', arguments: { 'x-max-length': 50 } },
          { name: 'other' },
        ],
        policies: [
          {
            name: 'low',
            pattern: '^jobs\\.',
            'apply-to': 'queues',
            priority: 0,
            definition: { 'max-length': 1 },
          },
          {
            name: 'high',
            pattern: '^jobs\\.',
            'apply-to': 'queues',
            priority: 5,
            definition: { 'max-length': 10, 'dead-letter-exchange': 'dlx', 'ha-mode': 'all' },
          },
          {
            name: 'ae',
            pattern: '^orders$',
            'apply-to': 'exchanges',
            definition: { 'alternate-exchange': 'unrouted' },
          },
          {
            name: 'exchanges-only',
            pattern: '^jobs',
            'apply-to': 'exchanges',
            priority: 9,
            definition: { 'max-length': 2 },
          },
        ],
      }),
    );
    expect(spec.queues).toEqual([
      { name: 'jobs.a', arguments: { 'x-max-length': 5, 'x-dead-letter-exchange': 'mine' } },
      { name: 'jobs.b', arguments: { 'x-max-length': 10, 'x-dead-letter-exchange': 'dlx' } },
      { name: 'other' },
    ]);
    expect(spec.exchanges).toEqual([
      { name: 'orders', type: 'direct', arguments: { 'alternate-exchange': 'unrouted' } },
    ]);
  });

  it('skips built-in exchanges and keeps "__proto__" as a plain argument key', () => {
    const spec = imported(
      JSON.parse(
        '{"exchanges":[{"name":"amq.direct","type":"direct"},{"name":"","type":"direct"}],"queues":[{"name":"q","arguments":{"__proto__":{"polluted":1}}}]}',
      ),
    );
    expect(spec.exchanges).toEqual([]);
    expect(Object.keys(spec.queues[0]!.arguments!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
