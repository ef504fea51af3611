/** `npm run export` run as a process (tsx), as CI would run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'eventflow-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/export.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('npm run export', () => {
  it('--format asyncapi prints the AsyncAPI 3.0.0 document of the scenario', () => {
    const r = run('src/scenarios/kafka-to-rabbitmq.json', '--format', 'asyncapi');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.asyncapi).toBe('3.0.0');
    const addresses = Object.values(doc.channels as Record<string, { address: string }>).map(
      (c) => c.address,
    );
    expect(addresses).toContain('order-events');
  }, 60_000);

  it('--out DIR writes every format (definitions.json for a RabbitMQ design)', () => {
    const out = join(dir, 'all');
    const r = run('src/scenarios/kafka-to-rabbitmq.json', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const names = readdirSync(out).sort();
    expect(names.some((n) => n.endsWith('.asyncapi.json'))).toBe(true);
    expect(names.some((n) => n.endsWith('.kafka-topics.sh'))).toBe(true);
    expect(names.some((n) => n.endsWith('.client.mjs'))).toBe(true);
    expect(names.some((n) => n.endsWith('.definitions.json'))).toBe(true);
    expect(names.some((n) => n.startsWith('producer-') && n.endsWith('.properties'))).toBe(true);
    const defs = JSON.parse(
      readFileSync(
        join(
          out,
          names.find((n) => n.endsWith('.definitions.json'))!,
        ),
        'utf8',
      ),
    );
    expect(defs.queues.length).toBeGreaterThan(0);
  }, 60_000);

  it('a bad scenario: exit 1, the field named, no stack trace', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        version: 1,
        name: 'x',
        topics: [{ name: 'orders', partitions: 0 }],
        producers: [],
        groups: [],
      }),
    );
    const r = run(bad, '--format', 'kafka-topics');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('$.topics[0].partitions');
    expect(r.stdout).toBe('');
    noStack(r.stderr);
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, '['.repeat(100_000));
    const d = run(deep);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/nest|deep/i);
    noStack(d.stderr);
  }, 60_000);

  it('bad arguments exit 2 and name the problem', () => {
    const r = run('src/scenarios/order-flow.json', '--format', 'yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format must be one of');
    noStack(r.stderr);
    expect(run().status).toBe(2);
  }, 60_000);
});
