/**
 * The RabbitMQ challenges (issue 11 §3): each start fails its goal for the reason its brief
 * gives, the reference solution solves it, and the tempting wrong answers do not (measured on
 * the engine's runs, through the same check the app runs).
 */
import { describe, expect, it } from 'vitest';
import { renderMsg } from '../i18n';
import { applyActions } from '../learn/actions';
import { challengeStart, checkChallenge, parseChallenge } from '../learn/challenge';
import { runForCheck } from '../learn/goals';
import type { Action, Challenge } from '../learn/types';
import { challengeDocuments } from '.';

const en = (m: Parameters<typeof renderMsg>[1]) => renderMsg('en', m);

function challenge(id: string): Challenge {
  const doc = challengeDocuments.find((d) => (d as { id: string }).id === id);
  const p = parseChallenge(doc);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.challenge;
}

/** The start with `actions` applied, checked as the app checks a design. */
function attempt(c: Challenge, actions: Action[]) {
  const start = challengeStart(c)!;
  const r = applyActions(start, actions);
  if (!r.ok) throw new Error(en(r.error));
  const run = runForCheck(r.scenario);
  if (!run.ok) throw new Error(en(run.error));
  return { check: checkChallenge(c, r.scenario), amqp: run.result.summary.amqp! };
}

describe('rabbitmq-catch-unroutable', () => {
  const c = challenge('rabbitmq-catch-unroutable');
  it('the start drops unroutable lines; an alternate exchange catches every one', () => {
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.amqp.unroutable).toBeGreaterThan(0);
    expect(start.amqp.lost).toBe(start.amqp.unroutable);
    expect(en(start.check.feedback)).toMatch(/unroutable/);
    const solved = attempt(c, c.solution);
    expect(solved.check.solved).toBe(true);
    expect(solved.amqp.published).toBe(start.amqp.published);
    expect(solved.amqp.routed).toBe(solved.amqp.published);
  });
});

describe('rabbitmq-fair-dispatch', () => {
  const c = challenge('rabbitmq-fair-dispatch');
  const prefetch = (n: number): Action[] => [
    { op: 'set', path: 'amqp.consumers[id=workers].prefetch', value: n },
  ];
  it('unlimited prefetch: the crash hands back many tasks; prefetch 1 hands back one', () => {
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.amqp.redelivered).toBeGreaterThan(10);
    expect(start.amqp.processed).toBe(160);
    const solved = attempt(c, c.solution);
    expect(solved.check.solved).toBe(true);
    expect(solved.amqp.redelivered).toBe(1);
    // A larger window hands back more than one.
    expect(attempt(c, prefetch(5)).check.solved).toBe(false);
  });
});

describe('rabbitmq-retry-later', () => {
  const c = challenge('rabbitmq-retry-later');
  it('requeue=true retries at once (redelivered); requeue=false retries through the wait queue', () => {
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.amqp.redelivered).toBeGreaterThan(0);
    expect(start.amqp.deadLettered).toBe(0);
    const solved = attempt(c, c.solution);
    expect(solved.check.solved).toBe(true);
    expect(solved.amqp.deadLettered).toBeGreaterThan(solved.amqp.handlerFailures);
    expect(solved.amqp.processed).toBe(60);
  });
});

describe('rabbitmq-delivery-limit', () => {
  const c = challenge('rabbitmq-delivery-limit');
  const set = (k: string, v: string | number | boolean): Action => ({
    op: 'set',
    path: k,
    value: v,
  });
  it('the poison message loops; a quorum queue with x-delivery-limit dead-letters only it', () => {
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.amqp.maxDeliveries).toBeGreaterThan(100);
    const solved = attempt(c, c.solution);
    expect(solved.check.solved).toBe(true);
    expect(solved.amqp.deadLettered).toBe(1);
    // Transient failures are still retried (requeued), not dead-lettered.
    expect(solved.amqp.requeued).toBeGreaterThan(3);
  });

  it('wrong answers: requeue=false dead-letters transient failures too; x-delivery-limit alone is refused on a classic queue', () => {
    const noRequeue = attempt(c, [set('amqp.consumers[id=worker].failure.requeue', false)]);
    expect(noRequeue.check.solved).toBe(false);
    expect(noRequeue.amqp.deadLettered).toBeGreaterThan(1);
    // x-delivery-limit alone: the scenario is refused with the reason, as RabbitMQ's classic
    // queues ignore it.
    const classic = applyActions(challengeStart(c)!, [
      set('amqp.queues[name=jobs].arguments["x-delivery-limit"]', 3),
    ]);
    expect(classic.ok).toBe(false);
    if (!classic.ok) expect(en(classic.error)).toMatch(/x-queue-type.*quorum/);
  });
});
