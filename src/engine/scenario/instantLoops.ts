/**
 * Services that feed each other in a loop with no processing time would run forever at one
 * instant of sim time: a handler that emits the event type it consumes into a topic its own
 * group reads, with `processingMs: 0`, appends a record, fetches it and handles it again, all
 * at the same microsecond. Such a scenario is refused here with a message that names the loop,
 * so the engine never meets it (its same-instant guard is a bug detector, not a validator).
 *
 * The check follows record types through the scenario: producers put their event type on their
 * topic; a group that reads a topic handles each type it can find there and emits to other
 * topics; a failing record goes to the dead-letter topic with its own type. A loop of such hops
 * is refused when every hop can take no time (see `instantUs`).
 *
 * RabbitMQ (version 2) the same way: publishers put their type on the queues their exchange
 * routes to; a consumer handles each type in its queue and publishes to exchanges (routed to
 * queues through bindings, exchange-to-exchange bindings and alternate exchanges) or emits to
 * topics; a failed message is requeued to its own queue (unless a quorum queue's delivery limit
 * bounds it) or dead-lettered through the queue's dead-letter exchange. Where the message
 * decides the route (a routing key template, a headers exchange), every binding may match.
 */
import { topicMatches } from '../amqp/topic';
import { PREDECLARED_EXCHANGES } from './parseAmqp';
import type { AmqpConsumerSpec, AmqpSpec, DistSpec, GroupSpec, Scenario } from './types';
import type { Checker } from './validate';

/** One hop: a group or a RabbitMQ consumer turns messages at `from` into messages at `to`. */
interface Hop {
  /** The group's or consumer's id. */
  who: string;
  from: string;
  to: string;
  /** The JSON path of the rule that makes the hop. */
  path: string;
  instant: boolean;
  /** The hop in English words (a group "x" handles … and emits …). */
  words: string;
}

/*
 * A node is a place (a Kafka topic, or a RabbitMQ queue as `queue:` + name) and an event type.
 * Topic nodes keep the bare topic name, so Kafka-only loops read as they always have.
 */
const QUEUE = 'queue:';
const node = (place: string, type: string) => `${place}\u0000${type}`;
const placeOf = (n: string) => n.slice(0, n.indexOf('\u0000'));
const typeOf = (n: string) => n.slice(n.indexOf('\u0000') + 1);
const placeWords = (place: string) =>
  place.startsWith(QUEUE) ? `queue "${place.slice(QUEUE.length)}"` : `topic "${place}"`;

/**
 * The mean of a processing time as the engine samples it, in whole microseconds (see
 * distributions.ts: samples are rounded to integer µs and clipped at 0).
 */
