/**
 * The event store challenges (issue 13): each start fails its goal for the reason its brief
 * gives, the reference solution solves it, and the tempting wrong answers do not (measured on
 * the engine's runs, through the same check the app runs).
 */
import { describe, expect, it } from 'vitest';
import { renderMsg } from '../i18n';
import { applyActions, diffScenarios } from '../learn/actions';
import { challengeStart, checkChallenge, parseChallenge } from '../learn/challenge';
import { runForCheck } from '../learn/goals';
import type { Action, Challenge, JsonValue } from '../learn/types';
import { challengeDocuments } from '.';

const en = (m: Parameters<typeof renderMsg>[1]) => renderMsg('en', m);

function challenge(id: string): Challenge {
  const doc = challengeDocuments.find((d) => (d as { id: string }).id === id);
  const p = parseChallenge(doc);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.challenge;
}

function attempt(c: Challenge, actions: Action[]) {
  const start = challengeStart(c)!;
  const r = applyActions(start, actions);
  if (!r.ok) throw new Error(en(r.error));
  const run = runForCheck(r.scenario);
  if (!run.ok) throw new Error(en(run.error));
  return { check: checkChallenge(c, r.scenario), es: run.result.summary.eventStore! };
}

const set = (path: string, value: JsonValue): Action => ({
  op: 'set',
  path,
  value,
});

describe('event store challenges', () => {
  it('es-every-command-lands: a command fails after maxRetries; enough retries land them all, too few do not', () => {
    const c = challenge('es-every-command-lands');
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.es.failedCommands).toBe(1);
    expect(en(start.check.feedback)).toMatch(/failed commands is 1/);
    expect(attempt(c, c.solution).check.solved).toBe(true);
    const p = 'eventStore.aggregates[id=order].maxRetries';
    expect(attempt(c, [set(p, 1)]).check.solved).toBe(false);
    // One handler would avoid the conflicts, but the brief keeps two: the rules refuse it.
    const one = attempt(c, [set('eventStore.aggregates[id=order].handlers', 1)]);
    expect(one.es.conflicts).toBe(0);
    expect(one.check.solved).toBe(false);
  });

  it('es-no-stale-reads: readYourWrites on balance-page removes the stale reads', () => {
    const c = challenge('es-no-stale-reads');
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.es.staleReads).toBeGreaterThan(0);
    const solved = attempt(c, c.solution);
    expect(solved.check.solved).toBe(true);
    expect(solved.es.readYourWritesWaits).toBeGreaterThan(start.es.readYourWritesWaits);
    // Making the projection inline would do it too, but the projection is not to be touched.
    const inline = attempt(c, [set('eventStore.projections[id=balances].mode', 'inline')]);
    expect(inline.es.staleReads).toBe(0);
    expect(inline.check.solved).toBe(false);
  });

  it('es-count-once: idempotent (or a checkpoint per event) counts once; a rarer checkpoint does not', () => {
    const c = challenge('es-count-once');
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.es.doubleCounted).toBeGreaterThan(0);
    expect(attempt(c, c.solution).check.solved).toBe(true);
    const every = 'eventStore.projections[id=item-counter].checkpointEvery';
    expect(attempt(c, [set(every, 1)]).check.solved).toBe(true);
    expect(attempt(c, [set(every, 20)]).check.solved).toBe(false);
  });

  it('es-fast-rebuild: a 1 ms projection rebuilds before the page notices; 10 ms does not', () => {
    const c = challenge('es-fast-rebuild');
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.es.staleReads).toBeGreaterThan(1);
    expect(attempt(c, c.solution).check.solved).toBe(true);
    const p = 'eventStore.projections[id=order-totals].processingMs';
    expect(attempt(c, [set(p, 10)]).check.solved).toBe(false);
  });

  it('es-upcast-invoices: an upcaster v1 → v2 reads the old invoices; one from another version does not', () => {
    const c = challenge('es-upcast-invoices');
    const start = attempt(c, []);
    expect(start.check.solved).toBe(false);
    expect(start.es.versionErrors).toBeGreaterThan(0);
    const solved = attempt(c, c.solution);
    expect(solved.check.solved).toBe(true);
    expect(solved.es.upcasted).toBeGreaterThan(start.es.upcasted);
    const wrong = attempt(c, [
      set('eventStore.aggregates[id=invoice].upcast', {
        from: 2,
        to: 3,
        defaults: { currency: 'EUR' },
      }),
    ]);
    expect(wrong.check.solved).toBe(false);
  });

  it('moves inside eventStore are counted per entity, as the editor counts them', () => {
    const c = challenge('es-count-once');
    const start = challengeStart(c)!;
    const r = applyActions(start, c.solution);
    if (!r.ok) throw new Error(en(r.error));
    expect(diffScenarios(start, r.scenario)).toEqual(c.solution);
  });
});
