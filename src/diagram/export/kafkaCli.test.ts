/**
 * kafka-topics.sh commands (run through a real /bin/sh against a stub kafka-topics.sh that
 * prints its arguments), Kafka's topic-name rules, java.util.Properties escaping, the
 * .properties files, and the Node client script (compiled by `node --check`, its design read
 * back with `--print-design`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../engine';
import { acceptedScenarioArb } from '../../engine/scenario/arbitraries';
import { builtInScenarios } from '../../scenarios';
import {
  ASSIGNOR_CLASSES,
  clientPlan,
  clientScript,
  escapeProperty,
  exportAll,
  kafkaPropertiesFiles,
  kafkaTopicProblem,
  kafkaTopicsScript,
  loadProperties,
  shellQuote,
} from '.';

const dir = mkdtempSync(join(tmpdir(), 'eventflow-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parsed = (raw: unknown): Scenario => {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};
const builtIns = Object.entries(builtInScenarios).map(([id, raw]) => [id, parsed(raw)] as const);

/** Runs a script with a stub kafka-topics.sh that prints each call's arguments, one per line. */
function runTopics(text: string): string[][] {
  const bin = join(dir, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  const stub = join(bin, 'kafka-topics.sh');
  writeFileSync(stub, '#!/bin/sh\nfor a in "$@"; do printf \'%s\\n\' "$a"; done\necho ---\n');
  chmodSync(stub, 0o755);
  const script = join(dir, 'topics.sh');
  writeFileSync(script, text);
  const r = spawnSync('/bin/sh', [script], {
    env: { PATH: '/usr/bin:/bin', KAFKA_BIN: bin, BOOTSTRAP: 'kafka-1:9092' },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .split('---\n')
    .filter((c) => c !== '')
    .map((c) => c.replace(/\n$/, '').split('\n'));
}

describe('kafka-topics.sh', () => {
  it("Kafka's Topic.validate: empty, '.', '..', over 249 characters, other characters", () => {
    expect(kafkaTopicProblem('orders')).toBeNull();
    expect(kafkaTopicProblem('a.b_c-D9')).toBeNull();
    expect(kafkaTopicProblem('x'.repeat(249))).toBeNull();
    expect(kafkaTopicProblem('x'.repeat(250))).toMatch(/249/);
    expect(kafkaTopicProblem('')).not.toBeNull();
    expect(kafkaTopicProblem('.')).not.toBeNull();
    expect(kafkaTopicProblem('..')).not.toBeNull();
    expect(kafkaTopicProblem('...')).toBeNull();
    expect(kafkaTopicProblem('a; rm -rf /')).not.toBeNull();
    expect(kafkaTopicProblem('orders\n')).not.toBeNull();
  });

  it('a quoted word is the string itself to /bin/sh, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .string({ unit: 'binary', minLength: 0, maxLength: 12 })
            .filter((s) => !s.includes('\0')),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (words) => {
          const r = spawnSync(
            '/bin/sh',
            ['-c', `for a in ${words.map(shellQuote).join(' ')}; do printf '%s\\0' "$a"; done`],
            {
              encoding: 'utf8',
            },
          );
          expect(r.stdout.split('\0').slice(0, -1)).toEqual(words);
        },
      ),
      { numRuns: 60 },
    );
    expect(shellQuote('a; rm -rf /')).toBe(`'a; rm -rf /'`);
  });

  it('every built-in: one create per topic with its partitions, replication factor and configs', () => {
    for (const [id, s] of builtIns) {
      const calls = runTopics(kafkaTopicsScript(s).text);
      expect(calls.length, id).toBe(s.topics.length);
      s.topics.forEach((t, i) => {
        const args = calls[i]!;
        const at = (flag: string) => args[args.indexOf(flag) + 1];
        expect(args.slice(0, 3)).toEqual(['--bootstrap-server', 'kafka-1:9092', '--create']);
        expect(at('--topic')).toBe(t.name);
        expect(at('--partitions')).toBe(String(t.partitions));
        expect(args.includes('--replication-factor')).toBe(t['replication.factor'] !== undefined);
        if (t['replication.factor'] !== undefined)
          expect(at('--replication-factor')).toBe(String(t['replication.factor']));
        const configs = args.flatMap((a, j) => (args[j - 1] === '--config' ? [a] : []));
        if (t['cleanup.policy']) expect(configs).toContain(`cleanup.policy=${t['cleanup.policy']}`);
        if (t['retention.ms'] !== undefined)
          expect(configs).toContain(`retention.ms=${t['retention.ms']}`);
      });
    }
  });

  it('hostile and illegal names: quoted, refused with the reason, the rest still created', () => {
    const base = builtIns.find(([id]) => id === 'order-flow')![1];
    const s: Scenario = {
      ...base,
      name: 'x\nrm -rf / #',
      topics: [
        { name: "a'; touch /tmp/pwned-eventflow; echo '", partitions: 2 },
        { name: '.', partitions: 1 },
        { name: 'ok.topic', partitions: 3, 'cleanup.policy': 'compact,delete' },
        { name: 'ok_topic', partitions: 1 },
      ],
    };
    const t = kafkaTopicsScript(s);
    expect(t.refused.map((r) => r.topic)).toEqual([s.topics[0]!.name, '.']);
    expect(t.warnings.join()).toMatch(/collide/);
    const calls = runTopics(t.text);
    expect(calls.map((c) => c[c.indexOf('--topic') + 1])).toEqual(['ok.topic', 'ok_topic']);
    expect(calls[0]).toContain('cleanup.policy=compact,delete');
    expect(
      t.text
        .split('\n')
        .filter((l) => l.includes('rm -rf'))
        .every((l) => l.startsWith('#')),
    ).toBe(true);
  });
});

