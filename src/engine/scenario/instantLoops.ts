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
 */
import type { DistSpec, GroupSpec, Scenario } from './types';
import type { Checker } from './validate';

/** One hop: a group turns records of (topic, type) into records of (to, toType). */
interface Hop {
  group: number;
  from: string;
  to: string;
  /** The JSON path of the rule that makes the hop. */
  path: string;
  instant: boolean;
}

const node = (topic: string, type: string) => `${topic}\u0000${type}`;
const topicOf = (n: string) => n.slice(0, n.indexOf('\u0000'));
const typeOf = (n: string) => n.slice(n.indexOf('\u0000') + 1);

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
function instantMember(g: GroupSpec): boolean {
  const group = g.processingMs ?? 1;
  if (typeof g.members === 'number') return g.members > 0 && meanSampledUs(group) < 0.5;
  return g.members.some((m) => meanSampledUs(m.processingMs ?? group) < 0.5);
}

function hopsOf(g: GroupSpec, gi: number, type: string, from: string): Hop[] {
  const instant = instantMember(g);
  const out: Hop[] = [];
  g.handlers?.forEach((h, j) => {
    if (h.on !== type) return;
    h.emit.forEach((e, k) => {
      if ((e.probability ?? 1) <= 0 || e.topic === undefined) return;
      const path = `$.groups[${gi}].handlers[${j}].emit[${k}]`;
      out.push({ group: gi, from, to: node(e.topic, e.type), path, instant });
    });
  });
  const f = g.failure;
  if (f?.deadLetterTopic !== undefined) {
    // A dead-lettered record first waits out its retries' backoff.
    const waits = f.retries > 0 && f.backoffMs * 1000 >= 0.5;
    out.push({
      group: gi,
      from,
      to: node(f.deadLetterTopic, type),
      path: `$.groups[${gi}].failure.deadLetterTopic`,
      // Only a handler failure (failure.rate) sends a dead-letter copy on: copies are never poison.
      instant: instant && !waits && f.rate > 0,
    });
  }
  return out;
}

/** Reports a loop of services that would run forever at one instant (see the file comment). */
export function checkInstantLoops(c: Checker, s: Scenario): void {
  const reached = new Set<string>();
  const todo: string[] = [];
  const reach = (n: string) => {
    if (reached.has(n)) return;
    reached.add(n);
    todo.push(n);
  };
  for (const p of s.producers) reach(node(p.topic, p.eventType));
  const next = new Map<string, Hop[]>();
  while (todo.length > 0) {
    const n = todo.pop()!;
    const hops: Hop[] = [];
    s.groups.forEach((g, gi) => {
      if (g.topics.includes(topicOf(n))) hops.push(...hopsOf(g, gi, typeOf(n), n));
    });
    next.set(n, hops);
    for (const h of hops) reach(h.to);
  }
  const loop = findInstantLoop([...reached], next);
  if (!loop) return;
  const names = s.groups.map((g) => g.id);
  const steps = loop
    .map(
      (h) =>
        `group "${names[h.group]}" handles "${typeOf(h.from)}" from topic "${topicOf(h.from)}" ` +
        `and emits "${typeOf(h.to)}" to topic "${topicOf(h.to)}"`,
    )
    .join(', then ');
  const readers = [...new Set(loop.map((h) => `"${names[h.group]}"`))].join(' or ');
  c.fail(
    loop[0]!.path,
    `a loop with no processing time: ${steps}, which starts the loop again. Every record ` +
      `would be handled again at the same instant, so the run would never get past it. Give ` +
      `${readers} a processingMs of at least 0.001 ms, or emit to a topic outside the loop.`,
    'instantLoop',
    {
      // Language-free: group: type@topic → type@topic, one hop per group, in loop order.
      loop: loop
        .map(
          (h) =>
            `${names[h.group]}: ${typeOf(h.from)}@${topicOf(h.from)} → ${typeOf(h.to)}@${topicOf(h.to)}`,
        )
        .join('; '),
      groups: [...new Set(loop.map((h) => names[h.group]))].join(', '),
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
