/**
 * The generated amqplib client against a real RabbitMQ: a private node on loopback (its own
 * data dir and port, stopped by its PID's data dir: src/conform/broker.ts, scripts/rabbitmq.sh).
 * The work-queue and logs_topic built-ins run for 2.5 s; the declared queues exist on the broker
 * with their names, the publisher's messages are routed, every consumer gets deliveries.
 * Skipped only where Debian's rabbitmq-server is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctl, startBroker, stopBroker, type Broker } from '../../conform/broker';
import { parseScenario, type Scenario } from '../../engine';
import { builtInScenarios } from '../../scenarios';
import { clientScript } from './clientScript';

const installed = existsSync('/usr/lib/rabbitmq/bin/rabbitmq-server');
// Inside the checkout, so that `import('amqplib')` resolves through its node_modules.
const dir = mkdtempSync(join(process.cwd(), '.export-client-'));
let broker: Broker | undefined;

beforeAll(async () => {
  if (installed) broker = await startBroker(5714);
}, 200_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (broker) await stopBroker(broker);
}, 120_000);

const parsed = (id: string): Scenario => {
  const r = parseScenario(builtInScenarios[id]);
  if (!r.ok) throw new Error(id);
  return r.scenario;
};

function runClient(id: string): Record<string, number> {
  const file = join(dir, `${id}.mjs`);
  writeFileSync(file, clientScript(parsed(id)));
  const r = spawnSync(process.execPath, [file, '--amqp', broker!.url, '--duration', '2500'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, number>;
}

describe.skipIf(!installed)('the Node client on a real RabbitMQ', () => {
  it('rabbitmq-work-queue: declared on the broker, published, both workers served', async () => {
    const counts = runClient('rabbitmq-work-queue');
    const published = counts['published tasks'] ?? 0;
    // 40 per second for 2.5 s.
    expect(published).toBeGreaterThan(60);
    expect(published).toBeLessThanOrEqual(101);
    expect(counts['workers delivered']).toBeGreaterThan(0);
    expect(counts['workers delivered']).toBeLessThanOrEqual(published);
    const queues = await ctl(broker!, ['list_queues', 'name', '-q']);
    expect(queues.split('\n').map((l) => l.trim())).toContain('task_queue');
  }, 90_000);

  it('rabbitmq-logs-topic: the routing-key template routes to each bound queue', () => {
    const counts = runClient('rabbitmq-logs-topic');
    const published = counts['published logs_topic'] ?? 0;
    expect(published).toBeGreaterThan(60);
    for (const c of ['alerting', 'payment-audit', 'kern-monitor'])
      expect(counts[`${c} delivered`], c).toBeGreaterThan(0);
    // Each binding takes about a third of the keys ({severity}.{component}: 3 × 3).
    const routed =
      (counts['alerting delivered'] ?? 0) +
      (counts['payment-audit delivered'] ?? 0) +
      (counts['kern-monitor delivered'] ?? 0);
    expect(routed).toBeLessThanOrEqual(published * 3);
  }, 90_000);

  it('rabbitmq-poison-message: the quorum queue is declared durable, as RabbitMQ requires', async () => {
    const counts = runClient('rabbitmq-poison-message');
    expect(counts['published jobs']).toBeGreaterThan(0);
    const rows = await ctl(broker!, ['list_queues', 'name', 'durable', 'type', '-q']);
    expect(rows).toMatch(/jobs\.quorum\s+true\s+quorum/);
  }, 90_000);
});