export function meanSampledUs(d: DistSpec): number {
  if (typeof d === 'number') return Math.round(d * 1000);
  switch (d.kind) {
    case 'constant':
      return Math.round(d.ms * 1000);
    case 'uniform':
      return (Math.round(d.minMs * 1000) + Math.round(d.maxMs * 1000)) / 2;
    case 'exponential': {
      // E[round(X)] = Σ_{k≥1} P(X ≥ k − ½) for X exponential with mean m.
      const m = d.meanMs * 1000;
      return m <= 0 ? 0 : Math.exp(-0.5 / m) / -Math.expm1(-1 / m);
    }
    case 'normal': {
      const mu = d.meanMs * 1000;
      const sd = d.stddevMs * 1000;
      if (sd <= 0) return Math.max(0, Math.round(mu));
      // E[max(0, N(μ, σ²))] = μΦ(μ/σ) + σφ(μ/σ).
      const z = mu / sd;
      return mu * normalCdf(z) + (sd * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
    }
  }
}

/** Abramowitz–Stegun 7.1.26 (error < 1.5e-7): enough to tell "about zero" from "some time". */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Whether some member of the group handles a record in (on average) less than half a
 * microsecond: sim time then does not move between one hop and the next.
 */
function instantMember(g: Pick<GroupSpec | AmqpConsumerSpec, 'members' | 'processingMs'>): boolean {
  const group = g.processingMs ?? 1;
  if (typeof g.members === 'number') return g.members > 0 && meanSampledUs(group) < 0.5;
  return g.members.some((m) => meanSampledUs(m.processingMs ?? group) < 0.5);
}

function hopsOf(g: GroupSpec, gi: number, type: string, from: string, r: Router): Hop[] {
  const instant = instantMember(g);
  const out: Hop[] = [];
  const who = `group "${g.id}" handles "${type}" from ${placeWords(placeOf(from))}`;
  g.handlers?.forEach((h, j) => {
    if (h.on !== type) return;
    // A rule's onFailure emits are another way out of it (issue 14).
    const emits = [
      ...h.emit.map((e, k) => ({ e, path: `$.groups[${gi}].handlers[${j}].emit[${k}]` })),
      ...(h.onFailure?.emit ?? []).map((e, k) => ({
        e,
        path: `$.groups[${gi}].handlers[${j}].onFailure.emit[${k}]`,
      })),
    ];
    emits.forEach(({ e, path }) => {
      if ((e.probability ?? 1) <= 0) return;
      if (e.topic !== undefined)
        out.push({
          who: g.id,
          from,
          to: node(e.topic, e.type),
          path,
          instant,
          words: `${who} and emits "${e.type}" to topic "${e.topic}"`,
        });
      else if (e.exchange !== undefined)
        for (const q of r.route(e.exchange, fixedKey(e.routingKey ?? '')))
          out.push({
            who: g.id,
            from,
            to: node(QUEUE + q, e.type),
            path,
            instant,
            words: `${who} and publishes "${e.type}" to exchange "${e.exchange}", which routes it to queue "${q}"`,
          });
    });
  });
  const f = g.failure;
  if (f?.deadLetterTopic !== undefined) {
    // A dead-lettered record first waits out its retries' backoff.
    const waits = f.retries > 0 && f.backoffMs * 1000 >= 0.5;
    out.push({
      who: g.id,
      from,
      to: node(f.deadLetterTopic, type),
      path: `$.groups[${gi}].failure.deadLetterTopic`,
      // Only a handler failure (failure.rate) sends a dead-letter copy on: copies are never poison.
      instant: instant && !waits && f.rate > 0,
      words: `${who} and emits "${type}" to topic "${f.deadLetterTopic}"`,
    });
  }
  return out;
}

/** A routing key the message will carry, or null when it depends on the message (a template). */
function fixedKey(template: string): string | null {
  return template.includes('{') ? null : template;
}

/**
 * Where RabbitMQ may route a message: the queues reachable from an exchange through bindings
 * (exchange-to-exchange ones too) and alternate exchanges. Conservative where the message
 * decides: a template routing key or a headers exchange may match any of its bindings.
 */
export class Router {
  private readonly types = new Map<string, string>(PREDECLARED_EXCHANGES);
  private readonly alternates = new Map<string, string>();
  private readonly queues: Set<string>;
  constructor(private readonly a: AmqpSpec | undefined) {
    for (const x of a?.exchanges ?? []) {
      this.types.set(x.name, x.type);
      const ae = x.arguments?.['alternate-exchange'];
      if (typeof ae === 'string') this.alternates.set(x.name, ae);
    }
    this.queues = new Set((a?.queues ?? []).map((q) => q.name));
  }

  route(exchange: string, key: string | null): string[] {
    if (!this.a) return [];
    if (exchange === '') {
      // The default exchange: the queue named by the routing key.
      if (key === null) return [...this.queues];
      return this.queues.has(key) ? [key] : [];
    }
    const out = new Set<string>();
    const seen = new Set<string>([exchange]);
    const todo = [exchange];
    const visit = (x: string) => {
      if (seen.has(x)) return;
      seen.add(x);
      todo.push(x);
    };
    while (todo.length > 0) {
      const x = todo.pop()!;
      const type = this.types.get(x);
      if (type === undefined) continue;
      const ae = this.alternates.get(x);
      if (ae !== undefined) visit(ae);
      for (const b of this.a.bindings) {
        if (b.source !== x) continue;
        const matches =
          type === 'fanout' ||
          type === 'headers' ||
          key === null ||
          (type === 'direct' ? b.routingKey === key : topicMatches(b.routingKey, key));
        if (!matches) continue;
        if (b.destinationType === 'queue') out.add(b.destination);
        else visit(b.destination);
      }
    }
    return [...out];
  }

  /** Whether the queue bounds redeliveries (a quorum queue's delivery limit). */
  deliveryLimited(queue: string): boolean {
    const q = this.a?.queues.find((x) => x.name === queue);
    if (q?.arguments?.['x-queue-type'] !== 'quorum') return false;
    const limit = q.arguments['x-delivery-limit'];
    if (this.a?.profile === '4.x') return typeof limit !== 'number' || limit >= 0;
    return typeof limit === 'number' && limit >= 0;
  }

  /** The dead-letter exchange and routing key of a queue, if it has one. */
  deadLetter(queue: string): { exchange: string; key: string | null } | null {
    const args = this.a?.queues.find((x) => x.name === queue)?.arguments;
    const dlx = args?.['x-dead-letter-exchange'];
    if (typeof dlx !== 'string') return null;
    const rk = args?.['x-dead-letter-routing-key'];
    // Without x-dead-letter-routing-key the message keeps its own (unknown here) routing key.
    return { exchange: dlx, key: typeof rk === 'string' ? rk : null };
  }
}

/** The hops of a RabbitMQ consumer on messages of `type` from its queue. */
function consumerHops(
  cs: AmqpConsumerSpec,
  ci: number,
  type: string,
  from: string,
  r: Router,
  poison: boolean,
): Hop[] {
  const instant = instantMember(cs);
  const queue = cs.queue;
  const who = `consumer "${cs.id}" handles "${type}" from queue "${queue}"`;
  const out: Hop[] = [];
  cs.handlers?.forEach((h, j) => {
    if (h.on !== type) return;
    h.emit.forEach((e, k) => {
      if ((e.probability ?? 1) <= 0) return;
      const path = `$.amqp.consumers[${ci}].handlers[${j}].emit[${k}]`;
      if (e.topic !== undefined)
        out.push({
          who: cs.id,
          from,
          to: node(e.topic, e.type),
          path,
          instant,
          words: `${who} and emits "${e.type}" to topic "${e.topic}"`,
        });
      else if (e.exchange !== undefined)
        for (const q of r.route(e.exchange, fixedKey(e.routingKey ?? '')))
          out.push({
            who: cs.id,
            from,
            to: node(QUEUE + q, e.type),
            path,
            instant,
            words: `${who} and publishes "${e.type}" to exchange "${e.exchange}", which routes it to queue "${q}"`,
          });
    });
  });
  // A failed message is nacked: requeued (redelivered at once) or dead-lettered.
  const fails = !cs.autoAck && ((cs.failure?.rate ?? 0) > 0 || poison);
  if (fails && (cs.failure?.requeue ?? true)) {
    if (!r.deliveryLimited(queue))
      out.push({
        who: cs.id,
        from,
        to: from,
        path: `$.amqp.consumers[${ci}].failure.requeue`,
        instant,
        words: `consumer "${cs.id}" fails "${type}" from queue "${queue}" and requeues it to queue "${queue}"`,
      });
  } else if (fails) {
    const dl = r.deadLetter(queue);
    if (dl)
      for (const q of r.route(dl.exchange, dl.key))
        out.push({
          who: cs.id,
          from,
          to: node(QUEUE + q, type),
          path: `$.amqp.consumers[${ci}].failure.requeue`,
          instant,
          words: `consumer "${cs.id}" rejects "${type}" from queue "${queue}" to dead-letter exchange "${dl.exchange}", which routes it to queue "${q}"`,
        });
  }
  return out;
}

/** Reports a loop of services that would run forever at one instant (see the file comment). */
export function checkInstantLoops(c: Checker, s: Scenario): void {
  const r = new Router(s.amqp);
  const reached = new Set<string>();
  const todo: string[] = [];
  const reach = (n: string) => {
    if (reached.has(n)) return;
    reached.add(n);
    todo.push(n);
  };
  for (const p of s.producers) reach(node(p.topic, p.eventType));
  for (const p of s.amqp?.publishers ?? []) {
    const keys = typeof p.routingKey === 'string' ? [fixedKey(p.routingKey)] : p.routingKey.keys;
    for (const k of keys)
      for (const q of r.route(p.exchange, k)) reach(node(QUEUE + q, p.eventType));
  }
  const poisoned = new Set(
    s.faults.flatMap((f) => (f.kind === 'poisonMessage' ? [f.producer] : [])),
  );
  // A poison message from any producer or publisher may reach any queue: conservative.
  const poison = poisoned.size > 0;
  const next = new Map<string, Hop[]>();
  while (todo.length > 0) {
    const n = todo.pop()!;
    const place = placeOf(n);
    const hops: Hop[] = [];
    if (place.startsWith(QUEUE)) {
      const queue = place.slice(QUEUE.length);
      s.amqp?.consumers.forEach((cs, ci) => {
        if (cs.queue === queue) hops.push(...consumerHops(cs, ci, typeOf(n), n, r, poison));
      });
    } else
      s.groups.forEach((g, gi) => {
        if (g.topics.includes(place)) hops.push(...hopsOf(g, gi, typeOf(n), n, r));
      });
    next.set(n, hops);
    for (const h of hops) reach(h.to);
  }
  const loop = findInstantLoop([...reached], next);
  if (!loop) return;
  const steps = loop.map((h) => h.words).join(', then ');
  const readers = [...new Set(loop.map((h) => `"${h.who}"`))].join(' or ');
  const at = (n: string) => `${typeOf(n)}@${placeOf(n)}`;
  c.fail(
    loop[0]!.path,
    `a loop with no processing time: ${steps}, which starts the loop again. Every record ` +
      `would be handled again at the same instant, so the run would never get past it. Give ` +
      `${readers} a processingMs of at least 0.001 ms, or emit to a topic outside the loop.`,
    'instantLoop',
    {
      // Language-free: who: type@topic → type@topic (queues as queue:name), one hop each.
      loop: loop.map((h) => `${h.who}: ${at(h.from)} → ${at(h.to)}`).join('; '),
      groups: [...new Set(loop.map((h) => h.who))].join(', '),
    },
  );
}

/**
 * A cycle of instant hops, or null: a depth-first search from each node in the order records
 * reach them (producers' first), so the loop is told from where records enter it.
 */
function findInstantLoop(order: string[], next: Map<string, Hop[]>): Hop[] | null {
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
  const path: Hop[] = [];
  for (const start of order) {
    if (state.has(start)) continue;
    // Iterative DFS: a scenario may chain many topics, recursion depth must not depend on it.
    const stack: { n: string; i: number }[] = [{ n: start, i: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const hops = (next.get(top.n) ?? []).filter((h) => h.instant);
      if (top.i >= hops.length) {
        state.set(top.n, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const h = hops[top.i++]!;
      const st = state.get(h.to);
      if (st === 1) {
        const from = path.findIndex((p) => p.from === h.to);
        return [...(from >= 0 ? path.slice(from) : []), h];
      }
      if (st === 2) continue;
      state.set(h.to, 1);
      path.push(h);
      stack.push({ n: h.to, i: 0 });
    }
  }
  return null;
}
