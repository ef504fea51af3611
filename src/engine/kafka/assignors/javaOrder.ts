/**
 * Just enough of Java's collection semantics to reproduce Kafka's assignors exactly.
 *
 * Kafka's sticky assignor iterates `HashMap`s/`HashSet`s in a few places where the order decides
 * ties (which member keeps its maxQuota of owned partitions, which of two equal claims wins, which
 * partition `getTheActualPartitionToBeMoved` picks). Java's iteration order is deterministic: by
 * bucket `spread(hashCode) & (capacity - 1)`, then insertion order within a bucket. We model that
 * (default-constructed maps: capacity 16, doubling when size > 0.75 * capacity). Not modelled:
 * tree bins (>= 8 entries colliding in one bucket), which cannot happen at EventFlow's sizes in
 * practice.
 */

/** Java `String.compareTo`: lexicographic by UTF-16 code unit (NOT localeCompare). */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Java `String.hashCode()`: s[0]*31^(n-1) + ... + s[n-1], int32 arithmetic. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka `TopicPartition.hashCode()`: 31 * (31 + partition) + topic.hashCode(). */
export function topicPartitionHash(topic: string, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + javaStringHash(topic)) | 0;
}

/** Capacity of a default-constructed HashMap after `size` insertions (it never shrinks). */
export function javaHashCapacity(size: number): number {
  let cap = 16;
  while (size > cap * 0.75) cap *= 2;
  return cap;
}

function bucket(hash: number, cap: number): number {
  return (hash ^ (hash >>> 16)) & (cap - 1);
}

/**
 * Iteration order of a default-constructed `HashMap<String, ?>` whose keys were put in the given
 * order (no removals).
 */
export function javaHashMapOrder(keysInInsertionOrder: readonly string[]): string[] {
  const cap = javaHashCapacity(keysInInsertionOrder.length);
  return keysInInsertionOrder
    .map((k, i) => ({ k, i, b: bucket(javaStringHash(k), cap) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((e) => e.k);
}

/**
 * A default-constructed `HashSet` model that can answer `iterator().next()` like Java does, with
 * adds and removes (capacity only grows, within-bucket order is insertion order).
 */
export class JavaHashSet<K> {
  private readonly entries = new Map<K, { hash: number; seq: number }>();
  private seq = 0;
  private cap = 16;

  constructor(private readonly hashOf: (k: K) => number) {}

  get size(): number {
    return this.entries.size;
  }
  has(k: K): boolean {
    return this.entries.has(k);
  }
  add(k: K): void {
    if (this.entries.has(k)) return;
    this.entries.set(k, { hash: this.hashOf(k), seq: this.seq++ });
    if (this.entries.size > this.cap * 0.75) this.cap *= 2;
  }
  delete(k: K): void {
    this.entries.delete(k);
  }
  /** Java's `iterator().next()`; undefined when empty. */
  first(): K | undefined {
    let best: K | undefined;
    let bestB = Infinity;
    let bestSeq = Infinity;
    for (const [k, e] of this.entries) {
      const b = bucket(e.hash, this.cap);
      if (b < bestB || (b === bestB && e.seq < bestSeq)) {
        best = k;
        bestB = b;
        bestSeq = e.seq;
      }
    }
    return best;
  }
}
