/**
 * The event store's anomalies (issue 13) against a naive recount from the run's own events, over
 * random event store scenarios (conflicts, crashes, rebuilds, deploys with and without
 * upcasters), and their explanations on the built-ins, in English and Chinese.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseScenario,
  simulate,
  type EsClientEvent,
  type Scenario,
  type SimEvent,
} from '../engine';
import { catalogs } from '../i18n/catalog';
import { paramNames, parseMessage } from '../i18n/icu';
import { renderMsg } from '../i18n/translate';
import { builtInScenarios } from '../scenarios';
import { ES_ANOMALY_KINDS, type Anomaly } from './anomaly';
import { AnomalyDetector, detectAnomalies } from './detector';
import { anomalyTotals } from './totals';
import { esScenarioArb } from './test/esArb';
import { msgProblems } from './test/explainCheck';

type Of<T extends EsClientEvent['type']> = Extract<EsClientEvent, { type: T }>;
const is = <T extends EsClientEvent['type']>(e: SimEvent, t: T): e is Of<T> & SimEvent =>
  e.type === t;

function parsed(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const sumOf = (as: readonly Anomaly[], kind: Anomaly['kind'], cause?: Anomaly['cause']) =>
  as
    .filter((a) => a.kind === kind && (cause === undefined || a.cause === cause))
    .reduce((n, a) => n + a.count, 0);

/**
 * What the anomalies should be, recounted from the events alone: double counts from each
 * counter projection's rows (Σ count − distinct versions, rows dropped by a rebuild included),
 * stale reads from each non-readYourWrites query's read of the model against the last command,
 * conflicts and failures and version errors by their events.
 */
function recount(s: Scenario, events: readonly SimEvent[]) {
  const spec = s.eventStore!;
  const projections = new Map((spec.projections ?? []).map((p) => [p.id, p]));
  const queries = new Map((spec.queries ?? []).map((q) => [q.id, q]));
  const rows = new Map<string, Map<string, { count: number; versions: Set<number> }>>();
  let doubleCounts = 0;
  let idempotentRecounts = 0;
  const dropped = (p: string) => {
    let n = 0;
    for (const r of rows.get(p)?.values() ?? []) n += r.count - r.versions.size;
    return n;
  };
  const lastWrite = new Map<string, { stream: string; version: number }>();
  let lastWriteAll: { stream: string; version: number } | null = null;
  let stale = 0;
  let staleRyw = 0;
  let conflicts = 0;
  const failed = { WrongExpectedVersion: 0, eventVersion: 0 };
  let versionErrors = 0;
  for (const e of events) {
    if (is(e, 'es.projected') && e.applied) {
      let m = rows.get(e.projection);
      if (!m) rows.set(e.projection, (m = new Map()));
      let r = m.get(e.stream);
      if (!r) m.set(e.stream, (r = { count: 0, versions: new Set() }));
      r.count++;
      r.versions.add(e.eventNumber);
    } else if (is(e, 'es.rebuildStarted')) {
      if (projections.get(e.projection)!.kind === 'counter') doubleCounts += dropped(e.projection);
      rows.delete(e.projection);
    } else if (is(e, 'es.commandSucceeded')) {
      const w = { stream: e.stream, version: e.nextExpectedVersion };
      lastWrite.set(e.aggregate, w);
      lastWriteAll = w;
    } else if (is(e, 'es.queryAnswered')) {
      const q = queries.get(e.query)!;
      const p = projections.get(q.projection)!;
      const lw = p.from === '$all' ? lastWriteAll : (lastWrite.get(p.from) ?? null);
      const model =
        lw === null ? -1 : Math.max(-1, ...(rows.get(p.id)?.get(lw.stream)?.versions ?? []));
      const behind = lw === null ? 0 : Math.max(0, lw.version - model);
      if (q.readYourWrites) {
        if (e.stale) staleRyw++;
      } else {
        expect(e.behindEvents, `${e.query} at ${e.timeUs}`).toBe(behind);
        if (behind > 0) stale++;
      }
    } else if (e.type === 'es.writeRejected') conflicts++;
    else if (is(e, 'es.commandFailed')) failed[e.reason]++;
    else if (is(e, 'es.eventVersionError')) versionErrors++;
  }
  for (const [id, p] of projections) {
    if (p.kind === 'counter') doubleCounts += dropped(id);
    else idempotentRecounts += dropped(id);
  }
  return { doubleCounts, idempotentRecounts, stale, staleRyw, conflicts, failed, versionErrors };
}

