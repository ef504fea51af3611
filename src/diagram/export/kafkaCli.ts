/**
 * Kafka's command-line side of a design: `kafka-topics.sh --create` lines and the producers' and
 * consumer groups' `.properties` files.
 *
 * Sources followed:
 * - Kafka's `org.apache.kafka.common.internals.Topic.validate`: a topic name is not empty, not
 *   "." or "..", at most 249 characters, only `[a-zA-Z0-9._-]`; `Topic.hasCollisionChars` /
 *   the "could collide" warning kafka-topics.sh prints for names that differ only by '.' vs '_'.
 * - kafka-topics.sh (TopicCommand): `--bootstrap-server`, `--create`, `--topic`,
 *   `--partitions`, `--replication-factor`, `--config k=v` (repeatable), `--alter --partitions`.
 * - Kafka's producer / consumer configs (kafka.apache.org/documentation, "Producer Configs",
 *   "Consumer Configs"); the assignors' class names `org.apache.kafka.clients.consumer.
 *   RangeAssignor`, `RoundRobinAssignor`, `StickyAssignor`, `CooperativeStickyAssignor`.
 * - `java.util.Properties#store` (Javadoc): `\`, tab, newline, carriage return and form feed
 *   are written `\\`, `\t`, `\n`, `\r`, `\f`; `#`, `!`, `=` and `:` get a backslash; every space
 *   of a key and a value's leading space get a backslash; characters outside 0x20–0x7E are
 *   written `\uXXXX` (what `store(OutputStream)` writes, and `load` reads back in both forms).
 * - POSIX shell quoting: inside single quotes nothing is special; a single quote is `'\''`.
 */
import { memberIds, type GroupSpec, type ProducerSpec, type Scenario } from '../../engine';
import { Ids } from './flows';

/** Kafka's Topic.validate: why Kafka would refuse this topic name, or null. */
export function kafkaTopicProblem(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name === '.' || name === '..') return `"${name}" is not allowed as a topic name`;
  if (name.length > 249) return `the name is ${name.length} characters; Kafka's limit is 249`;
  if (!/^[a-zA-Z0-9._-]+$/.test(name))
    return 'the name has characters other than ASCII letters, digits, ".", "_" and "-"';
  return null;
}

/** A shell word that is the string itself, whatever it holds. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9._\-=:/,+@%]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Text inside a `#` comment: one line, whatever it holds (JSON escapes control characters). */
const commentText = (s: string): string =>
  JSON.stringify(s).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

const TOPIC_CONFIG_KEYS = [
  'cleanup.policy',
  'retention.ms',
  'retention.bytes',
  'segment.ms',
  'segment.bytes',
  'delete.retention.ms',
  'min.compaction.lag.ms',
  'min.cleanable.dirty.ratio',
  'min.insync.replicas',
  'unclean.leader.election.enable',
] as const;

export interface TopicsScript {
  text: string;
  /** Topics Kafka would refuse (left out of the script, with the reason). */
  refused: { topic: string; reason: string }[];
  warnings: string[];
}

/** `kafka-topics.sh --create` for every topic; a POSIX sh script. */
export function kafkaTopicsScript(s: Scenario): TopicsScript {
  const refused: TopicsScript['refused'] = [];
  const warnings: string[] = [];
  const lines = [
    '#!/bin/sh',
    `# Kafka topics of the EventFlow design ${commentText(s.name)}.`,
    '# BOOTSTRAP (default localhost:9092) is the cluster; KAFKA_BIN the directory of kafka-topics.sh.',
    'set -eu',
    'BOOTSTRAP="${BOOTSTRAP:-localhost:9092}"',
    'KAFKA_TOPICS="${KAFKA_BIN:+$KAFKA_BIN/}kafka-topics.sh"',
    '',
  ];
  // Kafka warns that '.' and '_' collide in metric names (Topic.hasCollisionChars).
  const byMetricName = new Map<string, string[]>();
  for (const t of s.topics) {
    const k = t.name.replace(/\./g, '_');
    byMetricName.set(k, [...(byMetricName.get(k) ?? []), t.name]);
  }
  for (const names of byMetricName.values())
    if (names.length > 1)
      warnings.push(
        `topics ${names.map((n) => JSON.stringify(n)).join(' and ')} collide: Kafka's metric names replace '.' with '_'`,
      );
  for (const w of warnings) lines.push(`# WARNING: ${commentText(w)}`);
  for (const t of s.topics) {
    const problem = kafkaTopicProblem(t.name);
    if (problem) {
      refused.push({ topic: t.name, reason: problem });
      lines.push(`# REFUSED topic ${commentText(t.name)}: Kafka would refuse it (${problem}).`);
      continue;
    }
    const words = [
      '"$KAFKA_TOPICS"',
      '--bootstrap-server',
      '"$BOOTSTRAP"',
      '--create',
      '--topic',
      shellQuote(t.name),
      '--partitions',
      String(t.partitions),
    ];
    const rf = t['replication.factor'];
    if (rf !== undefined) words.push('--replication-factor', String(rf));
    for (const k of TOPIC_CONFIG_KEYS) {
      const v = t[k];
      if (v !== undefined) words.push('--config', shellQuote(`${k}=${String(v)}`));
    }
    lines.push(words.join(' '));
  }
  const grows = s.faults.filter((f) => f.kind === 'addPartitions');
  if (grows.length) lines.push('', '# The design adds partitions while it runs:');
  for (const f of grows) {
    if (kafkaTopicProblem(f.topic)) continue;
    lines.push(
      `# at ${f.atMs} ms: "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --alter --topic ${shellQuote(f.topic)} --partitions ${f.partitions}`.replace(
        /[\r\n\u2028\u2029\u0085]/g,
        ' ',
      ),
    );
  }
  return { text: lines.join('\n') + '\n', refused, warnings };
}

