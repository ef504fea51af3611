/**
 * A digest of the broker state for equality checks (State = fold(events), snapshots): a
 * canonical serialisation (Maps in key order, message content included) hashed with 53-bit
 * cyrb53. Equal states give equal digests; different states differ with high probability.
 */
import type { AmqpState, QueuedMessage } from './state';

function canonical(v: unknown): string {
  if (v === undefined) return 'u';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (v instanceof Map) {
    const keys = [...v.keys()].map(String).sort();
    return `M{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v.get(k))}`).join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

function cyrb53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The canonical text a digest hashes (for diffing two states in a failing test). */
export function amqpCanonical(s: AmqpState): string {
  return canonical(s);
}

export function amqpDigest(s: AmqpState): string {
  return cyrb53(canonical(s)).toString(16).padStart(14, '0');
}

/** Every message the broker holds: ready in queues plus unacked on channels. */
export function heldMessages(s: AmqpState): QueuedMessage[] {
  const out: QueuedMessage[] = [];
  for (const q of s.queues.values()) out.push(...q.returns, ...q.ready);
  for (const ch of s.channels.values()) for (const u of ch.unacked.values()) out.push(u.qm);
  return out;
}
