/**
 * The saga orchestrator's decisions (issue 14): what it does with the next message in its inbox,
 * with a timer that fell due, and after a crash. Pure: reads the state, returns `saga.…` events;
 * evolve.ts applies them. No randomness (the services' outcomes are where chance lives).
 *
 * Sources followed:
 * - Garcia-Molina & Salem, "Sagas" (SIGMOD 1987): a saga T1…Tn either completes, or runs
 *   T1…Tj then Cj…C1 — the compensations of the completed transactions only, in reverse order.
 * - Chris Richardson, "Microservices Patterns" (Manning 2018) ch. 4 and microservices.io
 *   "Pattern: Saga": orchestration (an orchestrator sends command messages and reacts to reply
 *   messages, a state machine per saga instance); compensatable transactions, then the pivot
 *   (the go/no-go transaction: once it commits the saga runs to completion), then retriable
 *   transactions that are retried until they succeed (bounded here by maxAttempts, after which
 *   the instance is Failed and needs a human — a bound on the work, not a literature term).
 * - Eventuate Tram Sagas (eventuate-tram/eventuate-tram-sagas): a reply is matched to its
 *   instance by the saga id in its headers and interpreted by the instance's *current* state;
 *   duplicates are the DuplicateMessageDetector's job (isDuplicate(consumerId, messageId),
 *   eventuate-tram-core), which is why `deduplicate` drops a message id handled before.
 * - microservices.io "Pattern: Idempotent Consumer": record the ids of processed messages in
 *   the same transaction as the state change; here the instance state is durable (every
 *   message's effect is kept), only the inbox read position is committed every commitEvery.
 */
import type { SagaDefModel, SagaStepModel } from './model';
import { backoffUs } from './model';
import type { SagaEvent, SagaFailReason } from './events';
import { stateName, type SagaDefState, type SagaInstance, type SagaMessage } from './state';

/** Event ids for the records the orchestrator sends (in a run, the Kafka log's next ids). */
export interface IdSource {
  next(): number;
}

interface Ctx {
  def: SagaDefModel;
  ids: IdSource;
  t: number;
  out: SagaEvent[];
}

function send(c: Ctx, key: string, step: SagaStepModel, compensation: boolean, attempt: number) {
  const cmd = compensation ? step.compensation! : step.command;
  c.out.push({
    type: 'saga.commandSent',
    timeUs: c.t,
    saga: c.def.id,
    key,
    step: step.index,
    compensation,
    attempt,
    commandType: cmd.type,
    topic: cmd.topic,
    commandId: c.ids.next(),
    deadlineUs: c.t + step.timeoutUs,
  });
}

function end(c: Ctx, key: string, completed: boolean): void {
  const rec = completed ? c.def.onCompleted : c.def.onCancelled;
  c.out.push({
    type: completed ? 'saga.completed' : 'saga.cancelled',
    timeUs: c.t,
    saga: c.def.id,
    key,
    recordId: rec ? c.ids.next() : null,
  });
}

/** The completed compensatable steps, last completed first. */
export function compensationPlan(def: SagaDefModel, completed: readonly number[]): number[] {
  const plan: number[] = [];
  for (let i = completed.length - 1; i >= 0; i--)
    if (def.steps[completed[i]!]!.compensation !== null) plan.push(completed[i]!);
  return plan;
}

function compensate(
  c: Ctx,
  inst: SagaInstance,
  failedStep: number,
  reason: SagaFailReason,
  replyType: string | null,
) {
  c.out.push({
    type: 'saga.stepFailed',
    timeUs: c.t,
    saga: c.def.id,
    key: inst.key,
    step: failedStep,
    reason,
    replyType,
  });
  const plan = compensationPlan(c.def, inst.completed);
  if (plan.length === 0) return end(c, inst.key, false);
  c.out.push({
    type: 'saga.compensating',
    timeUs: c.t,
    saga: c.def.id,
    key: inst.key,
    failedStep,
    plan,
  });
  for (const s of c.def.parallel ? plan : plan.slice(0, 1))
    send(c, inst.key, c.def.steps[s]!, true, 1);
}

