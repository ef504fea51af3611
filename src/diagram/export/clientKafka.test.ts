/**
 * The generated client's Kafka side, run by Node against an in-memory stand-in for `kafkajs`
 * (no Kafka broker on this machine): the stand-in keeps each topic's messages, serves each
 * group's messages to one member, and records every call. What the script does with the
 * design is checked: producers send their event types and keys to their topics, consumer groups
 * subscribe with their settings, handlers emit to the emit topics, manual groups commit the
 * next offset, transactional services send offsets in their transactions.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../engine';
import { builtInScenarios } from '../../scenarios';
import { clientScript } from './clientScript';

const dir = mkdtempSync(join(tmpdir(), 'eventflow-client-kafka-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stand-in: ESM, in node_modules/kafkajs of the temp dir, so `import('kafkajs')` finds it. */
const FAKE = String.raw`
import { writeFileSync } from 'node:fs';
const topics = new Map();
const calls = [];
const taken = new Set();
const push = (t, m) => { if (!topics.has(t)) topics.set(t, []); topics.get(t).push(m); };
process.on('exit', () => writeFileSync(process.env.FAKE_KAFKA_OUT, JSON.stringify({
  calls, topics: Object.fromEntries([...topics].map(([t, ms]) => [t, ms.map((m) => ({
    key: m.key ?? null, value: m.value ?? null, partition: m.partition ?? null }))])) })));
export const logLevel = { NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 };
export class Kafka {
  constructor(config) { calls.push(['kafka', config.brokers]); }
  admin() {
    return { connect: async () => {}, disconnect: async () => {},
      createTopics: async (o) => { calls.push(['createTopics', o]); return true; } };
  }
  producer(opts = {}) {
    calls.push(['producer', opts]);
    return {
      connect: async () => {}, disconnect: async () => {},
      send: async ({ topic, acks, messages }) => { calls.push(['send', topic, acks, messages.length]); for (const m of messages) push(topic, m); },
      transaction: async () => {
        const buf = [];
        return {
          send: async ({ topic, messages }) => { for (const m of messages) buf.push([topic, m]); },
          sendOffsets: async (o) => { calls.push(['sendOffsets', o]); },
          commit: async () => { for (const [t, m] of buf) push(t, m); calls.push(['commit', opts.transactionalId, buf.length]); },
          abort: async () => { calls.push(['abort']); },
        };
      },
    };
  }
  consumer(opts) {
    calls.push(['consumer', opts]);
    let subs = null, running = true;
    return {
      connect: async () => {},
      disconnect: async () => { running = false; },
      subscribe: async (s) => { subs = s; calls.push(['subscribe', opts.groupId, s]); },
      commitOffsets: async (o) => { calls.push(['commitOffsets', opts.groupId, o]); },
      run: async ({ eachMessage, autoCommit }) => {
        calls.push(['run', opts.groupId, autoCommit]);
        if (taken.has(opts.groupId)) return; // one member gets every partition
        taken.add(opts.groupId);
        const pos = new Map();
        (async () => {
          while (running) {
            for (const t of subs.topics) {
              const ms = topics.get(t) ?? [];
              const i = pos.get(t) ?? 0;
              if (i >= ms.length) continue;
              pos.set(t, i + 1);
              const m = ms[i];
              await eachMessage({ topic: t, partition: 0, message: { offset: String(i),
                key: m.key == null ? null : Buffer.from(m.key), value: m.value == null ? null : Buffer.from(m.value),
                headers: m.headers ?? {} } });
            }
            await new Promise((r) => setTimeout(r, 2));
          }
        })();
      },
    };
  }
}
`;

interface Run {
  calls: unknown[][];
  topics: Record<string, { key: string | null; value: string | null }[]>;
}