describe('event store anomalies agree with a naive recount (random scenarios)', () => {
  it('double counts, stale reads, conflicts, failed commands and version errors; totals = the summary (seed 1313)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(esScenarioArb, (s) => {
        const run = simulate(s);
        const anomalies = detectAnomalies(run.model, run.events);
        const want = recount(s, run.events);
        expect(sumOf(anomalies, 'double-count')).toBe(want.doubleCounts);
        // An idempotent projection never counts an event twice, and no anomaly says it does.
        expect(want.idempotentRecounts).toBe(0);
        for (const a of anomalies.filter((x) => x.kind === 'double-count')) {
          const p = s.eventStore!.projections!.find((x) => x.id === a.actor)!;
          expect(p.kind).toBe('counter');
        }
        expect(sumOf(anomalies, 'stale-read')).toBe(want.stale);
        expect(want.staleRyw).toBe(0);
        expect(sumOf(anomalies, 'write-conflict')).toBe(want.conflicts);
        expect(sumOf(anomalies, 'command-failed', 'retries-exhausted')).toBe(
          want.failed.WrongExpectedVersion,
        );
        expect(sumOf(anomalies, 'command-failed', 'upcaster-missing')).toBe(
          want.failed.eventVersion,
        );
        expect(sumOf(anomalies, 'schema-mismatch')).toBe(want.versionErrors);
        // One set of numbers: Σ count per kind = the engine summary's counters.
        const es = run.summary.eventStore!;
        const t = anomalyTotals(anomalies).eventStore;
        expect(t).toMatchObject({
          'stale-read': es.staleReads,
          'double-count': es.doubleCounted,
          'write-conflict': es.conflicts,
          'command-failed': es.failedCommands,
          'schema-mismatch': es.versionErrors,
        });
        // None of Kafka's kinds in a run with only an event store; all are the event store's.
        for (const a of anomalies) {
          expect(a.system).toBe('eventstore');
          expect(ES_ANOMALY_KINDS).toContain(a.kind);
          seen.add(`${a.kind}/${a.cause}`);
          expect(msgProblems(a.explanation), renderMsg('en', a.explanation)).toEqual([]);
        }
      }),
      { seed: 1313, numRuns: 60 },
    );
    // Not vacuous: the random runs met every cause.
    for (const c of [
      'stale-read/projection-lag',
      'double-count/projection-crash',
      'write-conflict/wrong-expected-version',
      'command-failed/retries-exhausted',
      'command-failed/upcaster-missing',
      'schema-mismatch/upcaster-missing',
      'schema-mismatch/stale-snapshot',
    ])
      expect(seen.has(c), `${c} among ${[...seen].join(' ')}`).toBe(true);
  });

  it('a conflict names the writer between the read and the append, and points at its append (seed 77)', () => {
    fc.assert(
      fc.property(esScenarioArb, (s) => {
        const run = simulate(s);
        for (const a of detectAnomalies(run.model, run.events)) {
          if (a.kind !== 'write-conflict') continue;
          const e = run.events[a.index]! as Of<'es.appendConflicted'>;
          expect(e.type).toBe('es.appendConflicted');
          const next = e.expected === 'no_stream' ? 0 : e.expected + 1;
          const cause = run.events[a.causeIndex!] as Of<'es.commandSucceeded'>;
          expect(cause).toMatchObject({
            type: 'es.commandSucceeded',
            stream: e.stream,
            nextExpectedVersion: next,
          });
          expect(cause.handler).not.toBe(e.handler);
          expect(renderMsg('en', a.explanation)).toContain(cause.handler);
        }
      }),
      { seed: 77, numRuns: 30 },
    );
  });

  it('the live detector (one event at a time) finds what the batch run finds', () => {
    const s = parsed(builtInScenarios['es-double-count']);
    const run = simulate(s);
    const d = new AnomalyDetector(run.model);
    const live: Anomaly[] = [];
    run.events.forEach((e, i) => live.push(...d.push(e, i)));
    expect(live).toEqual(detectAnomalies(run.model, run.events));
  });
});

