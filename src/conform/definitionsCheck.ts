/**
 * definitions.json against the real broker: a design's broker exported with exportDefinitions is
 * imported into a private RabbitMQ (`rabbitmqctl import_definitions`), read back
 * (`rabbitmqctl export_definitions`), imported again with importDefinitions, and compared with
 * the design. Also a policy: RabbitMQ's export keeps it as a policy; importDefinitions turns it
 * into the queue arguments it matches. Part of `npm test` (test:conform). Exit 1 on a difference.
 *
 *   tsx src/conform/definitionsCheck.ts [--port 5697]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportDefinitions, importDefinitions } from '../engine/amqp/definitions';
import type { AmqpSpec } from '../engine/scenario/types';
import { ctl, startBroker, stopBroker, type Broker } from './broker';

/** Every kind of thing definitions carry: each exchange type, e2e and header bindings, AE,
 *  classic and quorum queues with limits, TTLs, DLX and a delivery limit. */
export const SAMPLE: AmqpSpec = {
  exchanges: [
    { name: 'logs_topic', type: 'topic', durable: true },
    {
      name: 'orders',
      type: 'direct',
      durable: true,
      arguments: { 'alternate-exchange': 'unrouted' },
    },
    { name: 'unrouted', type: 'fanout', durable: true },
    { name: 'by-header', type: 'headers', durable: true },
    { name: 'dlx', type: 'direct', durable: true, internal: true },
    { name: 'fan-in', type: 'fanout', durable: false, autoDelete: true },
  ],
  queues: [
    { name: 'errors', durable: true },
    {
      name: 'work',
      durable: true,
      arguments: {
        'x-max-length': 100,
        'x-overflow': 'reject-publish-dlx',
        'x-dead-letter-exchange': 'dlx',
      },
    },
    {
      name: 'retry',
      durable: true,
      arguments: {
        'x-message-ttl': 5000,
        'x-dead-letter-exchange': 'orders',
        'x-dead-letter-routing-key': 'new',
      },
    },
    {
      name: 'payments',
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': 3,
        'x-dead-letter-exchange': 'dlx',
      },
    },
    {
      name: 'unrouted-q',
      durable: true,
      arguments: { 'x-max-length-bytes': 1048576, 'x-expires': 600000 },
    },
    { name: 'pdf', durable: true },
  ],
  bindings: [
    {
      source: 'logs_topic',
      destination: 'errors',
      destinationType: 'queue',
      routingKey: '*.error',
    },
    {
      source: 'logs_topic',
      destination: 'errors',
      destinationType: 'queue',
      routingKey: 'payment.#',
    },
    { source: 'orders', destination: 'work', destinationType: 'queue', routingKey: 'new' },
    { source: 'orders', destination: 'logs_topic', destinationType: 'exchange', routingKey: 'new' },
    { source: 'unrouted', destination: 'unrouted-q', destinationType: 'queue', routingKey: '' },
    { source: 'dlx', destination: 'retry', destinationType: 'queue', routingKey: 'new' },
    {
      source: 'by-header',
      destination: 'pdf',
      destinationType: 'queue',
      routingKey: '',
      arguments: { 'x-match': 'all', format: 'pdf' },
    },
  ],
  publishers: [],
  consumers: [],
};

