/**
 * The store's line to the simulation worker: posting, and timeline requests with ids whose
 * replies come back to the handler that asked. Replies to requests nobody waits for any more
 * (a scenario reloaded meanwhile) are dropped.
 */
import type { MainToWorker, TimelineReply, TimelineRequest } from '../worker/protocol';
import type { SimChannel } from './simChannel';

let channel: SimChannel | null = null;
let nextId = 1;
const pending = new Map<number, (reply: TimelineReply) => boolean | void>();

export function setChannel(c: SimChannel | null): void {
  channel = c;
  pending.clear();
}

export function channelOpen(): boolean {
  return channel !== null;
}

export function postToWorker(msg: MainToWorker): void {
  channel?.post(msg);
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Sends a request; `onReply` gets each reply with its id (progress, then done, for jobs) until it
 * returns true or a final reply arrives. Returns the request id.
 */
export function ask(msg: Distribute<TimelineRequest>, onReply: (reply: TimelineReply) => boolean | void): number {
  const id = nextId++;
  pending.set(id, onReply);
  channel?.post({ ...msg, id } as TimelineRequest);
  return id;
}

/** Forget every request (a new scenario was loaded: old replies mean nothing). */
export function forgetRequests(): void {
  pending.clear();
}

const FINAL = new Set<TimelineReply['type']>(['state', 'index', 'records', 'counters', 'done', 'comparison', 'recipe', 'requestFailed', 'lineage', 'spaceTime']);

export function answer(reply: TimelineReply): void {
  const handler = pending.get(reply.id);
  if (!handler) return;
  const finished = handler(reply) === true || FINAL.has(reply.type);
  if (finished) pending.delete(reply.id);
}
