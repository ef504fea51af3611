/**
 * fast-check arbitraries for the scenario FORMAT (not for simulating: see ../test/arbitraries.ts
 * for small runnable scenarios). `acceptedScenarioArb` draws documents that parseScenario must
 * accept: every section, every optional field, every kind, values at and near their bounds,
 * non-ASCII text counted in code points, prototype names (`__proto__`, `constructor`), and
 * references that resolve. The schema-agreement test checks each one against the published
 * JSON Schema too, then mutates them (`mutations`) to probe the edges from the other side.
 */
import fc from 'fast-check';

type Json = Record<string, unknown>;
type Draw = fc.GeneratorValue;

const MAX_MS = 1e9;
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Names for topics, producers, groups and members (Kafka's legal characters). */
const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_NAMES) },
  { weight: 1, arbitrary: fc.constant('n'.repeat(200)) },
);

/** Free text (event types, keys): any code points, 1–200 of them (JSON Schema counts those). */
const textArb = (minLength = 1): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ minLength, maxLength: 12 }),
    fc.string({ unit: 'binary', minLength, maxLength: 12 }),
    fc.constantFrom('😀'.repeat(200), 'é'.repeat(200), 'x'.repeat(200)),
  );

const msArb = (min = 0): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), 5000) }),
    fc.double({ min, max: MAX_MS, noNaN: true }),
    fc.constantFrom(Math.max(min, 0), MAX_MS),
  );
/** A duration that must be > 0. */
const positiveMsArb = fc.oneof(
  fc.double({ min: 0, max: MAX_MS, minExcluded: true, noNaN: true }),
  fc.constantFrom(Number.MIN_VALUE, 1, MAX_MS),
);
const probabilityArb = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1));

export const distArb: fc.Arbitrary<unknown> = fc.oneof(
  msArb(),
  msArb().map((ms) => ({ kind: 'constant', ms })),
  fc.tuple(msArb(), msArb()).map(([a, b]) => ({
    kind: 'uniform',
    minMs: Math.min(a, b),
    maxMs: Math.max(a, b),
  })),
  msArb().map((meanMs) => ({ kind: 'exponential', meanMs })),
  fc.tuple(msArb(), msArb()).map(([meanMs, stddevMs]) => ({ kind: 'normal', meanMs, stddevMs })),
);

const keysArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ kind: 'null' }),
  fc.array(textArb(), { minLength: 1, maxLength: 4 }).map((keys) => ({ kind: 'fixed', keys })),
  fc
    .record(
      { count: fc.integer({ min: 1, max: 1_000_000 }), prefix: textArb(0) },
      { requiredKeys: ['count'] },
    )
    .map((k) => ({ kind: 'uniform', ...k })),
  fc
    .record(
      {
        count: fc.integer({ min: 1, max: 1_000_000 }),
        prefix: textArb(0),
        exponent: fc.double({ min: 0, max: 10, noNaN: true }),
      },
      { requiredKeys: ['count'] },
    )
    .map((k) => ({ kind: 'zipf', ...k })),
);