describe('.properties files', () => {
  it('java.util.Properties escaping: the known cases', () => {
    expect(escapeProperty('a=b:c #!', false)).toBe('a\\=b\\:c \\#\\!');
    expect(escapeProperty(' lead', false)).toBe('\\ lead');
    expect(escapeProperty('a key', true)).toBe('a\\ key');
    expect(escapeProperty('tab\there\nnl\\', false)).toBe('tab\\there\\nnl\\\\');
    expect(escapeProperty('订单é', false)).toBe('\\u8BA2\\u5355\\u00E9');
  });

  it('any key and value read back as written (Properties.load rules)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((k) => k !== ''),
        fc.string({ unit: 'binary' }),
        (k, v) => {
          const text = `# c\n${escapeProperty(k, true)}=${escapeProperty(v, false)}\n`;
          expect(text.split('\n').length).toBe(3); // one line, whatever the text
          expect([...loadProperties(text)]).toEqual([[k, v]]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("every producer and group gets its file with the design's settings under Kafka's names", () => {
    for (const [id, s] of builtIns) {
      const files = kafkaPropertiesFiles(s);
      for (const p of s.producers) {
        const f = files.find((x) => loadProperties(x.text).get('client.id') === p.id);
        expect(f, `${id} ${p.id}`).toBeDefined();
        const props = loadProperties(f!.text);
        for (const [k, v] of Object.entries(p.config ?? {}))
          expect(props.get(k), k).toBe(String(v));
      }
      for (const g of s.groups) {
        const f = files.find((x) => loadProperties(x.text).get('group.id') === g.id);
        expect(f, `${id} ${g.id}`).toBeDefined();
        const props = loadProperties(f!.text);
        const c = g.config ?? {};
        for (const k of [
          'max.poll.records',
          'session.timeout.ms',
          'auto.offset.reset',
          'isolation.level',
        ] as const)
          if (c[k] !== undefined) expect(props.get(k)).toBe(String(c[k]));
        if (c['partition.assignment.strategy'])
          expect(props.get('partition.assignment.strategy')).toBe(
            ASSIGNOR_CLASSES.get(c['partition.assignment.strategy']),
          );
        // A group committing by itself (a commit mode, or transactions) turns auto-commit off.
        if (g.commit !== undefined || c['transactional.id'] !== undefined)
          expect(props.get('enable.auto.commit')).toBe(
            c['enable.auto.commit'] === true ? 'true' : 'false',
          );
      }
    }
  });

  it('assignors and static membership: class names, one group.instance.id per member', () => {
    const base = builtIns.find(([id]) => id === 'order-flow')![1];
    const g0 = base.groups[0]!;
    for (const [name, cls] of ASSIGNOR_CLASSES) {
      const s = {
        ...base,
        groups: [
          {
            ...g0,
            members: 2,
            config: { 'partition.assignment.strategy': name, 'group.instance.id': 'inst-{member}' },
          },
        ],
      } as Scenario;
      const f = kafkaPropertiesFiles(s).find((x) => x.name.startsWith('consumer-'))!;
      const props = loadProperties(f.text);
      expect(props.get('partition.assignment.strategy')).toBe(cls);
      expect(props.get('group.instance.id')).toBe(`inst-${g0.id}-1`);
      expect(f.text).toContain(`"inst-${g0.id}-2"`);
    }
  });
});

describe('the Node client script', () => {
  const check = (text: string, name: string) => {
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return file;
  };

  it('every built-in: valid JavaScript whose design is the scenario (names as data)', () => {
    for (const [id, s] of builtIns) {
      const file = check(clientScript(s), id);
      const r = spawnSync(process.execPath, [file, '--print-design'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const design = JSON.parse(r.stdout);
      expect(design).toEqual(JSON.parse(JSON.stringify(clientPlan(s))));
      expect(design.topics.map((t: { name: string }) => t.name)).toEqual(
        s.topics.map((t) => t.name),
      );
      expect(design.groups.map((g: { id: string }) => g.id)).toEqual(s.groups.map((g) => g.id));
      if (s.amqp) {
        expect(design.amqp.exchanges.map((x: { name: string }) => x.name)).toEqual(
          s.amqp.exchanges.map((x) => x.name),
        );
        expect(design.amqp.queues.map((q: { name: string }) => q.name)).toEqual(
          s.amqp.queues.map((q) => q.name),
        );
      }
      expect(clientScript(s).includes("import('kafkajs')")).toBe(true);
    }
  });

  it('random scenarios: valid JavaScript, every topic, group, exchange and queue in it', () => {
    fc.assert(
      fc.property(acceptedScenarioArb, (raw) => {
        const r = parseScenario(raw);
        if (!r.ok) return;
        const s = r.scenario;
        const text = clientScript(s);
        check(text, 'random');
        // The design is JSON inside a string literal: each name appears encoded twice.
        const enc = (n: string) => JSON.stringify(JSON.stringify(n)).slice(1, -1);
        for (const n of [
          ...s.topics.map((t) => t.name),
          ...s.groups.map((g) => g.id),
          ...s.producers.map((p) => p.id),
          ...(s.amqp?.exchanges.map((x) => x.name) ?? []),
          ...(s.amqp?.queues.map((q) => q.name) ?? []),
        ])
          expect(text).toContain(enc(n));
      }),
      { numRuns: 20, endOnFailure: true },
    );
  });

  it('a hostile name stays data: the script still compiles and prints it back', () => {
    const base = builtIns.find(([id]) => id === 'order-flow')![1];
    const evil = '"); process.exit(7); ("\u2028`${x}`';
    const s: Scenario = {
      ...base,
      name: evil,
      producers: base.producers.map((p) => ({ ...p, eventType: evil })),
    };
    const file = check(clientScript(s), 'evil');
    const r = spawnSync(process.execPath, [file, '--print-design'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe(evil);
  });
});

describe('exportAll', () => {
  it('definitions.json only with a RabbitMQ broker; deterministic', () => {
    for (const [id, s] of builtIns) {
      const a = exportAll(s);
      expect(
        a.files.some((f) => f.name.endsWith('.definitions.json')),
        id,
      ).toBe(s.amqp !== undefined);
      expect(a.files.some((f) => f.name.endsWith('.asyncapi.json'))).toBe(true);
      expect(JSON.stringify(exportAll(s))).toBe(JSON.stringify(a));
      expect(new Set(a.files.map((f) => f.name)).size).toBe(a.files.length);
    }
  });
});
