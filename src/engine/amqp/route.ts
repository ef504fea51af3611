/**
 * Routing, as rabbit_exchange:route/2 does it (3.10): a work list of exchanges starting at the
 * one published to, each routing by its type; exchange destinations join the work list once
 * (a seen set, so exchange-to-exchange cycles end); an exchange whose own routing found no
 * destination at all sends the message to its alternate exchange (`alternate-exchange`
 * argument). Queue destinations are collected in a set: a message reaches each queue at most
 * once whatever the paths. Destinations that do not exist are skipped.
 */
import { headersMatch } from './headers';
import type { AmqpMessage, AmqpState, AmqpBinding } from './state';
import { topicMatches } from './topic';
import { tableGet } from './values';

/**
 * The queues (existing, sorted by name as RabbitMQ's ordsets are) a message reaches. `matched`,
 * when given, receives every binding that matched and whose destination exists (in routing
 * order; the default exchange's implicit bindings and alternate-exchange hops are not bindings).
 */
export function route(
  s: AmqpState,
  exchange: string,
  msg: Pick<AmqpMessage, 'routingKey' | 'headers'>,
  matched?: AmqpBinding[],
): string[] {
  const queues = new Set<string>();
  const seen = new Set<string>([exchange]);
  const work = [exchange];
  let steps = 0;
  while (work.length > 0 && steps++ < 100_000) {
    const name = work.pop() as string;
    const x = s.exchanges.get(name);
    if (x === undefined) continue;
    const dests: Array<{ kind: 'queue' | 'exchange'; name: string }> = [];
    if (name === '') {
      // The default exchange: an implicit binding from every queue's name.
      if (s.queues.has(msg.routingKey)) dests.push({ kind: 'queue', name: msg.routingKey });
    } else {
      for (const b of s.bindings.get(name) ?? []) {
        if (matches(x.type, b, msg)) {
          dests.push({ kind: b.destinationType, name: b.destination });
          if (
            matched !== undefined &&
            (b.destinationType === 'queue' ? s.queues : s.exchanges).has(b.destination)
          )
            matched.push(b);
        }
      }
    }
    if (dests.length === 0) {
      const ae = tableGet(x.args, 'alternate-exchange');
      if (typeof ae === 'string') dests.push({ kind: 'exchange', name: ae });
    }
    for (const d of dests) {
      if (d.kind === 'queue') {
        if (s.queues.has(d.name)) queues.add(d.name);
      } else if (!seen.has(d.name)) {
        seen.add(d.name);
        if (s.exchanges.has(d.name)) work.push(d.name);
      }
    }
  }
  return [...queues].sort(compareNames);
}

function matches(
  type: string,
  b: AmqpBinding,
  msg: Pick<AmqpMessage, 'routingKey' | 'headers'>,
): boolean {
  switch (type) {
    case 'fanout':
      return true;
    case 'direct':
      return b.routingKey === msg.routingKey;
    case 'topic':
      return topicMatches(b.routingKey, msg.routingKey);
    case 'headers':
      return headersMatch(b.args, msg.headers);
    default:
      return false;
  }
}

/** A binding's identity in counts: source, destination and binding key (NUL-separated). */
export function bindingKey(b: Pick<AmqpBinding, 'source' | 'destination' | 'routingKey'>): string {
  return `${b.source}\u0000${b.destination}\u0000${b.routingKey}`;
}

/** The keys of the matched bindings whose queue took part (`queues`) or that lead to an exchange. */
export function routedBindings(matched: AmqpBinding[], queues: readonly string[]): string[] {
  const out: string[] = [];
  for (const b of matched)
    if (b.destinationType === 'exchange' || queues.includes(b.destination)) out.push(bindingKey(b));
  return out;
}

/** Code-point order of names (RabbitMQ compares binaries byte-wise). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