const rateArb: fc.Arbitrary<unknown> = fc.record(
  {
    kind: fc.constantFrom('constant', 'poisson'),
    perSec: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0, 10_000_000)),
    bursts: fc.array(
      fc.record({
        atMs: msArb(),
        durationMs: positiveMsArb,
        multiplier: fc.constantFrom(0, 2.5, 1000),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['kind', 'perSec'] },
);

/** Producer delivery settings Kafka accepts (an explicit enable.idempotence=true needs acks=all, retries > 0, ≤ 5 in flight). */
const producerConfigArb: fc.Arbitrary<Json> = fc
  .record(
    {
      'batch.size': fc.integer({ min: 1, max: 1e9 }),
      'linger.ms': msArb(),
      acks: fc.constantFrom('0', '1', 'all'),
      'enable.idempotence': fc.boolean(),
      retries: fc.constantFrom(0, 1, 2147483647),
      'retry.backoff.ms': msArb(),
      'request.timeout.ms': msArb(1),
      'delivery.timeout.ms': msArb(1),
      'max.in.flight.requests.per.connection': fc.integer({ min: 1, max: 100 }),
    },
    { requiredKeys: [] },
  )
  .map((c: Json) => {
    if (c['enable.idempotence'] !== true) return c;
    return {
      ...c,
      acks: 'all',
      retries: c.retries === 0 ? 1 : c.retries,
      'max.in.flight.requests.per.connection': Math.min(
        5,
        (c['max.in.flight.requests.per.connection'] as number | undefined) ?? 5,
      ),
    };
  });

/** Consumer settings; heartbeat.interval.ms stays below session.timeout.ms, as the parser asks. */
const consumerConfigArb: fc.Arbitrary<Json> = fc
  .record(
    {
      'enable.auto.commit': fc.boolean(),
      'auto.commit.interval.ms': msArb(1),
      'auto.offset.reset': fc.constantFrom('earliest', 'latest'),
      'max.poll.records': fc.integer({ min: 1, max: 100_000 }),
      'max.poll.interval.ms': msArb(1),
      'session.timeout.ms': msArb(2),
      'heartbeat.interval.ms': msArb(1),
      'partition.assignment.strategy': fc.constantFrom(
        'range',
        'roundrobin',
        'sticky',
        'cooperative-sticky',
      ),
      'fetch.latency.ms': msArb(),
    },
    { requiredKeys: [] },
  )
  .map((c: Json) => {
    const hb = c['heartbeat.interval.ms'] as number | undefined;
    const st = c['session.timeout.ms'] as number | undefined;
    if (hb !== undefined && st !== undefined && hb >= st)
      return { ...c, 'heartbeat.interval.ms': 1, 'session.timeout.ms': Math.max(2, st) };
    return c;
  });

/** Draws `n` distinct names (a producer and a group may not share an id). */
function uniqueNames(g: Draw, min: number, max: number, taken: Set<string>): string[] {
  const names = g(() => fc.uniqueArray(nameArb, { minLength: min, maxLength: max }));
  return names.filter((n) => !taken.has(n) && (taken.add(n), true));
}

const maybe = <T>(g: Draw, arb: fc.Arbitrary<T>): T | undefined =>
  g(() => fc.boolean()) ? g(() => arb) : undefined;

function put(o: Json, k: string, v: unknown): void {
  if (v !== undefined) o[k] = v;
}

/**
 * Every version 1 scenario this draws is valid for parseScenario (and so must be for the
 * schema). Kept as it was before version 2: the upcast test pins what the parser made of its
 * draws before version 2 existed.
 */
export const acceptedV1ScenarioArb: fc.Arbitrary<Json> = fc.gen().map((g) => {
  const s: Json = { version: 1, name: g(() => textArb()) };
  put(s, '$schema', maybe(g, fc.constant('https://eventflow.invalid/scenario.schema.json')));
  put(s, 'description', maybe(g, textArb(0)));
  put(s, 'seed', maybe(g, fc.oneof(fc.nat(), fc.constantFrom(0, 0xffffffff))));
  put(s, 'durationMs', maybe(g, positiveMsArb));
  put(s, 'layout', maybe(g, fc.constant({ positions: {} })));

  const topicNames = uniqueNames(g, 1, 4, new Set());
  const rfMax = g(() => fc.integer({ min: 1, max: 3 }));
  const topics = topicNames.map((name) => {
    const t: Json = {
      name,
      partitions: g(() => fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(10_000))),
    };
    const rf = maybe(g, fc.integer({ min: 1, max: rfMax }));
    put(t, 'replication.factor', rf);
    put(t, 'min.insync.replicas', maybe(g, fc.integer({ min: 1, max: rf ?? 1 })));
    put(t, 'unclean.leader.election.enable', maybe(g, fc.boolean()));
    return t;
  });
  s.topics = topics;
  const topicArb = fc.constantFrom(...topicNames);
  const brokers = g(() => fc.integer({ min: rfMax, max: 50 }));
  const hasCluster = g(() => fc.boolean());
  if (hasCluster) {
    const c: Json = { brokers };
    put(c, 'replica.lag.time.max.ms', maybe(g, msArb(1)));
    put(c, 'replica.fetch.latency.ms', maybe(g, msArb()));
    put(c, 'unclean.leader.election.enable', maybe(g, fc.boolean()));
    s.cluster = c;
  }
  // Without a cluster the parser assumes as many brokers as the largest replication factor.
  const brokerCount = hasCluster
    ? brokers
    : Math.max(1, ...topics.map((t) => (t['replication.factor'] as number | undefined) ?? 1));

  const ids = new Set<string>();
  const producers = uniqueNames(g, 0, 3, ids).map((id) => {
    const topic = g(() => topicArb);
    const p: Json = {
      id,
      topic,
      rate: g(() => rateArb),
      keys: g(() => keysArb),
      eventType: g(() => textArb()),
    };
    put(p, 'sendKey', maybe(g, fc.boolean()));
    put(p, 'keyField', maybe(g, textArb()));
    put(
      p,
      'payload',
      maybe(g, fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 })),
    );
    const partitions = topics.find((t) => t.name === topic)!.partitions as number;
    put(p, 'partition', maybe(g, fc.integer({ min: 0, max: partitions - 1 })));
    put(p, 'recordBytes', maybe(g, fc.integer({ min: 1, max: 10_000_000 })));
    const start = maybe(g, msArb());
    put(p, 'startMs', start);
    put(p, 'stopMs', maybe(g, msArb(start ?? 0)));
    put(p, 'config', maybe(g, producerConfigArb));
    return p;
  });
  s.producers = producers;

  const members = new Map<string, string[]>();
  const groups = uniqueNames(g, 0, 3, ids).map((id) => {
    // A group reads topics[0..k] and emits (or dead-letters) only to topics after k, so services
    // never form a loop (the parser refuses a loop with no processing time).
    const k = g(() => fc.integer({ min: 0, max: topicNames.length - 1 }));
    const reads = fc.constantFrom(...topicNames.slice(0, k + 1));
    const later = topicNames.slice(k + 1);
    const gr: Json = {
      id,
      topics: g(() => fc.uniqueArray(reads, { minLength: 1, maxLength: k + 1 })),
    };
    if (g(() => fc.boolean())) {
      const n = g(() => fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(200)));
      gr.members = n;
      members.set(
        id,
        Array.from({ length: n }, (_, i) => `${id}-${i + 1}`),
      );
    } else {
      const list = uniqueNames(g, 0, 3, new Set()).map((mid) => {
        const m: Json = { id: mid };
        put(m, 'startMs', maybe(g, msArb()));
        put(m, 'processingMs', maybe(g, distArb));
        return m;
      });
      gr.members = list;
      members.set(
        id,
        list.map((m) => m.id as string),
      );
    }
    put(gr, 'config', maybe(g, consumerConfigArb));
    put(gr, 'commit', maybe(g, fc.constantFrom('after-processing', 'before-processing')));
    put(gr, 'processingMs', maybe(g, distArb));
    const emitTo = later.length > 0 ? fc.constantFrom(...later) : null;
    const emit = emitTo
      ? fc.record(
          {
            type: textArb(),
            topic: emitTo,
            probability: probabilityArb,
            key: fc.constantFrom('same', 'none'),
          },
          { requiredKeys: ['type', 'topic'] },
        )
      : null;
    const handler = fc.record(
      { on: textArb(), emit: emit ? fc.array(emit, { maxLength: 3 }) : fc.constant([]) },
      { requiredKeys: ['on'] },
    );
    put(gr, 'handlers', maybe(g, fc.array(handler, { maxLength: 3 })));
    const failure = fc.record(
      {
        rate: probabilityArb,
        retries: fc.integer({ min: 0, max: 1000 }),
        backoffMs: msArb(),
        ...(emitTo ? { deadLetterTopic: emitTo } : {}),
      },
      { requiredKeys: ['rate'] },
    );
    put(gr, 'failure', maybe(g, failure));
    put(gr, 'idempotent', maybe(g, fc.boolean()));
    put(gr, 'readModel', maybe(g, fc.boolean()));
    return gr;
  });
  s.groups = groups;

  // Member ids of a counted group are `${group}-n`: past 200 characters no fault can name them.
  const fits = (id: string) => id.length <= 200;
  const clients = [...producers.map((p) => p.id as string), ...[...members.values()].flat()].filter(
    fits,
  );
  const servers = [
    'coordinator',
    ...Array.from({ length: brokerCount }, (_, i) => `broker-${i + 1}`),
  ];
  const pairArb =
    clients.length > 0 ? fc.tuple(fc.constantFrom(...clients), fc.constantFrom(...servers)) : null;
  const memberFaults = [...members].flatMap(([group, ms]) =>
    ms.filter(fits).map((member) => ({ group, member })),
  );
  const faultArbs: fc.Arbitrary<Json>[] = [
    fc.record({
      kind: fc.constantFrom('brokerDown', 'brokerUp'),
      atMs: msArb(),
      broker: fc.integer({ min: 1, max: brokerCount }),
    }),
  ];
  if (memberFaults.length > 0) {
    const target = fc.constantFrom(...memberFaults);
    faultArbs.push(
      fc
        .record({ kind: fc.constantFrom('crash', 'restart', 'leave'), atMs: msArb(), t: target })
        .map(({ t, ...f }) => ({ ...f, ...t })),
      fc
        .record({ kind: fc.constant('pause'), atMs: msArb(), durationMs: positiveMsArb, t: target })
        .map(({ t, ...f }) => ({ ...f, ...t })),
    );
  }
  if (pairArb)
    faultArbs.push(
      fc.record({
        kind: fc.constant('networkPartition'),
        atMs: msArb(),
        between: pairArb,
        durationMs: positiveMsArb,
      }),
    );
  if (producers.length > 0) {
    const producer = fc.constantFrom(...producers.map((p) => p.id as string));
    faultArbs.push(
      fc.record(
        {
          kind: fc.constant('ackLoss'),
          atMs: msArb(),
          producer,
          count: fc.integer({ min: 1, max: 1_000_000 }),
        },
        { requiredKeys: ['kind', 'atMs', 'producer'] },
      ),
      fc.record({ kind: fc.constant('poisonMessage'), atMs: msArb(), producer }),
    );
  }
  s.faults = g(() => fc.array(fc.oneof(...faultArbs), { maxLength: 4 }));

  if (g(() => fc.boolean())) {
    const n: Json = {};
    put(n, 'latencyMs', maybe(g, distArb));
    put(n, 'dropRate', maybe(g, probabilityArb));
    if (pairArb) {
      const link = fc.record(
        { between: pairArb, latencyMs: distArb, dropRate: probabilityArb },
        { requiredKeys: ['between'] },
      );
      put(n, 'links', maybe(g, fc.array(link, { maxLength: 2 })));
    }
    s.network = n;
  }
  // Optional sections may also be left out entirely.
  for (const k of ['producers', 'groups', 'faults'] as const)
    if ((s[k] as unknown[]).length === 0 && g(() => fc.boolean())) delete s[k];
  return s;
});

