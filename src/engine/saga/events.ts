/**
 * The saga orchestrators' events (issue 14): past-tense facts, JSON-safe, all `saga.…` (world.ts
 * dispatches on that prefix). Every event names its orchestrator (`saga`, the definition's id)
 * and, when it is about one instance, the instance's correlation id (`key`, e.g. the orderId).
 */

/** A message the orchestrator took from its inbox (a record of a start or reply topic). */
export interface SagaMessageHandled {
  type: 'saga.messageHandled';
  timeUs: number;
  saga: string;
  /** Its position in the orchestrator's inbox. */
  position: number;
  eventId: number;
  messageType: string;
  key: string | null;
  /** Handled before: delivered again after a crash (read from the committed position). */
  redelivered: boolean;
  /** Its event id was handled before (a crash's redelivery, or the broker's duplicate). */
  duplicate: boolean;
  /** The read position committed with it (every commitEvery messages), or null. */
  commit: number | null;
}

/** Deduplication by event id dropped a message it had handled (Eventuate's isDuplicate). */
export interface SagaDuplicateDropped {
  type: 'saga.duplicateDropped';
  timeUs: number;
  saga: string;
  key: string | null;
  eventId: number;
  messageType: string;
}

export interface SagaStarted {
  type: 'saga.started';
  timeUs: number;
  saga: string;
  key: string;
  keyId: number;
  eventId: number;
}

export type SagaStartRejectReason = 'exists' | 'noKey' | 'limit';

export interface SagaStartRejected {
  type: 'saga.startRejected';
  timeUs: number;
  saga: string;
  key: string | null;
  eventId: number;
  reason: SagaStartRejectReason;
}

/** A command record sent for a step (or its compensation); `commandId` is the record's event id. */
export interface SagaCommandSent {
  type: 'saga.commandSent';
  timeUs: number;
  saga: string;
  key: string;
  step: number;
  compensation: boolean;
  attempt: number;
  commandType: string;
  topic: string;
  commandId: number;
  /** When the attempt times out without a reply. */
  deadlineUs: number;
}

export interface SagaStepSucceeded {
  type: 'saga.stepSucceeded';
  timeUs: number;
  saga: string;
  key: string;
  step: number;
  replyType: string;
  replyEventId: number;
  /** Its event id had been handled before (no deduplication): the same reply applied again. */
  duplicate: boolean;
}

export type SagaFailReason = 'failure' | 'timeout';

/** A compensatable step or the pivot failed: compensation follows (saga.compensating). */
export interface SagaStepFailed {
  type: 'saga.stepFailed';
  timeUs: number;
  saga: string;
  key: string;
  step: number;
  reason: SagaFailReason;
  replyType: string | null;
}

/** No reply to an attempt within the step's timeout. */
export interface SagaStepTimedOut {
  type: 'saga.stepTimedOut';
  timeUs: number;
  saga: string;
  key: string;
  step: number;
  compensation: boolean;
  attempt: number;
}

/** The attempt `attempt` is sent at `atUs` (after the backoff). */
export interface SagaRetryScheduled {
  type: 'saga.retryScheduled';
  timeUs: number;
  saga: string;
  key: string;
  step: number;
  compensation: boolean;
  attempt: number;
  atUs: number;
  reason: SagaFailReason;
}

/** Compensation begins: the completed compensatable steps, last completed first. */
export interface SagaCompensating {
  type: 'saga.compensating';
  timeUs: number;
  saga: string;
  key: string;
  failedStep: number;
  plan: number[];
}

export interface SagaStepCompensated {
  type: 'saga.stepCompensated';
  timeUs: number;
  saga: string;
  key: string;
  step: number;
  replyType: string;
  replyEventId: number;
  duplicate: boolean;
}

export interface SagaEnded {
  type: 'saga.completed' | 'saga.cancelled';
  timeUs: number;
  saga: string;
  key: string;
  /** The record sent for the end (onCompleted / onCancelled), or null. */
  recordId: number | null;
}

/** A retriable step or a compensation reached maxAttempts: the instance needs a human. */
export interface SagaGaveUp {
  type: 'saga.gaveUp';
  timeUs: number;
  saga: string;
  key: string;
  step: number;
  compensation: boolean;
  attempts: number;
}

export type SagaRejectReason = 'unknownInstance' | 'notAccepted';

/**
 * A reply the instance's state does not accept ("not accepted in state Cancelled"). `late`: it
 * answers a command of this instance whose attempt the orchestrator had given up on (timed out);
 * `effectLeft`: a success of a compensatable step that will never be compensated (the instance
 * ended or compensates without it: e.g. an order cancelled with its inventory still reserved);
 * `compensatedAgain`: a confirmation of a compensation already confirmed (it ran twice).
 */
export interface SagaReplyRejected {
  type: 'saga.replyRejected';
  timeUs: number;
  saga: string;
  key: string | null;
  replyType: string;
  eventId: number;
  reason: SagaRejectReason;
  /** The state's name: Step(reserveInventory), Compensating, Completed, Cancelled, Failed, None. */
  state: string;
  late: boolean;
  effectLeft: boolean;
  compensatedAgain: boolean;
}

/** The orchestrator crashed and restarted: its inbox is read again from the committed position. */
export interface SagaCrashed {
  type: 'saga.crashed';
  timeUs: number;
  saga: string;
  position: number;
  committed: number;
}

export type SagaEvent =
  | SagaMessageHandled
  | SagaDuplicateDropped
  | SagaStarted
  | SagaStartRejected
  | SagaCommandSent
  | SagaStepSucceeded
  | SagaStepFailed
  | SagaStepTimedOut
  | SagaRetryScheduled
  | SagaCompensating
  | SagaStepCompensated
  | SagaEnded
  | SagaGaveUp
  | SagaReplyRejected
  | SagaCrashed;

export type SagaEventType = SagaEvent['type'];
