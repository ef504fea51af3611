/**
 * Applies the orchestrators' events: the only code that changes their state. Asserts the
 * saga's invariants: a compensation is sent only for a completed compensatable step, and (in
 * sequential mode) in the reverse order of completion; a step is compensated at most once.
 */
import type { SagaEvent } from './events';
import type { SagaDefModel } from './model';
import type { SagaDefState, SagaInstance, SagaMark } from './state';

function instance(ds: SagaDefState, key: string, type: string): SagaInstance {
  const inst = ds.instances.get(key);
  if (inst === undefined) throw new Error(`invariant: ${type} for unknown instance ${key}`);
  return inst;
}

function lastMark(inst: SagaInstance, step: number, compensation: boolean): SagaMark | undefined {
  for (let i = inst.marks.length - 1; i >= 0; i--) {
    const m = inst.marks[i]!;
    if (m.step === step && m.compensation === compensation) return m;
  }
  return undefined;
}

function closeMark(
  inst: SagaInstance,
  step: number,
  compensation: boolean,
  outcome: SagaMark['outcome'],
  t: number,
) {
  const m = lastMark(inst, step, compensation);
  if (m !== undefined && m.outcome === 'pending') {
    m.outcome = outcome;
    m.endUs = t;
  }
}

function dropSlot(ds: SagaDefState, inst: SagaInstance, step: number, compensation: boolean): void {
  inst.slots = inst.slots.filter((s) => s.step !== step || s.compensation !== compensation);
  if (inst.slots.length === 0) ds.active.delete(inst.key);
}

function ended(ds: SagaDefState, inst: SagaInstance, t: number): void {
  for (const s of inst.slots) closeMark(inst, s.step, s.compensation, 'abandoned', t);
  inst.slots = [];
  ds.active.delete(inst.key);
  inst.endedUs = t;
  inst.lastProgressUs = t;
}