function runWithFake(s: Scenario, name: string): Run {
  const base = join(dir, name);
  mkdirSync(join(base, 'node_modules', 'kafkajs'), { recursive: true });
  writeFileSync(
    join(base, 'node_modules', 'kafkajs', 'package.json'),
    JSON.stringify({ name: 'kafkajs', type: 'module', main: 'index.js' }),
  );
  writeFileSync(join(base, 'node_modules', 'kafkajs', 'index.js'), FAKE);
  const file = join(base, 'client.mjs');
  writeFileSync(file, clientScript(s));
  const out = join(base, 'out.json');
  const r = spawnSync(process.execPath, [file, '--duration', '1500', '--create-topics'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, FAKE_KAFKA_OUT: out },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Run;
}

const parsed = (id: string): Scenario => {
  const r = parseScenario(builtInScenarios[id]);
  if (!r.ok) throw new Error(id);
  return r.scenario;
};
const events = (run: Run, topic: string) =>
  (run.topics[topic] ?? []).map((m) => ({
    key: m.key,
    ev: JSON.parse(m.value!) as { eventType: string; payload: Record<string, unknown> },
  }));

describe('the Node client on Kafka (an in-memory kafkajs)', () => {
  it('order-flow: topics created, the producer at its rate and keys, services emit, groups commit', () => {
    const s = parsed('order-flow');
    const run = runWithFake(s, 'order-flow');
    const created = run.calls.find((c) => c[0] === 'createTopics')![1] as {
      topics: { topic: string; numPartitions: number }[];
    };
    expect(created.topics.map((t) => [t.topic, t.numPartitions])).toEqual(
      s.topics.map((t) => [t.name, t.partitions]),
    );
    const orders = events(run, 'order-events');
    // 200/s Poisson for 1.5 s.
    expect(orders.length).toBeGreaterThan(150);
    expect(orders.length).toBeLessThan(500);
    for (const { key, ev } of orders.slice(0, 50)) {
      expect(ev.eventType).toBe('OrderCreated');
      expect(key).toMatch(/^order-\d+$/);
      expect(Number(key!.slice('order-'.length))).toBeLessThan(500);
      expect(ev.payload).toMatchObject({ orderId: key, customerId: 'customer-7', currency: 'USD' });
    }
    // inventory emits InventoryReserved keyed by the order; shipping chains from payment-events.
    const inv = events(run, 'inventory-events');
    expect(inv.length).toBeGreaterThan(0);
    expect(inv.every(({ ev }) => ev.eventType === 'InventoryReserved')).toBe(true);
    expect(inv[0]!.ev.payload.orderId).toBe(inv[0]!.key);
    expect(
      events(run, 'payment-events').every(({ ev }) => ev.eventType === 'PaymentProcessed'),
    ).toBe(true);
    expect(events(run, 'shipping-events').length).toBeGreaterThan(0);
    // Every member of every group joins with its group id; manual groups commit offset + 1.
    for (const g of s.groups) {
      const members = run.calls.filter(
        (c) => c[0] === 'consumer' && (c[1] as { groupId: string }).groupId === g.id,
      );
      expect(members.length, g.id).toBe(
        typeof g.members === 'number' ? g.members : g.members.length,
      );
    }
    const commits = run.calls.filter((c) => c[0] === 'commitOffsets' && c[1] === 'inventory');
    expect(commits.length).toBeGreaterThan(0);
    const first = (commits[0]![2] as { offset: string }[])[0]!;
    expect(first.offset).toBe('1');
    expect(run.calls.find((c) => c[0] === 'run' && c[1] === 'email')![2]).toBe(true); // auto-commit
    expect(run.calls.find((c) => c[0] === 'run' && c[1] === 'inventory')![2]).toBe(false);
  }, 90_000);

  it('exactly-once: the transactional service commits its emits with the consumed offsets', () => {
    const run = runWithFake(parsed('exactly-once'), 'exactly-once');
    const txProducers = run.calls.filter(
      (c) => c[0] === 'producer' && (c[1] as { transactionalId?: string }).transactionalId,
    );
    expect(
      txProducers.map((c) => (c[1] as { transactionalId: string }).transactionalId).sort(),
    ).toEqual(['tx-ledger-eos-1', 'tx-ledger-eos-2']);
    const offsets = run.calls.filter((c) => c[0] === 'sendOffsets');
    expect(offsets.length).toBeGreaterThan(0);
    expect((offsets[0]![1] as { consumerGroupId: string }).consumerGroupId).toBe('ledger-eos');
    expect(events(run, 'ledger-entries').length).toBeGreaterThan(0);
    expect(events(run, 'ledger-entries-alo').length).toBeGreaterThan(0);
    // read_committed groups are not read_uncommitted in kafkajs' terms.
    const audit = run.calls.find(
      (c) => c[0] === 'consumer' && (c[1] as { groupId: string }).groupId === 'audit-eos',
    )![1] as { readUncommitted: boolean };
    expect(audit.readUncommitted).toBe(false);
    const dirty = run.calls.find(
      (c) => c[0] === 'consumer' && (c[1] as { groupId: string }).groupId === 'audit-dirty',
    )![1] as { readUncommitted: boolean };
    expect(dirty.readUncommitted).toBe(true);
  }, 90_000);
});