/** RabbitMQ names: any text of at most 255 bytes of UTF-8, none starting with `amq.`. */
const amqpNameArb: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...PROTO_NAMES, '日志.错误', 'é'.repeat(127), 'x'.repeat(255)),
    },
  )
  .filter((n) => !n.startsWith('amq.'));

const PREDECLARED = ['amq.direct', 'amq.fanout', 'amq.topic', 'amq.headers', 'amq.match'];
/** Routing key templates: text with {field} parts, braces balanced. */
const templateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'fixed', 'order.{type}', '{severity}.{component}', '{key}', '#', '*.error'),
  fc.stringMatching(/^[a-z.*#]{0,8}(\{[a-z]{1,5}\}[a-z.]{0,4}){0,2}$/),
);
/** A processing time of at least 1 ms: RabbitMQ consumers drawn here never loop instantly. */
const slowDistArb: fc.Arbitrary<unknown> = fc.constantFrom(
  1,
  { kind: 'constant', ms: 2 },
  { kind: 'uniform', minMs: 1, maxMs: 3 },
  { kind: 'exponential', meanMs: 5 },
);

/** Queue arguments RabbitMQ accepts for a classic or a quorum queue. */
function queueArgsArb(quorum: boolean, dlxNames: string[]): fc.Arbitrary<Json> {
  return fc
    .record(
      {
        'x-max-length': fc.oneof(fc.nat(1000), fc.constant(0)),
        'x-max-length-bytes': fc.oneof(fc.nat(1_000_000), fc.constant(9007199254740991)),
        'x-overflow': quorum
          ? fc.constantFrom('drop-head', 'reject-publish')
          : fc.constantFrom('drop-head', 'reject-publish', 'reject-publish-dlx'),
        'x-message-ttl': fc.oneof(fc.nat(100_000), fc.constantFrom(0, 4294967295)),
        'x-expires': fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constant(4294967295)),
        'x-dead-letter-exchange': fc.constantFrom('', 'nowhere', ...dlxNames),
        'x-dead-letter-routing-key': fc.constantFrom('', 'dead', 'a.b'),
        'x-delivery-limit': fc.integer({ min: -1, max: 100 }),
      },
      { requiredKeys: [] },
    )
    .map((a: Json) => {
      const out: Json = quorum ? { 'x-queue-type': 'quorum', ...a } : { ...a };
      if (!quorum) delete out['x-delivery-limit'];
      if (out['x-dead-letter-exchange'] === undefined) delete out['x-dead-letter-routing-key'];
      return out;
    });
}