function start(c: Ctx, ds: SagaDefState, msg: SagaMessage): void {
  const reason =
    msg.key === null
      ? 'noKey'
      : ds.instances.has(msg.key)
        ? 'exists'
        : ds.counters.started >= c.def.maxInstances
          ? 'limit'
          : null;
  if (reason !== null || msg.key === null) {
    c.out.push({
      type: 'saga.startRejected',
      timeUs: c.t,
      saga: c.def.id,
      key: msg.key,
      eventId: msg.eventId,
      reason: reason ?? 'noKey',
    });
    return;
  }
  c.out.push({
    type: 'saga.started',
    timeUs: c.t,
    saga: c.def.id,
    key: msg.key,
    keyId: msg.keyId,
    eventId: msg.eventId,
  });
  if (c.def.steps.length === 0) return end(c, msg.key, true);
  send(c, msg.key, c.def.steps[0]!, false, 1);
}

/** A reply while running: the current step's success or failure, or not accepted. */
function forwardReply(c: Ctx, inst: SagaInstance, msg: SagaMessage, duplicate: boolean): boolean {
  const step = c.def.steps[inst.step]!;
  const slot = inst.slots.find((s) => !s.compensation);
  if (step.success.has(msg.type)) {
    c.out.push({
      type: 'saga.stepSucceeded',
      timeUs: c.t,
      saga: c.def.id,
      key: inst.key,
      step: step.index,
      replyType: msg.type,
      replyEventId: msg.eventId,
      duplicate,
    });
    const next = c.def.steps[step.index + 1];
    if (next === undefined) end(c, inst.key, true);
    else send(c, inst.key, next, false, 1);
    return true;
  }
  if (!step.failure.has(msg.type)) return false;
  if (step.kind === 'retriable') {
    // Retried until it succeeds: a failure is only a reason to try again.
    const attempt = slot?.attempt ?? 1;
    retryOrGiveUp(c, inst.key, step, false, attempt, 'failure');
    return true;
  }
  compensate(c, inst, step.index, 'failure', msg.type);
  return true;
}

function compensationReply(
  c: Ctx,
  inst: SagaInstance,
  msg: SagaMessage,
  duplicate: boolean,
): boolean {
  // The pending compensation, in plan order, that this reply type confirms.
  const pending = inst.plan.filter(
    (s) => !inst.compensated.includes(s) && inst.slots.some((x) => x.compensation && x.step === s),
  );
  const s = pending.find((p) => c.def.steps[p]!.compensation!.success.has(msg.type));
  if (s === undefined) return false;
  c.out.push({
    type: 'saga.stepCompensated',
    timeUs: c.t,
    saga: c.def.id,
    key: inst.key,
    step: s,
    replyType: msg.type,
    replyEventId: msg.eventId,
    duplicate,
  });
  const done = inst.compensated.length + 1;
  if (done === inst.plan.length) end(c, inst.key, false);
  else if (!c.def.parallel) send(c, inst.key, c.def.steps[inst.plan[done]!]!, true, 1);
  return true;
}

function rejected(c: Ctx, inst: SagaInstance | undefined, msg: SagaMessage): void {
  let late = false;
  let effectLeft = false;
  let compensatedAgain = false;
  if (inst !== undefined) {
    const mi = msg.causationId === null ? undefined : inst.sent.get(msg.causationId);
    const mark = mi === undefined ? undefined : inst.marks[mi];
    if (mark !== undefined) {
      const step = c.def.steps[mark.step]!;
      late = mark.outcome === 'timeout' || mark.outcome === 'abandoned';
      if (!mark.compensation && step.compensation !== null && step.success.has(msg.type))
        effectLeft =
          (inst.status === 'cancelled' || inst.status === 'compensating') &&
          !inst.completed.includes(mark.step);
      if (mark.compensation && step.compensation!.success.has(msg.type))
        compensatedAgain = inst.compensated.includes(mark.step);
    }
  }
  c.out.push({
    type: 'saga.replyRejected',
    timeUs: c.t,
    saga: c.def.id,
    key: msg.key,
    replyType: msg.type,
    eventId: msg.eventId,
    reason: inst === undefined ? 'unknownInstance' : 'notAccepted',
    state: stateName(c.def, inst),
    late,
    effectLeft,
    compensatedAgain,
  });
}