/** Order-free comparable form: lists sorted by their identity, absent flags = RabbitMQ's defaults. */
export function canonical(spec: AmqpSpec): unknown {
  const sortBy = <T>(xs: T[], key: (x: T) => string) =>
    [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const table = (t: Record<string, unknown> | undefined) =>
    JSON.stringify(Object.fromEntries(Object.entries(t ?? {}).sort()));
  return {
    exchanges: sortBy(spec.exchanges, (x) => x.name).map((x) => [
      x.name,
      x.type,
      !!x.durable,
      !!x.autoDelete,
      !!x.internal,
      table(x.arguments),
    ]),
    queues: sortBy(spec.queues, (q) => q.name).map((q) => [
      q.name,
      !!q.durable,
      !!q.autoDelete,
      table(q.arguments),
    ]),
    bindings: sortBy(
      spec.bindings.map((b) => [
        b.source,
        b.destination,
        b.destinationType,
        b.routingKey,
        table(b.arguments),
      ]),
      (b) => JSON.stringify(b),
    ),
  };
}

async function roundTrip(broker: Broker, dir: string, defs: unknown): Promise<unknown> {
  const inFile = path.join(dir, 'in.json');
  const outFile = path.join(dir, 'out.json');
  writeFileSync(inFile, JSON.stringify(defs, null, 2));
  await ctl(broker, ['import_definitions', inFile]);
  // rabbitmqctl says the import "is asynchronous": read back until every queue and exchange
  // of the file is there (bounded: 10 tries).
  const want = defs as { queues: unknown[]; exchanges: unknown[] };
  let got: { queues?: unknown[]; exchanges?: unknown[] } = {};
  for (let attempt = 0; attempt < 10; attempt++) {
    await ctl(broker, ['export_definitions', outFile]);
    got = JSON.parse(readFileSync(outFile, 'utf8')) as typeof got;
    if ((got.queues?.length ?? 0) >= want.queues.length) break;
  }
  return got;
}

/** RabbitMQ 3.10 imports internal exchanges but leaves them out of export_definitions (seen on
 *  the real broker): the broker's export is compared with the design minus those. */
function withoutInternal(spec: AmqpSpec): AmqpSpec {
  return { ...spec, exchanges: spec.exchanges.filter((x) => !x.internal) };
}

function compare(label: string, design: AmqpSpec, got: unknown): string[] {
  const expected = withoutInternal(design);
  const imported = importDefinitions(got);
  if ('errors' in imported)
    return [`${label}: importDefinitions refused RabbitMQ's export: ${imported.errors.join('; ')}`];
  const lines = (x: unknown) =>
    Object.entries(x as Record<string, unknown[]>).flatMap(([k, v]) =>
      v.map((e) => `${k} ${JSON.stringify(e)}`),
    );
  const a = lines(canonical(expected));
  const b = lines(canonical(imported.spec));
  const missing = a.filter((l) => !b.includes(l));
  const extra = b.filter((l) => !a.includes(l));
  if (missing.length + extra.length === 0) return [];
  return [
    `${label}: the broker's export differs from the design\n${missing
      .map((l) => `  - design: ${l}`)
      .concat(extra.map((l) => `  + broker: ${l}`))
      .join('\n')}`,
  ];
}

async function main(): Promise<number> {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 5697;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventflow-defs-'));
  let broker: Broker;
  try {
    broker = await startBroker(port);
  } catch (e) {
    console.error(`definitions: ${(e as Error).message}`);
    return 3;
  }
  const problems: string[] = [];
  try {
    // 1. A design exported, imported into RabbitMQ and read back.
    problems.push(
      ...compare('design', SAMPLE, await roundTrip(broker, dir, exportDefinitions(SAMPLE))),
    );
    // 2. A policy: RabbitMQ keeps it as a policy; importDefinitions applies it to the queue.
    const withPolicy = {
      ...exportDefinitions({
        exchanges: [],
        queues: [{ name: 'pol.q', durable: true, arguments: { 'x-max-length': 5 } }],
        bindings: [],
        publishers: [],
        consumers: [],
      }),
      policies: [
        {
          vhost: '/',
          name: 'limits',
          pattern: '^pol\\.',
          'apply-to': 'queues',
          priority: 1,
          definition: { 'max-length': 10, 'message-ttl': 2000, 'dead-letter-exchange': 'dlx' },
        },
      ],
    };
    const back = (await roundTrip(broker, dir, withPolicy)) as { policies?: unknown[] };
    if (!Array.isArray(back.policies) || back.policies.length === 0)
      problems.push('policy: RabbitMQ exported no policy');
    const expected: AmqpSpec = {
      ...SAMPLE,
      queues: [
        ...SAMPLE.queues,
        {
          name: 'pol.q',
          durable: true,
          arguments: { 'x-max-length': 5, 'x-message-ttl': 2000, 'x-dead-letter-exchange': 'dlx' },
        },
      ],
    };
    problems.push(...compare('policy', expected, back));
  } catch (e) {
    problems.push(`definitions: ${(e as Error).message}`);
  } finally {
    await stopBroker(broker).catch((e: Error) =>
      problems.push(`stopping the broker: ${e.message}`),
    );
    rmSync(dir, { recursive: true, force: true });
  }
  for (const p of problems) console.log(`✗ ${p}`);
  if (problems.length === 0)
    console.log(
      '✓ definitions.json: a design exported, imported into RabbitMQ and read back unchanged (and a policy applied as queue arguments)',
    );
  return problems.length ? 1 : 0;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`definitions: ${e.message}`);
      process.exit(1);
    },
  );
}