/** Applies one event to one orchestrator's state. */
export function evolveSagaDef(def: SagaDefModel, ds: SagaDefState, e: SagaEvent): void {
  const c = ds.counters;
  const t = e.timeUs;
  switch (e.type) {
    case 'saga.messageHandled':
      if (e.position !== ds.position)
        throw new Error(`invariant: ${def.id} handled ${e.position} out of turn`);
      ds.position++;
      if (ds.position > ds.handledEnd) ds.handledEnd = ds.position;
      if (e.commit !== null) ds.committed = e.commit;
      ds.freeUs = t + def.processingUs;
      c.messages++;
      if (e.redelivered) c.redelivered++;
      ds.seen.add(e.eventId);
      return;
    case 'saga.duplicateDropped':
      c.duplicatesDropped++;
      return;
    case 'saga.started':
      if (ds.instances.has(e.key)) throw new Error(`invariant: ${def.id} started ${e.key} twice`);
      ds.instances.set(e.key, {
        key: e.key,
        keyId: e.keyId,
        startEventId: e.eventId,
        status: 'running',
        step: 0,
        completed: [],
        plan: [],
        compensated: [],
        slots: [],
        sent: new Map(),
        marks: [],
        startedUs: t,
        lastProgressUs: t,
        endedUs: null,
      });
      c.started++;
      return;
    case 'saga.startRejected':
      c.startsRejected++;
      return;
    case 'saga.commandSent': {
      const inst = instance(ds, e.key, e.type);
      if (e.compensation) {
        // Never compensate a step that did not complete; sequentially, last completed first.
        if (!inst.completed.includes(e.step) || def.steps[e.step]!.compensation === null)
          throw new Error(
            `invariant: ${def.id} ${e.key} compensates step ${e.step}, which did not complete`,
          );
        if (inst.compensated.includes(e.step))
          throw new Error(`invariant: ${def.id} ${e.key} compensates step ${e.step} again`);
        if (!def.parallel && inst.plan[inst.compensated.length] !== e.step)
          throw new Error(
            `invariant: ${def.id} ${e.key} compensates step ${e.step} out of reverse order`,
          );
        c.compensations++;
      } else if (
        e.step !== inst.step + (inst.completed.includes(inst.step) ? 1 : 0) &&
        e.step !== inst.step
      )
        throw new Error(`invariant: ${def.id} ${e.key} sends step ${e.step} while at ${inst.step}`);
      if (!e.compensation) inst.step = e.step;
      if (e.attempt > 1) c.retries++;
      c.commands++;
      inst.slots = inst.slots.filter((s) => s.step !== e.step || s.compensation !== e.compensation);
      inst.slots.push({
        step: e.step,
        compensation: e.compensation,
        attempt: e.attempt,
        waiting: 'reply',
        atUs: e.deadlineUs,
      });
      ds.active.add(e.key);
      inst.sent.set(e.commandId, inst.marks.length);
      inst.marks.push({
        step: e.step,
        compensation: e.compensation,
        attempt: e.attempt,
        commandId: e.commandId,
        sentUs: t,
        endUs: null,
        outcome: 'pending',
      });
      return;
    }
    case 'saga.stepSucceeded': {
      const inst = instance(ds, e.key, e.type);
      if (inst.status !== 'running' || inst.step !== e.step)
        throw new Error(`invariant: ${def.id} ${e.key} step ${e.step} succeeded out of turn`);
      closeMark(inst, e.step, false, 'success', t);
      dropSlot(ds, inst, e.step, false);
      inst.completed.push(e.step);
      inst.lastProgressUs = t;
      if (e.duplicate) c.doubleApplied++;
      return;
    }
    case 'saga.stepFailed': {
      const inst = instance(ds, e.key, e.type);
      closeMark(inst, e.step, false, e.reason === 'timeout' ? 'timeout' : 'failure', t);
      dropSlot(ds, inst, e.step, false);
      inst.lastProgressUs = t;
      return;
    }
    case 'saga.stepTimedOut': {
      const inst = instance(ds, e.key, e.type);
      closeMark(inst, e.step, e.compensation, 'timeout', t);
      c.timeouts++;
      return;
    }
    case 'saga.retryScheduled': {
      const inst = instance(ds, e.key, e.type);
      if (!e.compensation) closeMark(inst, e.step, false, 'failure', t);
      inst.slots = inst.slots.filter((s) => s.step !== e.step || s.compensation !== e.compensation);
      inst.slots.push({
        step: e.step,
        compensation: e.compensation,
        attempt: e.attempt,
        waiting: 'retry',
        atUs: e.atUs,
      });
      ds.active.add(e.key);
      return;
    }
    case 'saga.compensating': {
      const inst = instance(ds, e.key, e.type);
      inst.status = 'compensating';
      inst.plan = e.plan.slice();
      inst.lastProgressUs = t;
      return;
    }
    case 'saga.stepCompensated': {
      const inst = instance(ds, e.key, e.type);
      if (inst.compensated.includes(e.step))
        throw new Error(`invariant: ${def.id} ${e.key} step ${e.step} compensated twice`);
      closeMark(inst, e.step, true, 'success', t);
      dropSlot(ds, inst, e.step, true);
      inst.compensated.push(e.step);
      inst.lastProgressUs = t;
      if (e.duplicate) c.doubleApplied++;
      return;
    }
    case 'saga.completed':
    case 'saga.cancelled': {
      const inst = instance(ds, e.key, e.type);
      inst.status = e.type === 'saga.completed' ? 'completed' : 'cancelled';
      if (e.type === 'saga.completed') c.completed++;
      else c.cancelled++;
      ended(ds, inst, t);
      return;
    }
    case 'saga.gaveUp': {
      const inst = instance(ds, e.key, e.type);
      inst.status = 'failed';
      c.gaveUp++;
      ended(ds, inst, t);
      return;
    }
    case 'saga.replyRejected':
      c.repliesRejected++;
      if (e.late) c.lateReplies++;
      if (e.effectLeft) c.effectsLeft++;
      if (e.compensatedAgain) c.compensatedAgain++;
      return;
    case 'saga.crashed':
      ds.position = ds.committed;
      ds.crashCursor++;
      c.crashes++;
      return;
    default: {
      const never: never = e;
      throw new Error(`unknown saga event ${(never as { type: string }).type}`);
    }
  }
}
