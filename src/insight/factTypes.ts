import type { CommitCause, CommitRejected, TxnAbortReason } from '../engine/kafka/events';

/* The facts Facts keeps, one interface each (see facts.ts). */

/** A commit the group coordinator accepted. */
export interface CommitFact {
  offset: number;
  member: string;
  timeUs: number;
  index: number;
  /** 'transaction': sendOffsetsToTransaction, committed with a transaction. */
  cause: CommitCause | 'transaction';
}

/**
 * Progress a member made on a partition that the group's committed offset does not reflect,
 * and the event that lost it: whoever owns the partition next starts from the older commit,
 * so records [from, to) are processed again.
 */
export interface Setback {
  kind: 'crash' | 'zombie' | 'rejected' | 'aborted' | 'expired';
  index: number;
  timeUs: number;
  member: string;
  from: number;
  to: number;
  /** The group's commit on the partition when it happened (null: none yet). */
  lastCommit: CommitFact | null;
  rejected?: {
    offset: number;
    error: CommitRejected['error'];
    generation: number;
    groupGeneration: number;
  };
  /** zombie: why the coordinator removed it, the pause behind that (if any), and from which
   * offset on it processed records after its removal. */
  expiry?: ExpiryFact;
  pause?: PauseFact | null;
  zombieFrom?: number;
  /** aborted: the member's transaction that was aborted, and why (it sought back to `from`). */
  aborted?: { txn: number; reason: TxnAbortReason | 'INVALID_PRODUCER_EPOCH' };
  /** expired: the committed offset the coordinator removed, and since when the group was Empty. */
  expired?: { offset: number; emptySinceUs: number; retentionMs: number };
}

/** A partition handed to a member, and where the member started on it. */
export interface AssignmentFact {
  member: string;
  index: number;
  timeUs: number;
  generation: number;
  position: number | undefined;
}

/** Why a partition has no live owner (the event that took it away). */
export interface Outage {
  kind: 'unassigned' | 'crashed' | 'paused' | 'expired' | 'left' | 'revoked' | 'rejoining';
  member: string | null;
  index: number;
  timeUs: number;
}

/** Consecutive handler failures on one record. */
export interface FailureStreak {
  offset: number;
  count: number;
  member: string;
  firstUs: number;
  firstIndex: number;
  reported: boolean;
}

export interface PartitionFacts {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  committed: CommitFact | null;
  owner: string | null;
  /** The latest time the partition changed hands (the new owner and its start position). */
  assignment: AssignmentFact | null;
  /** Per member: one past the highest offset it processed here. */
  processedEnd: Map<string, number>;
  setbacks: Setback[];
  /** Non-null while no live member consumes the partition. */
  outage: Outage | null;
  /** When the partition began to wait with lag and no live owner; -1 when it is not waiting. */
  waitingSinceUs: number;
  failing: FailureStreak | null;
}

export interface PauseFact {
  index: number;
  timeUs: number;
  untilUs: number;
}

export interface ExpiryFact {
  index: number;
  timeUs: number;
  reason: 'session.timeout.ms' | 'max.poll.interval.ms';
  lastSeenUs: number;
}

export interface MemberFacts {
  readonly group: string;
  readonly member: string;
  owned: Set<string>;
  crashed: { index: number; timeUs: number } | null;
  paused: PauseFact | null;
  lastPause: PauseFact | null;
  /** Removed by the coordinator and not rejoined yet: a zombie if it still processes. */
  expired: ExpiryFact | null;
  left: boolean;
}
