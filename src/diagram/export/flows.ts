/**
 * What flows where in a scenario, for the exports to real systems (AsyncAPI, kafka-topics.sh,
 * client properties, the client script): the event types each Kafka topic, RabbitMQ exchange
 * and queue may carry, and safe, unique identifiers for user-named things.
 *
 * Event types reach a topic from its producers, from services' emits and, for a dead-letter
 * topic, from the topics its group consumes; they reach an exchange from its publishers, from
 * emits and from queues dead-lettering to it; they reach a queue from the exchanges bound to it
 * (exchange-to-exchange bindings followed) and, for the default exchange "", from a publisher
 * whose routing key names the queue. It is the "may carry" relation: a fixed point, bounded.
 *
 * Names are user text: everything is keyed in Maps.
 */
import type { Scenario } from '../../engine';

export interface Flows {
  /** Kafka topic → event types (sorted). */
  topicTypes: Map<string, string[]>;
  /** RabbitMQ exchange (declared, pre-declared or "") → event types. */
  exchangeTypes: Map<string, string[]>;
  /** RabbitMQ queue → event types. */
  queueTypes: Map<string, string[]>;
}

function add(m: Map<string, Set<string>>, k: string, types: Iterable<string>): boolean {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  const before = s.size;
  for (const t of types) s.add(t);
  return s.size !== before;
}

const sorted = (m: Map<string, Set<string>>): Map<string, string[]> =>
  new Map([...m].map(([k, v]) => [k, [...v].sort()]));

export function computeFlows(s: Scenario): Flows {
  const topics = new Map<string, Set<string>>();
  const exchanges = new Map<string, Set<string>>();
  const queues = new Map<string, Set<string>>();
  for (const t of s.topics) add(topics, t.name, []);
  const a = s.amqp;
  for (const x of a?.exchanges ?? []) add(exchanges, x.name, []);
  for (const q of a?.queues ?? []) add(queues, q.name, []);
  for (const p of s.producers) add(topics, p.topic, [p.eventType]);
  for (const p of a?.publishers ?? []) add(exchanges, p.exchange, [p.eventType]);
  // Emits do not depend on what arrives (a handler's `on` may name a type no one sends yet).
  const emitsOf = (handlers: Scenario['groups'][number]['handlers']) => {
    for (const h of handlers ?? [])
      for (const e of h.emit) {
        if (e.topic !== undefined) add(topics, e.topic, [e.type]);
        if (e.exchange !== undefined) add(exchanges, e.exchange, [e.type]);
      }
  };
  for (const g of s.groups) emitsOf(g.handlers);
  for (const c of a?.consumers ?? []) emitsOf(c.handlers);
  const queueNames = new Set((a?.queues ?? []).map((q) => q.name));
  // The fixed point: every round adds at least one type somewhere, and there are finitely many.
  const rounds = 2 + s.topics.length + (a ? a.exchanges.length + a.queues.length + 6 : 0);
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const g of s.groups) {
      const dlt = g.failure?.deadLetterTopic;
      if (dlt === undefined) continue;
      for (const t of g.topics) changed = add(topics, dlt, topics.get(t) ?? []) || changed;
    }
    for (const b of a?.bindings ?? []) {
      const from = exchanges.get(b.source) ?? new Set<string>();
      const into = b.destinationType === 'queue' ? queues : exchanges;
      changed = add(into, b.destination, from) || changed;
    }
    for (const p of a?.publishers ?? []) {
      if (p.exchange !== '') continue;
      // The default exchange routes by queue name: a fixed key names one queue; a template or
      // a choice may name any (a choice: those it lists).
      const rk = p.routingKey;
      const names =
        typeof rk === 'string'
          ? rk.includes('{')
            ? [...queueNames]
            : [rk]
          : rk.keys.filter((k) => queueNames.has(k));
      for (const n of names)
        if (queueNames.has(n)) changed = add(queues, n, [p.eventType]) || changed;
    }
    for (const q of a?.queues ?? []) {
      const dlx = q.arguments?.['x-dead-letter-exchange'];
      if (typeof dlx === 'string')
        changed = add(exchanges, dlx, queues.get(q.name) ?? []) || changed;
    }
    if (!changed) break;
  }
  return {
    topicTypes: sorted(topics),
    exchangeTypes: sorted(exchanges),
    queueTypes: sorted(queues),
  };
}

/**
 * Safe identifiers: `[A-Za-z0-9._-]` only (AsyncAPI component keys, JSON pointers without
 * escapes, file names), unique per namespace; the same name always gets the same id.
 */
export class Ids {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();
  constructor(private readonly prefix = '') {}
  of(name: string): string {
    const had = this.byName.get(name);
    if (had !== undefined) return had;
    let base = this.prefix + (name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || '_');
    if (base === '.' || base === '..') base = base.replace(/\./g, '_');
    // Keys some JavaScript tools (the AsyncAPI parser among them) treat as the prototype.
    if (base === '__proto__' || base === 'constructor' || base === 'prototype') base += '_';
    let id = base;
    for (let i = 2; this.taken.has(id); i++) id = `${base}-${i}`;
    this.taken.add(id);
    this.byName.set(name, id);
    return id;
  }
}