/**
 * Version 2 documents parseScenario accepts: a version 1 draw plus an amqp section (every kind
 * of exchange, classic and quorum queues with their arguments, queue and exchange bindings,
 * publishers with templates or weighted choices, consumers), Kafka services that emit to an
 * exchange, RabbitMQ consumers that emit to topics, and the RabbitMQ faults.
 */
export const acceptedV2ScenarioArb: fc.Arbitrary<Json> = fc.gen().map((g) => {
  const s = g(() => acceptedV1ScenarioArb);
  s.version = 2;
  const ids = new Set<string>([
    ...((s.producers as Json[] | undefined) ?? []).map((p) => p.id as string),
    ...((s.groups as Json[] | undefined) ?? []).map((x) => x.id as string),
  ]);
  const exchanges = g(() => fc.uniqueArray(amqpNameArb, { maxLength: 4 })).map((name) => {
    const x: Json = {
      name,
      type: g(() => fc.constantFrom('direct', 'fanout', 'topic', 'headers')),
    };
    for (const k of ['durable', 'autoDelete', 'internal']) put(x, k, maybe(g, fc.boolean()));
    put(x, 'arguments', maybe(g, fc.constantFrom({}, { 'alternate-exchange': 'anything' })));
    return x;
  });
  const declared = exchanges.map((x) => x.name as string);
  const queues = g(() => fc.uniqueArray(amqpNameArb, { maxLength: 4 })).map((name) => {
    const quorum = g(() => fc.boolean());
    const q: Json = { name };
    if (quorum) {
      put(q, 'durable', maybe(g, fc.constant(true)));
      put(q, 'exclusive', maybe(g, fc.constant(false)));
      put(q, 'autoDelete', maybe(g, fc.constant(false)));
      q.arguments = g(() => queueArgsArb(true, declared));
    } else {
      for (const k of ['durable', 'autoDelete', 'exclusive']) put(q, k, maybe(g, fc.boolean()));
      put(q, 'arguments', maybe(g, queueArgsArb(false, declared)));
    }
    return q;
  });
  const queueNames = queues.map((q) => q.name as string);
  const sources = [...declared, ...PREDECLARED];
  const bindings = g(() =>
    fc.array(
      fc.record(
        {
          source: fc.constantFrom(...sources),
          to: queueNames.length > 0 ? fc.boolean() : fc.constant(false),
          q: queueNames.length > 0 ? fc.constantFrom(...queueNames) : fc.constant(''),
          x: fc.constantFrom(...sources),
          routingKey: fc.constantFrom('', '#', '*.error', 'a.b.c', 'é'.repeat(127)),
          arguments: fc.constantFrom(
            { 'x-match': 'all', severity: 'error' },
            { 'x-match': 'any-with-x' },
            { other: 1 },
          ),
        },
        { requiredKeys: ['source', 'to', 'q', 'x'] },
      ),
      { maxLength: 5 },
    ),
  ).map(({ to, q, x, ...b }) =>
    to
      ? { ...b, destination: q, destinationType: 'queue' }
      : g(() => fc.boolean())
        ? { ...b, destination: x, destinationType: 'exchange' }
        : { ...b, destination: x, destinationType: 'exchange' },
  );
  const targets = ['', ...sources];
  const publishers = uniqueNames(g, 0, 2, ids).map((id) => {
    const pub: Json = {
      id,
      exchange: g(() => fc.constantFrom(...targets)),
      rate: g(() => rateArb),
      eventType: g(() => textArb()),
    };
    put(
      pub,
      'routingKey',
      maybe(
        g,
        fc.oneof(
          templateArb,
          fc
            .array(fc.constantFrom('a', 'b.c', '', 'kern.error'), { minLength: 1, maxLength: 3 })
            .chain((keys) =>
              fc.record(
                {
                  kind: fc.constant('choice'),
                  keys: fc.constant(keys),
                  weights: fc
                    .array(fc.constantFrom(0, 1, 2.5, 1e9), {
                      minLength: keys.length,
                      maxLength: keys.length,
                    })
                    .map((w) => (w.every((x) => x === 0) ? w.map(() => 1) : w)),
                },
                { requiredKeys: ['kind', 'keys'] },
              ),
            ),
        ),
      ),
    );
    put(pub, 'keys', maybe(g, keysArb));
    put(pub, 'keyField', maybe(g, textArb()));
    put(pub, 'payload', maybe(g, fc.constant({ a: 1 })));
    put(pub, 'headers', maybe(g, fc.constant({ severity: 'error', n: 2 })));
    for (const k of ['mandatory', 'persistent', 'confirm']) put(pub, k, maybe(g, fc.boolean()));
    put(pub, 'expiration', maybe(g, fc.constantFrom('0', '5000', '999999999', '007')));
    put(pub, 'bodyBytes', maybe(g, fc.constantFrom(0, 100, 10_000_000)));
    const start = maybe(g, msArb());
    put(pub, 'startMs', start);
    put(pub, 'stopMs', maybe(g, msArb(start ?? 0)));
    return pub;
  });
  const topicNames = (s.topics as Json[]).map((t) => t.name as string);
  const emitArb = fc.oneof(
    fc.record({ type: textArb(), topic: fc.constantFrom(...topicNames) }),
    fc.record(
      { type: textArb(), exchange: fc.constantFrom(...targets), routingKey: templateArb },
      { requiredKeys: ['type', 'exchange'] },
    ),
  );
  const consumerMembers: { consumer: string; member: string }[] = [];
  const consumers =
    queueNames.length === 0
      ? []
      : uniqueNames(g, 0, 2, ids).map((id) => {
          const cs: Json = { id, queue: g(() => fc.constantFrom(...queueNames)) };
          if (g(() => fc.boolean())) {
            const n = g(() => fc.integer({ min: 0, max: 3 }));
            cs.members = n;
            for (let i = 1; i <= n; i++)
              consumerMembers.push({ consumer: id, member: `${id}-${i}` });
          } else {
            const list = uniqueNames(g, 0, 2, new Set()).map((mid) => {
              const m: Json = { id: mid };
              put(m, 'startMs', maybe(g, msArb()));
              put(m, 'processingMs', maybe(g, slowDistArb));
              consumerMembers.push({ consumer: id, member: mid });
              return m;
            });
            cs.members = list;
          }
          put(cs, 'prefetch', maybe(g, fc.constantFrom(0, 1, 10, 65535)));
          put(cs, 'autoAck', maybe(g, fc.boolean()));
          put(cs, 'ackEvery', maybe(g, fc.constantFrom(1, 2, 5, 65535)));
          put(cs, 'ackFlushMs', maybe(g, fc.constantFrom(0, 50, 1000)));
          put(cs, 'processingMs', maybe(g, slowDistArb));
          put(
            cs,
            'handlers',
            maybe(
              g,
              fc.array(fc.record({ on: textArb(), emit: fc.array(emitArb, { maxLength: 2 }) }), {
                maxLength: 2,
              }),
            ),
          );
          put(
            cs,
            'failure',
            maybe(
              g,
              fc.record(
                { rate: probabilityArb, requeue: fc.boolean() },
                { requiredKeys: ['rate'] },
              ),
            ),
          );
          put(cs, 'idempotent', maybe(g, fc.boolean()));
          return cs;
        });
  const amqp: Json = {};
  put(amqp, 'profile', maybe(g, fc.constantFrom('3.10', '4.x')));
  for (const [k, v] of [
    ['exchanges', exchanges],
    ['queues', queues],
    ['bindings', bindings],
    ['publishers', publishers],
    ['consumers', consumers],
  ] as const)
    if (v.length > 0 || g(() => fc.boolean())) amqp[k] = v;
  s.amqp = amqp;
  // A Kafka service bridges to RabbitMQ: a handler that publishes to an exchange.
  const groups = (s.groups as Json[] | undefined) ?? [];
  if (groups.length > 0 && g(() => fc.boolean())) {
    const gr = groups[g(() => fc.nat(groups.length - 1))]!;
    const handlers = ((gr.handlers as Json[] | undefined) ?? []).slice();
    handlers.push({
      on: g(() => textArb()),
      emit: [
        g(() =>
          fc.record(
            { type: textArb(), exchange: fc.constantFrom(...targets), routingKey: templateArb },
            { requiredKeys: ['type', 'exchange'] },
          ),
        ),
      ],
    });
    gr.handlers = handlers;
  }
  const faults = ((s.faults as Json[] | undefined) ?? []).slice();
  if (g(() => fc.boolean())) faults.push({ kind: 'rabbitmqRestart', atMs: g(() => msArb()) });
  const fits = consumerMembers.filter((m) => m.member.length <= 200);
  if (fits.length > 0 && g(() => fc.boolean()))
    faults.push({
      kind: 'connectionLoss',
      atMs: g(() => msArb()),
      ...g(() => fc.constantFrom(...fits)),
      durationMs: g(() => positiveMsArb),
    });
  if (publishers.length > 0 && g(() => fc.boolean()))
    faults.push({
      kind: 'poisonMessage',
      atMs: g(() => msArb()),
      producer: g(() => fc.constantFrom(...publishers.map((p) => p.id as string))),
    });
  s.faults = faults;
  return s;
});

