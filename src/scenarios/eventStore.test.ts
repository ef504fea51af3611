/**
 * The five event store built-ins (issue 13) each show their phenomenon at their own seed: run
 * by the engine and measured from its summary, views and events.
 */
import { describe, expect, it } from 'vitest';
import {
  esProjectionLag,
  esReadModel,
  fold,
  parseScenario,
  simulate,
  type EsClientEvent,
  type SimEvent,
} from '../engine';
import { builtInScenarios } from '.';

type Of<T extends EsClientEvent['type']> = Extract<EsClientEvent, { type: T }>;
const ofType = <T extends EsClientEvent['type']>(evs: readonly SimEvent[], t: T): Of<T>[] =>
  evs.filter((e) => e.type === t) as unknown as Of<T>[];

function run(id: string) {
  const r = parseScenario(builtInScenarios[id]);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.errors)}`);
  return { scenario: r.scenario, ...simulate(r.scenario) };
}

describe('event store built-ins', () => {
  it('es-optimistic-concurrency: two writers conflict on order-1, retry, and one command fails after maxRetries', () => {
    const { summary, events } = run('es-optimistic-concurrency');
    const es = summary.eventStore!;
    expect(es.commands).toBe(6);
    expect(es.conflicts).toBeGreaterThan(0);
    expect(es.retries).toBeGreaterThan(0);
    expect(es.failedCommands).toBe(1);
    expect(es.succeeded + es.failedCommands).toBe(es.commands);
    const failed = ofType(events, 'es.commandFailed');
    expect(failed).toEqual([
      expect.objectContaining({ reason: 'WrongExpectedVersion', attempts: 3, stream: 'order-1' }),
    ]);
    // Both handlers appended: the conflicts are between two writers.
    const writers = new Set(ofType(events, 'es.commandSucceeded').map((e) => e.handler));
    expect(writers).toEqual(new Set(['order-handler-1', 'order-handler-2']));
  });

  it('es-stale-read: commands from a Kafka topic; balance-page reads stale, balance-page-ryw never does', () => {
    const { summary, events, scenario } = run('es-stale-read');
    expect(scenario.eventStore!.aggregates[0]!.commands).toEqual({ topic: 'account-commands' });
    expect(summary.eventStore!.staleReads).toBeGreaterThan(0);
    const answers = ofType(events, 'es.queryAnswered');
    const stale = answers.filter((a) => a.stale);
    expect(stale.length).toBe(summary.eventStore!.staleReads);
    expect(stale.every((a) => a.query === 'balance-page')).toBe(true);
    expect(stale.every((a) => a.behindEvents > 0 && a.behindMs > 0)).toBe(true);
    const ryw = answers.filter((a) => a.query === 'balance-page-ryw');
    expect(ryw.length).toBeGreaterThan(0);
    expect(ryw.every((a) => !a.stale)).toBe(true);
    // It waited instead: some of its answers came after a wait.
    expect(summary.eventStore!.readYourWritesWaits).toBeGreaterThan(0);
    expect(ryw.some((a) => a.waitedMs > 0)).toBe(true);
  });

  it('es-double-count: after the crash the counter counts events twice, the idempotent one does not', () => {
    const { summary, state } = run('es-double-count');
    const es = summary.eventStore!;
    expect(es.projectionCrashes).toBe(2);
    expect(es.doubleCounted).toBeGreaterThan(0);
    expect(es.deduplicated).toBe(es.doubleCounted);
    const sum = (id: string) => {
      let n = 0;
      for (const r of esReadModel(state, id)!.values()) n += r.count;
      return n;
    };
    // The idempotent read model counts each event once: the stream's length. The counter more.
    let events = 0;
    for (const [id, st] of state.eventStore!.store.streams)
      if (!id.startsWith('$')) events += st.events.length;
    const idem = sum('item-count-idempotent');
    const counter = sum('item-counter');
    expect(counter - idem).toBe(es.doubleCounted);
    expect(idem).toBeLessThanOrEqual(events);
  });

  it('es-rebuild-read-model: the rebuild replays $all from 0 with progress, and finishes', () => {
    const { model, events, summary } = run('es-rebuild-read-model');
    expect(summary.eventStore!.rebuilds).toBe(1);
    const start = events.findIndex((e) => e.type === 'es.rebuildStarted');
    const done = events.findIndex(
      (e, i) => i > start && 'rebuildCompleted' in e && e.rebuildCompleted,
    );
    expect(start).toBeGreaterThan(0);
    expect(done).toBeGreaterThan(start);
    // Progress climbs from 0 to 1 between the two.
    const progress: number[] = [];
    for (const at of [start + 1, Math.round((start + done) / 2), done]) {
      const s = fold(model, events.slice(0, at + 1));
      const p = esProjectionLag(s, 'order-totals')!;
      progress.push(p.rebuildProgress ?? 1);
    }
    expect(progress[0]).toBeLessThan(0.2);
    expect(progress[1]).toBeGreaterThan(progress[0]!);
    expect(progress[1]).toBeLessThan(1);
    expect(progress[2]).toBe(1);
    // Afterwards the read model has every stream's last version.
    const end = fold(model, events);
    const rm = esReadModel(end, 'order-totals')!;
    for (const [id, st] of end.eventStore!.store.streams)
      if (!id.startsWith('$')) expect(rm.get(id)?.lastVersion, id).toBe(st.events.length - 1);
  });

  it('es-upcasting: payment reads its v1 events through the upcaster; invoice, without one, fails', () => {
    const { summary, events } = run('es-upcasting');
    const es = summary.eventStore!;
    expect(es.upcasted).toBeGreaterThan(0);
    expect(es.versionErrors).toBeGreaterThan(0);
    const failed = ofType(events, 'es.commandFailed');
    expect(failed.length).toBe(es.failedCommands);
    expect(failed.every((e) => e.aggregate === 'invoice' && e.reason === 'eventVersion')).toBe(
      true,
    );
    const deploy = ofType(events, 'es.deployed')[0]!;
    const paidAfter = ofType(events, 'es.commandSucceeded').filter(
      (e) => e.aggregate === 'payment' && e.timeUs > deploy.timeUs,
    );
    expect(paidAfter.length).toBeGreaterThan(0);
    expect(paidAfter.every((e) => e.eventVersion === 2 && e.stateAfter.currency === 'EUR')).toBe(
      true,
    );
    expect(es.snapshotsIgnored).toBeGreaterThan(0);
  });
});