/** The orchestrator handles the message at its inbox position. */
export function decideMessage(
  def: SagaDefModel,
  ds: SagaDefState,
  t: number,
  ids: IdSource,
): SagaEvent[] {
  const msg = ds.inbox[ds.position]!;
  const c: Ctx = { def, ids, t, out: [] };
  const redelivered = ds.position < ds.handledEnd;
  const duplicate = ds.seen.has(msg.eventId);
  const next = ds.position + 1;
  c.out.push({
    type: 'saga.messageHandled',
    timeUs: t,
    saga: def.id,
    position: ds.position,
    eventId: msg.eventId,
    messageType: msg.type,
    key: msg.key,
    redelivered,
    duplicate,
    commit: next - ds.committed >= def.commitEvery ? next : null,
  });
  if (def.deduplicate && duplicate) {
    c.out.push({
      type: 'saga.duplicateDropped',
      timeUs: t,
      saga: def.id,
      key: msg.key,
      eventId: msg.eventId,
      messageType: msg.type,
    });
    return c.out;
  }
  if (msg.topic === def.startTopic && msg.type === def.startType) {
    start(c, ds, msg);
    return c.out;
  }
  const inst = msg.key === null ? undefined : ds.instances.get(msg.key);
  const ok =
    inst !== undefined &&
    (inst.status === 'running'
      ? forwardReply(c, inst, msg, duplicate)
      : inst.status === 'compensating' && compensationReply(c, inst, msg, duplicate));
  if (!ok) rejected(c, inst, msg);
  return c.out;
}

function retryOrGiveUp(
  c: Ctx,
  key: string,
  step: SagaStepModel,
  compensation: boolean,
  attempt: number,
  reason: SagaFailReason,
): void {
  const max = compensation || step.kind === 'retriable' ? c.def.maxAttempts : step.retries + 1;
  if (attempt < max) {
    c.out.push({
      type: 'saga.retryScheduled',
      timeUs: c.t,
      saga: c.def.id,
      key,
      step: step.index,
      compensation,
      attempt: attempt + 1,
      atUs: c.t + backoffUs(step, attempt),
      reason,
    });
    return;
  }
  c.out.push({
    type: 'saga.gaveUp',
    timeUs: c.t,
    saga: c.def.id,
    key,
    step: step.index,
    compensation,
    attempts: attempt,
  });
}

/** The instance's earliest slot fell due: a retry to send, or an attempt that timed out. */
export function decideTimer(
  def: SagaDefModel,
  ds: SagaDefState,
  key: string,
  t: number,
  ids: IdSource,
): SagaEvent[] {
  const inst = ds.instances.get(key)!;
  let slot = inst.slots[0]!;
  for (const s of inst.slots) if (s.atUs < slot.atUs) slot = s;
  const c: Ctx = { def, ids, t, out: [] };
  const step = def.steps[slot.step]!;
  if (slot.waiting === 'retry') {
    send(c, key, step, slot.compensation, slot.attempt);
    return c.out;
  }
  c.out.push({
    type: 'saga.stepTimedOut',
    timeUs: t,
    saga: def.id,
    key,
    step: slot.step,
    compensation: slot.compensation,
    attempt: slot.attempt,
  });
  // A compensatable step or the pivot out of retries fails the saga; a retriable step and a
  // compensation keep trying (up to maxAttempts).
  if (!slot.compensation && step.kind !== 'retriable' && slot.attempt > step.retries) {
    compensate(c, inst, step.index, 'timeout', null);
    return c.out;
  }
  retryOrGiveUp(c, key, step, slot.compensation, slot.attempt, 'timeout');
  return c.out;
}

/** A crash: the orchestrator restarts and reads again from its committed position. */
export function decideCrash(def: SagaDefModel, ds: SagaDefState, t: number): SagaEvent[] {
  return [
    {
      type: 'saga.crashed',
      timeUs: t,
      saga: def.id,
      position: ds.position,
      committed: ds.committed,
    },
  ];
}
