// Test helpers shared by the assignor tests (not used by production code).
import type { MemberSubscription } from './types';

/** Build a member; `owned`/`generation` model Kafka's ownedPartitions / generationId. */
export function member(
  id: string,
  topics: string[],
  opts: { instance?: string; owned?: string[]; generation?: number } = {},
): MemberSubscription {
  const m: MemberSubscription = { id, topics };
  if (opts.instance !== undefined) m.groupInstanceId = opts.instance;
  if (opts.owned !== undefined) m.owned = opts.owned;
  if (opts.generation !== undefined) m.generation = opts.generation;
  return m;
}

/** Kafka's test-style "t1-0, t1-3" list -> ["t1-0", "t1-3"]. */
export function list(s: string): string[] {
  return s === '' ? [] : s.split(', ');
}