describe('event store explanations on the built-ins', () => {
  const anomaliesOf = (id: string) => {
    const run = simulate(parsed(builtInScenarios[id]));
    return { run, anomalies: detectAnomalies(run.model, run.events) };
  };

  it('a double count names the crash, the checkpoint it restarted from and the events handled again', () => {
    const { run, anomalies } = anomaliesOf('es-double-count');
    const dc = anomalies.filter((a) => a.kind === 'double-count');
    expect(dc.length).toBe(run.summary.eventStore!.doubleCounted);
    expect(dc.length).toBeGreaterThan(0);
    const crash = run.events[dc[0]!.causeIndex!] as Of<'es.projectionCrashed'>;
    expect(crash).toMatchObject({ type: 'es.projectionCrashed', projection: 'item-counter' });
    const en = renderMsg('en', dc[0]!.explanation);
    expect(en).toContain(`its last checkpoint was ${crash.checkpoint}`);
    expect(en).toContain(`handles again the ${dc.length} events`);
    expect(en).toContain('item-counter counted cart-');
    expect(renderMsg('zh-CN', dc[0]!.explanation)).toContain(
      `最后一个检查点是 ${crash.checkpoint}`,
    );
    // The idempotent projection skipped the same events: no anomaly names it.
    expect(anomalies.some((a) => a.actor === 'item-count-idempotent')).toBe(false);
    expect(run.summary.eventStore!.deduplicated).toBe(dc.length);
  });

  it('a stale read says how far behind, in events and ms, naming the projection and its checkpoint', () => {
    const { run, anomalies } = anomaliesOf('es-stale-read');
    const stale = anomalies.filter((a) => a.kind === 'stale-read');
    expect(stale.length).toBe(run.summary.eventStore!.staleReads);
    for (const a of stale) {
      const q = run.events[a.index] as Of<'es.queryAnswered'>;
      expect(q.query).toBe('balance-page');
      const en = renderMsg('en', a.explanation);
      expect(en).toContain(`${q.behindEvents} event`);
      expect(en).toContain('balances is asynchronous');
      expect(en).toContain(`next $all position it handles was ${q.modelPosition}`);
      const cmd = run.events[a.causeIndex!] as Of<'es.commandSucceeded'>;
      expect(cmd).toMatchObject({
        type: 'es.commandSucceeded',
        stream: q.stream,
        nextExpectedVersion: q.commandVersion,
      });
    }
  });

  it('a command that fails after maxRetries, and the conflicts before it', () => {
    const { anomalies } = anomaliesOf('es-optimistic-concurrency');
    const failed = anomalies.find((a) => a.kind === 'command-failed')!;
    expect(renderMsg('en', failed.explanation)).toMatch(
      /failed: order-handler-\d tried 3 times .*WrongExpectedVersion\); maxRetries is 2/,
    );
    const gaveUp = anomalies.filter(
      (a) => a.kind === 'write-conflict' && renderMsg('en', a.explanation).includes('maxRetries 2'),
    );
    expect(gaveUp).toHaveLength(1);
  });

  it('without an upcaster the v2 code cannot read v1 events; with one it reads them', () => {
    const { anomalies } = anomaliesOf('es-upcasting');
    const mismatch = anomalies.filter((a) => a.cause === 'upcaster-missing');
    expect(mismatch.length).toBeGreaterThan(0);
    expect(mismatch.every((a) => a.topic.startsWith('invoice-'))).toBe(true);
    const en = renderMsg('en', mismatch.find((a) => a.kind === 'schema-mismatch')!.explanation);
    expect(en).toContain('written with schema version 1, but its code expects version 2');
    expect(en).toContain('new code deployed at 1,000 ms');
    expect(en).toContain('No upcaster turns version 1 into 2');
    const snap = anomalies.filter((a) => a.cause === 'stale-snapshot');
    expect(snap.length).toBeGreaterThan(0);
    expect(snap.every((a) => a.count === 0 && a.topic.startsWith('payment-'))).toBe(true);
  });
});

describe('the esInsight catalog', () => {
  it('every pattern renders in both languages with every parameter; the Chinese has no English words', () => {
    const keys = Object.keys(catalogs.en).filter((k) => k.startsWith('esInsight.'));
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) {
      const params: Record<string, string | number> = {};
      for (const n of paramNames(parseMessage(catalogs.en[key]!))) params[n] = 2;
      expect(msgProblems({ key, params }), key).toEqual([]);
      expect(renderMsg('zh-CN', { key, params }), key).not.toBe(renderMsg('en', { key, params }));
    }
  });
});