/** Accepted documents of both versions. */
/**
 * A version 2 scenario with the log's settings over time (issue 12): topic retention and
 * segment settings at and near Kafka's bounds, and the broker's retention check interval.
 */
export const acceptedLogScenarioArb: fc.Arbitrary<Json> = fc.gen().map((g) => {
  const s = g(() => acceptedV2ScenarioArb);
  const ms = (min: number) =>
    fc.oneof(fc.integer({ min, max: 10_000_000 }), fc.constantFrom(min, 604_800_000, 1e12));
  for (const t of s.topics as Json[]) {
    put(t, 'retention.ms', maybe(g, ms(-1)));
    put(
      t,
      'retention.bytes',
      maybe(
        g,
        fc.oneof(
          fc.integer({ min: -1, max: 1e9 }),
          fc.constantFrom(-1, 0, Number.MAX_SAFE_INTEGER),
        ),
      ),
    );
    put(t, 'segment.ms', maybe(g, ms(1)));
    put(
      t,
      'segment.bytes',
      maybe(
        g,
        fc.oneof(fc.integer({ min: 14, max: 1e6 }), fc.constantFrom(14, 1073741824, 2147483647)),
      ),
    );
    put(t, 'cleanup.policy', maybe(g, fc.constant('delete')));
  }
  if (g(() => fc.boolean())) {
    const b: Json = {};
    put(b, 'log.retention.check.interval.ms', maybe(g, ms(1)));
    put(b, 'log.initial.task.delay.ms', maybe(g, ms(0)));
    s.broker = b;
  }
  return s;
});

