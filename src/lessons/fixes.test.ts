/**
 * The fixes a task's narration names, beyond the reference answer in claims.ts: each one solves
 * the task within its `allow`, and where the narration says both sides must change (the bridge,
 * lesson 14), a fix on one side alone does not.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../engine';
import { applyActions, matchesAllow } from '../learn/actions';
import { evaluateGoal, runForCheck } from '../learn/goals';
import { parseLesson, resolveLessonSteps } from '../learn/lesson';
import type { Action, Lesson } from '../learn/types';
import { builtInScenarios } from '../scenarios';
import acks from './11-rabbitmq-acks-prefetch-and-redelivery.json';
import bridge from './14-kafka-to-rabbitmq-bridge.json';

const builtIn = (id: string): Scenario | undefined => {
  if (!Object.hasOwn(builtInScenarios, id)) return undefined;
  const r = parseScenario(builtInScenarios[id]);
  return r.ok ? r.scenario : undefined;
};

/** Whether `actions` (each within the task's allow) solve step `i`'s task. */
function solves(raw: unknown, i: number, actions: Action[]): boolean {
  const parsed = parseLesson(raw);
  if (!parsed.ok) throw new Error('lesson does not parse');
  const lesson: Lesson = parsed.lesson;
  const resolved = resolveLessonSteps(lesson, builtIn);
  if (!resolved.ok) throw new Error('steps do not resolve');
  const task = lesson.steps[i]!.task!;
  for (const a of actions)
    if (a.op === 'set') expect(matchesAllow(a.path, task.allow ?? [])).toBe(true);
  const applied = applyActions(resolved.scenarios[i]!, actions);
  if (!applied.ok) throw new Error('actions do not apply');
  const run = runForCheck(applied.scenario);
  if (!run.ok) throw new Error('run failed');
  return evaluateGoal(task.goal, run.result).ok;
}
type SetAction = Extract<Action, { op: 'set' }>;
const set = (path: string, value: SetAction['value']): SetAction => ({ op: 'set', path, value });
const W = 'amqp.consumers[id=workers]';
const G = 'groups[id=notification-bridge]';
const E = 'amqp.consumers[id=email-sender]';

describe('the fixes the narration names', () => {
  it('lesson 11, batch acks: acking each task, or an idempotent worker, does no task twice', () => {
    expect(solves(acks, 5, [])).toBe(false);
    expect(solves(acks, 5, [set(`${W}.ackEvery`, 1)])).toBe(true);
    expect(solves(acks, 5, [set(`${W}.idempotent`, true)])).toBe(true);
  });

  it('lesson 14, the bridge: one fix per side solves it, either side alone does not', () => {
    const kafka = [set(`${G}.idempotent`, true), set(`${G}.config["enable.auto.commit"]`, false)];
    const rabbit = [set(`${E}.idempotent`, true), set(`${E}.ackEvery`, 1)];
    for (const k of kafka) {
      expect(solves(bridge, 3, [k])).toBe(false);
      for (const r of rabbit) expect(solves(bridge, 3, [k, r]), `${k.path} + ${r.path}`).toBe(true);
    }
    for (const r of rabbit) expect(solves(bridge, 3, [r])).toBe(false);
  });
});
