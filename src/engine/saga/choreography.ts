/**
 * The state machine a choreographed saga implies (issue 14): no orchestrator holds it, so it is
 * derived from the services' handler rules — each rule `on X → emit Y` is a transition X → Y
 * taken by that service; a rule's onFailure emits are its failure transitions; what follows a
 * failure (the rules reacting to failure events) is the compensation path. Pure: the UI shows
 * the result beside the canvas. (microservices.io "Pattern: Saga": in choreography each local
 * transaction publishes domain events that trigger local transactions in other services.)
 */
import type { Scenario } from '../scenario/types';

export type ChoreographyPath = 'forward' | 'failure' | 'compensation';

export interface ChoreographyTransition {
  from: string;
  to: string;
  /** The service (Kafka group or RabbitMQ consumer) whose rule takes it. */
  service: string;
  path: ChoreographyPath;
  /** The stock change the rule makes when it succeeds (reserve −1, release +1). */
  stock: { item: string; delta: number } | null;
}

export interface ChoreographyMachine {
  /** Event types, in first-seen order: the states an instance (one key) passes through. */
  states: string[];
  /** Types producers and publishers send: where instances start. */
  initial: string[];
  /** Types no rule reacts to: where instances end (e.g. OrderCompleted, OrderCancelled). */
  terminal: string[];
  transitions: ChoreographyTransition[];
}

/** A bound on the derivation's work (rules are bounded by the parser; this bounds the walk). */
const MAX_TRANSITIONS = 10_000;

/** Derives the implied state machine from the scenario's services' rules. */
export function deriveChoreography(s: Scenario): ChoreographyMachine {
  const states: string[] = [];
  const seen = new Set<string>();
  const state = (t: string) => {
    if (!seen.has(t)) {
      seen.add(t);
      states.push(t);
    }
  };
  const initial: string[] = [];
  for (const p of s.producers) if (!initial.includes(p.eventType)) initial.push(p.eventType);
  for (const p of s.amqp?.publishers ?? [])
    if (!initial.includes(p.eventType)) initial.push(p.eventType);
  initial.forEach(state);
  const raw: ChoreographyTransition[] = [];
  const services = [
    ...s.groups.map((g) => ({ id: g.id, rules: g.handlers ?? [] })),
    ...(s.amqp?.consumers ?? []).map((c) => ({ id: c.id, rules: c.handlers ?? [] })),
  ];
  for (const svc of services)
    for (const r of svc.rules) {
      state(r.on);
      for (const e of r.emit)
        if (raw.length < MAX_TRANSITIONS)
          raw.push({
            from: r.on,
            to: e.type,
            service: svc.id,
            path: 'forward',
            stock: r.stock ?? null,
          });
      for (const e of r.onFailure?.emit ?? [])
        if (raw.length < MAX_TRANSITIONS)
          raw.push({ from: r.on, to: e.type, service: svc.id, path: 'failure', stock: null });
    }
  for (const t of raw) state(t.to);
  // Everything reachable from a failure's target is the compensation path.
  const comp = new Set<string>();
  const queue = raw.filter((t) => t.path === 'failure').map((t) => t.to);
  while (queue.length > 0) {
    const x = queue.pop()!;
    if (comp.has(x)) continue;
    comp.add(x);
    for (const t of raw) if (t.from === x && t.path !== 'failure') queue.push(t.to);
  }
  const transitions = raw.map((t) =>
    t.path === 'forward' && comp.has(t.from) ? { ...t, path: 'compensation' as const } : t,
  );
  const reacts = new Set(transitions.map((t) => t.from));
  return {
    states,
    initial,
    terminal: states.filter((x) => !reacts.has(x)),
    transitions,
  };
}