export const acceptedScenarioArb: fc.Arbitrary<Json> = fc.oneof(
  acceptedV1ScenarioArb,
  acceptedV2ScenarioArb,
  acceptedLogScenarioArb,
);

/** Values on the edges of the amqp section (names, arguments, templates), for mutations. */
export const amqpEdgeValueArb: fc.Arbitrary<unknown> = fc.constantFrom(
  'amq.direct',
  'amq.x',
  'quorum',
  'classic',
  'stream',
  'drop-head',
  'reject-publish-dlx',
  'all-with-x',
  'queue',
  'exchange',
  'choice',
  '{',
  '}',
  'a{b}',
  '{}',
  '5000',
  '-1',
  65535,
  65536,
  4294967295,
  4294967296,
  -1,
  0,
  'é'.repeat(128),
  'x'.repeat(255),
  'x'.repeat(256),
  '',
  true,
  null,
  {},
  [],
);

export const amqpMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: amqpEdgeValueArb }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('addKey' as const),
    at: fc.nat(),
    key: fc.constantFrom(
      'x-delivery-limit',
      'x-dead-letter-routing-key',
      'exchange',
      'routingKey',
      'topic',
      'x-match',
    ),
  }),
);

/** Values that sit on or just past the format's edges, for mutations. */
export const edgeValueArb: fc.Arbitrary<unknown> = fc.constantFrom(
  -1,
  0,
  0.5,
  1,
  1.5,
  2,
  5,
  7,
  8,
  50,
  51,
  200,
  201,
  1000,
  1001,
  100_000,
  100_001,
  1e9,
  1e9 + 1,
  2147483647,
  2147483648,
  4294967295,
  4294967296,
  10_000_000,
  10_000_001,
  -0.0001,
  '',
  'x',
  '0',
  '1',
  'all',
  '-1',
  '0x10',
  ' 7 ',
  '__proto__',
  'n'.repeat(201),
  '😀'.repeat(201),
  'constant',
  'uniform',
  'null',
  'zipf',
  'crash',
  'pause',
  'range',
  'earliest',
  'same',
  true,
  false,
  null,
  [],
  {},
  ['a'],
  ['a', 'b'],
  { kind: 'constant' },
);