/** java.util.Properties#store escaping of a key or a value. */
export function escapeProperty(s: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (c === ' ') out += i === 0 || isKey ? '\\ ' : ' ';
    else if (c === '\\') out += '\\\\';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\f') out += '\\f';
    else if (c === '=' || c === ':' || c === '#' || c === '!') out += '\\' + c;
    else if (code < 0x20 || code > 0x7e)
      out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else out += c;
  }
  return out;
}

/** Reads a `.properties` text as java.util.Properties#load does (for the tests; the subset
 *  `escapeProperty` writes plus comments, blank lines and `=`/`:`/whitespace separators). */
export function loadProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    let key = '';
    let i = 0;
    const unescape = (): string => {
      const c = line[++i]!;
      if (c === 'u') {
        const ch = String.fromCharCode(parseInt(line.slice(i + 1, i + 5), 16));
        i += 4;
        return ch;
      }
      return c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c === 'f' ? '\f' : c;
    };
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\') key += unescape();
      else if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
      else key += c;
    }
    while (i < line.length && /[ \t\f]/.test(line[i]!)) i++;
    if (line[i] === '=' || line[i] === ':') i++;
    while (i < line.length && /[ \t\f]/.test(line[i]!)) i++;
    let value = '';
    for (; i < line.length; i++) {
      const c = line[i]!;
      value += c === '\\' ? unescape() : c;
    }
    out.set(key, value);
  }
  return out;
}

