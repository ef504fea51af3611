/** The `partition.assignment.strategy` values EventFlow supports, under Kafka's own names. */
export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

/**
 * One group member as the group leader sees it in a JoinGroup response.
 *
 * - `id`: member.id. `groupInstanceId`: group.instance.id (static membership) if set.
 * - `topics`: subscribed topic names.
 * - `owned`: partitions the member reports owning, as "topic-partition" strings (e.g. "orders-3");
 *   only the sticky assignors read it (Kafka: StickyAssignor user data / ownedPartitions).
 * - `generation`: the generation `owned` comes from; Kafka prefers the highest generation when two
 *   members claim the same partition. Absent means "no generation" (Kafka's Optional.empty()).
 *
 * The ORDER of the members array stands for the order in which the broker listed members in the
 * JoinGroup response; it only matters where Kafka itself depends on HashMap iteration order
 * (sticky ties, see javaOrder.ts). Pass members in a deterministic order (e.g. join order).
 */
export interface MemberSubscription {
  id: string;
  topics: string[];
  groupInstanceId?: string;
  owned?: string[];
  generation?: number;
}

/** member id -> assigned "topic-partition" strings, sorted by topic then partition number. */
export type Assignment = Record<string, string[]>;