export type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'addKey'; at: number; key: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: edgeValueArb }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('addKey' as const),
    at: fc.nat(),
    key: fc.constantFrom('extra', '__proto__', 'kind', 'ms'),
  }),
);

/** Applies a mutation to a copy: `at` picks one of the document's values (depth-first order). */
export function mutate(doc: Json, m: Mutation): Json {
  const copy = jsonCopy(doc);
  const slots: { parent: Json | unknown[]; key: string | number; value: unknown }[] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      slots.push({ parent: v as Json, key: Array.isArray(v) ? Number(k) : k, value: x });
      walk(x);
    }
  };
  walk(copy);
  const slot = slots[m.at % Math.max(1, slots.length)];
  if (!slot) return copy;
  const parent = slot.parent as Record<string | number, unknown>;
  if (m.op === 'set') setOwn(parent, slot.key, jsonCopy(m.value));
  else if (m.op === 'delete') {
    if (Array.isArray(parent)) (parent as unknown[]).splice(slot.key as number, 1);
    else delete parent[slot.key];
  } else {
    const target =
      typeof slot.value === 'object' && slot.value !== null && !Array.isArray(slot.value)
        ? (slot.value as Json)
        : copy;
    setOwn(target, m.key, 1);
  }
  return copy;
}

/** A deep copy through JSON (the engine has no DOM lib; JSON keeps own "__proto__" keys). */
function jsonCopy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** An own data property even for "__proto__" (what JSON.parse would make). */
function setOwn(o: object, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Aggregate ids: stream categories (no `-`), including names that are JavaScript builtins. */
const aggregateIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_.]{1,12}$/),
  fc.constantFrom('__proto__', 'constructor', 'x'.repeat(100)),
);
const schemaVersionArb = fc.integer({ min: 1, max: 1000 });
/** Projection and query ids: at most 100 characters. */
const shortIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom('__proto__', 'é'.repeat(100)),
);

/**
 * Version 2 documents with an eventStore section (issue 13) that parseScenario accepts:
 * aggregates (rules, snapshots, upcasters), projections of a category or `$all`, queries, and
 * the crash / rebuild / deploy faults. Independent of the other draws (their seeds stay).
 */