export const ASSIGNOR_CLASSES: ReadonlyMap<string, string> = new Map([
  ['range', 'org.apache.kafka.clients.consumer.RangeAssignor'],
  ['roundrobin', 'org.apache.kafka.clients.consumer.RoundRobinAssignor'],
  ['sticky', 'org.apache.kafka.clients.consumer.StickyAssignor'],
  ['cooperative-sticky', 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor'],
]);

export interface PropertiesFile {
  name: string;
  text: string;
  /** The settings written (for the tests and the script). */
  settings: Map<string, string>;
}

const PRODUCER_KEYS = [
  'acks',
  'enable.idempotence',
  'retries',
  'retry.backoff.ms',
  'request.timeout.ms',
  'delivery.timeout.ms',
  'max.in.flight.requests.per.connection',
  'linger.ms',
  'batch.size',
  'metadata.max.age.ms',
  'transactional.id',
  'transaction.timeout.ms',
] as const;

const CONSUMER_KEYS = [
  'auto.commit.interval.ms',
  'auto.offset.reset',
  'max.poll.records',
  'max.poll.interval.ms',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'isolation.level',
  'metadata.max.age.ms',
] as const;

function write(
  name: string,
  header: string[],
  settings: Map<string, string>,
  notes: string[] = [],
): PropertiesFile {
  const lines = header.map((h) => `# ${h.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')}`);
  for (const n of notes) lines.push(`# ${n.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')}`);
  for (const [k, v] of settings)
    lines.push(`${escapeProperty(k, true)}=${escapeProperty(v, false)}`);
  return { name, text: lines.join('\n') + '\n', settings };
}

const fileIds = (): Ids => new Ids();

/** Kafka's effective enable.auto.commit for a group, as the simulator decides it. */
export function autoCommit(g: GroupSpec): boolean {
  return (
    g.config?.['enable.auto.commit'] ??
    (g.commit === undefined && g.config?.['transactional.id'] === undefined)
  );
}

function memberTemplate(template: string, g: GroupSpec): { first: string; note: string | null } {
  const ids = memberIds(g);
  if (!template.includes('{member}')) return { first: template, note: null };
  const each = ids.map((m) => template.split('{member}').join(m));
  return {
    first: each[0] ?? template,
    note: `one value per member (${each.map((v) => JSON.stringify(v)).join(', ')}); this file has the first`,
  };
}

/** One `.properties` file per producer, per consumer group, and per emitting service's producer. */
export function kafkaPropertiesFiles(s: Scenario, bootstrap = 'localhost:9092'): PropertiesFile[] {
  const ids = fileIds();
  const files: PropertiesFile[] = [];
  const header = (what: string) => [
    `${what} of the EventFlow design ${JSON.stringify(s.name)}.`,
    "Settings the design leaves out keep Kafka's defaults, as in the simulator.",
  ];
  for (const p of s.producers) files.push(producerFile(p, ids, header, bootstrap));
  for (const g of s.groups) {
    const m = new Map<string, string>([
      ['bootstrap.servers', bootstrap],
      ['group.id', g.id],
      ['key.deserializer', 'org.apache.kafka.common.serialization.StringDeserializer'],
      ['value.deserializer', 'org.apache.kafka.common.serialization.StringDeserializer'],
      ['enable.auto.commit', String(autoCommit(g))],
    ]);
    const c = g.config ?? {};
    for (const k of CONSUMER_KEYS) if (c[k] !== undefined) m.set(k, String(c[k]));
    const strategy = c['partition.assignment.strategy'];
    if (strategy !== undefined)
      m.set('partition.assignment.strategy', ASSIGNOR_CLASSES.get(strategy) ?? strategy);
    const notes: string[] = [
      `topics: ${g.topics.map((t) => JSON.stringify(t)).join(', ')}; members: ${memberIds(g).length}`,
    ];
    if (c['transactional.id'] !== undefined)
      notes.push(
        'commits: offsets in each transaction (sendOffsetsToTransaction), never by auto-commit',
      );
    else if (g.commit !== undefined)
      notes.push(
        `commits: ${g.commit === 'after-processing' ? 'commitSync after processing (at-least-once)' : 'commitSync before processing (at-most-once)'}`,
      );
    const gi = c['group.instance.id'];
    if (gi !== undefined) {
      const t = memberTemplate(gi, g);
      m.set('group.instance.id', t.first);
      if (t.note) notes.push(`group.instance.id: ${t.note}`);
    }
    if (c['fetch.latency.ms'] !== undefined)
      notes.push(
        `fetch.latency.ms=${c['fetch.latency.ms']} is the simulator's network delay, not a Kafka setting`,
      );
    files.push(
      write(
        ids.of(`consumer-${g.id}`) + '.properties',
        header(`Consumer group ${JSON.stringify(g.id)}`),
        m,
        notes,
      ),
    );
    const emits =
      (g.handlers ?? []).some((h) => h.emit.some((e) => e.topic !== undefined)) ||
      g.failure?.deadLetterTopic !== undefined;
    if (emits || c['transactional.id'] !== undefined) {
      const pm = new Map<string, string>([
        ['bootstrap.servers', bootstrap],
        ['client.id', `${g.id}-producer`],
        ['key.serializer', 'org.apache.kafka.common.serialization.StringSerializer'],
        ['value.serializer', 'org.apache.kafka.common.serialization.StringSerializer'],
      ]);
      const pnotes: string[] = [];
      const tid = c['transactional.id'];
      if (tid !== undefined) {
        const t = memberTemplate(tid, g);
        pm.set('transactional.id', t.first);
        pm.set('enable.idempotence', 'true');
        if (c['transaction.timeout.ms'] !== undefined)
          pm.set('transaction.timeout.ms', String(c['transaction.timeout.ms']));
        if (t.note) pnotes.push(`transactional.id: ${t.note}`);
        pnotes.push('read-process-write: offsets go in the transaction (sendOffsetsToTransaction)');
      }
      files.push(
        write(
          ids.of(`service-producer-${g.id}`) + '.properties',
          header(`The producer of service ${JSON.stringify(g.id)}`),
          pm,
          pnotes,
        ),
      );
    }
  }
  return files;
}

function producerFile(
  p: ProducerSpec,
  ids: Ids,
  header: (what: string) => string[],
  bootstrap: string,
): PropertiesFile {
  const m = new Map<string, string>([
    ['bootstrap.servers', bootstrap],
    ['client.id', p.id],
    ['key.serializer', 'org.apache.kafka.common.serialization.StringSerializer'],
    ['value.serializer', 'org.apache.kafka.common.serialization.StringSerializer'],
  ]);
  const c = p.config ?? {};
  for (const k of PRODUCER_KEYS) if (c[k] !== undefined) m.set(k, String(c[k]));
  const notes = [
    `topic: ${JSON.stringify(p.topic)}; ${p.rate.perSec}/s ${p.rate.kind}; event type ${JSON.stringify(p.eventType)}`,
  ];
  return write(
    ids.of(`producer-${p.id}`) + '.properties',
    header(`Producer ${JSON.stringify(p.id)}`),
    m,
    notes,
  );
}
