/**
 * Anomaly explanations travel from the worker to the UI as messages (src/i18n Msg), not text:
 * each one must survive structured clone (postMessage) unchanged, render the same after it in
 * both languages, and stay small and shallow (a few kilobytes at most, nesting bounded).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine';
import { renderMsg } from '../i18n/translate';
import { LOCALES } from '../i18n/types';
import { MAX_MSG_DEPTH, MAX_MSG_JSON, msgDepth, msgProblems } from '../insight/test/explainCheck';
import brokerFailure from '../scenarios/broker-failure.json';
import crash from '../scenarios/crash-before-commit.json';
import type { WorkerMessage } from './protocol';
import { SimRunner } from './simRunner';

function insightOf(json: unknown) {
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new Error('a built-in does not parse');
  const posted: WorkerMessage[] = [];
  const timers: (() => void)[] = [];
  let nowMs = 0;
  const runner = new SimRunner({
    post: (m) => posted.push(m),
    now: () => (nowMs += 1),
    setTimer: (fn) => (timers.push(fn), fn),
    clearTimer: (h) => {
      const i = timers.indexOf(h as () => void);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  runner.handle({ type: 'load', scenario: parsed.scenario });
  runner.handle({ type: 'runTo', id: 1 });
  for (let n = 0; n < 10_000 && timers.length; n++) timers.shift()!();
  return posted.filter((m) => m.type === 'insight');
}

describe('explanations on their way to the UI', () => {
  it.each([
    ['crash-before-commit', crash],
    ['broker-failure', brokerFailure],
  ])(
    '%s: every batch survives structured clone; each explanation renders the same, small',
    (_, json) => {
      const batches = insightOf(json);
      const anomalies = batches.flatMap((b) => (b.type === 'insight' ? b.anomalies : []));
      expect(anomalies.length).toBeGreaterThan(0);
      for (const batch of batches) {
        const clone = structuredClone(batch);
        expect(clone).toEqual(batch);
        if (clone.type !== 'insight' || batch.type !== 'insight') continue;
        clone.anomalies.forEach((a, i) => {
          const sent = batch.anomalies[i]!;
          for (const locale of LOCALES)
            expect(renderMsg(locale, a.explanation)).toBe(renderMsg(locale, sent.explanation));
          expect(msgDepth(a.explanation)).toBeLessThanOrEqual(MAX_MSG_DEPTH);
          expect(JSON.stringify(a.explanation).length).toBeLessThanOrEqual(MAX_MSG_JSON);
          expect(msgProblems(a.explanation)).toEqual([]);
        });
      }
    },
  );
});