export const acceptedEventStoreScenarioArb: fc.Arbitrary<Json> = fc.gen().map((g) => {
  const s = g(() => acceptedV1ScenarioArb);
  s.version = 2;
  const ids = g(() => fc.uniqueArray(aggregateIdArb, { minLength: 1, maxLength: 3 }));
  const aggregates = ids.map((id) => {
    const a: Json = {
      id,
      commands: {
        rate: g(() => rateArb),
        keys: g(() =>
          fc.oneof(
            fc.array(textArb(), { minLength: 1, maxLength: 3 }).map((keys) => ({
              kind: 'fixed',
              keys,
            })),
            fc.integer({ min: 1, max: 1000 }).map((count) => ({ kind: 'uniform', count })),
          ),
        ),
      },
      rules: g(() =>
        fc.array(
          fc.record(
            {
              command: textArb(),
              event: textArb(),
              whenStatus: fc.oneof(fc.constant(null), textArb()),
              maxEvents: fc.integer({ min: 1, max: 1_000_000_000 }),
              setStatus: textArb(),
              amount: fc.integer({ min: -1e9, max: 1e9 }),
            },
            { requiredKeys: ['command', 'event'] },
          ),
          { minLength: 1, maxLength: 3 },
        ),
      ),
    };
    const topicNames = ((s.topics as Json[] | undefined) ?? []).map((t) => t.name as string);
    if (topicNames.length > 0 && g(() => fc.boolean())) {
      a.commands = { topic: g(() => fc.constantFrom(...topicNames)) };
      return a;
    }
    const start = maybe(g, fc.integer({ min: 0, max: 5000 }));
    if (start !== undefined) {
      (a.commands as Json).startMs = start;
      put(a.commands as Json, 'stopMs', maybe(g, fc.integer({ min: start, max: 10_000 })));
    }
    put(a, 'handlers', maybe(g, fc.integer({ min: 1, max: 50 })));
    put(a, 'processingMs', maybe(g, distArb));
    put(a, 'maxRetries', maybe(g, fc.integer({ min: 0, max: 100 })));
    put(
      a,
      'snapshot',
      maybe(
        g,
        fc.record(
          { every: fc.integer({ min: 1, max: 1_000_000 }), schemaVersion: schemaVersionArb },
          { requiredKeys: ['every'] },
        ),
      ),
    );
    put(a, 'eventVersion', maybe(g, schemaVersionArb));
    put(
      a,
      'upcast',
      maybe(
        g,
        fc.integer({ min: 1, max: 999 }).chain((from) =>
          fc.record({
            from: fc.constant(from),
            to: fc.integer({ min: from + 1, max: 1000 }),
            defaults: fc.dictionary(
              fc.constantFrom('currency', '__proto__', 'x'),
              fc.oneof(fc.constantFrom('EUR', ''), fc.integer()),
            ),
          }),
        ),
      ),
    );
    return a;
  });
  const projections = g(() =>
    fc.uniqueArray(
      fc.record(
        {
          id: shortIdArb,
          from: fc.constantFrom('$all', ...ids),
          mode: fc.constantFrom('inline', 'async'),
          kind: fc.constantFrom('counter', 'idempotent'),
          checkpointEvery: fc.integer({ min: 1, max: 1_000_000 }),
          processingMs: distArb,
        },
        { requiredKeys: ['id', 'from', 'mode', 'kind'] },
      ),
      { maxLength: 3, selector: (p) => p.id },
    ),
  );
  const es: Json = { aggregates };
  if (projections.length > 0 || g(() => fc.boolean())) es.projections = projections;
  if (projections.length > 0) {
    const pids = projections.map((p) => p.id);
    const queries = g(() =>
      fc.uniqueArray(
        fc.record(
          {
            id: shortIdArb,
            projection: fc.constantFrom(...pids),
            rate: rateArb,
            readYourWrites: fc.boolean(),
          },
          { requiredKeys: ['id', 'projection', 'rate'] },
        ),
        { maxLength: 2, selector: (q) => q.id },
      ),
    );
    if (queries.length > 0) es.queries = queries;
  }
  const asyncIds = projections.filter((p) => p.mode === 'async').map((p) => p.id);
  const faults: Json[] = [];
  for (let i = g(() => fc.nat(3)); i > 0; i--) {
    if (asyncIds.length > 0 && g(() => fc.boolean()))
      faults.push({
        kind: g(() => fc.constantFrom('projectionCrash', 'rebuild')),
        projection: g(() => fc.constantFrom(...asyncIds)),
        atMs: g(() => msArb()),
      });
    else {
      const f: Json = {
        kind: 'deploy',
        aggregate: g(() => fc.constantFrom(...ids)),
        atMs: g(() => msArb()),
      };
      put(f, 'eventVersion', maybe(g, schemaVersionArb));
      put(f, 'snapshotSchemaVersion', maybe(g, schemaVersionArb));
      faults.push(f);
    }
  }
  if (faults.length > 0) es.faults = faults;
  s.eventStore = es;
  return s;
});

/** Values on the edges of the eventStore section, for mutations. */
export const eventStoreEdgeValueArb: fc.Arbitrary<unknown> = fc.constantFrom(
  '$all',
  'a-b',
  '$x',
  'inline',
  'async',
  'counter',
  'deploy',
  'rebuild',
  0,
  1,
  1000,
  1001,
  -1,
  1.5,
  '',
  null,
  true,
  {},
  [],
);

export const eventStoreMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: eventStoreEdgeValueArb }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('addKey' as const),
    at: fc.nat(),
    key: fc.constantFrom('upcast', 'snapshot', 'topic', 'aggregate', 'projection', 'whenStatus'),
  }),
);
