import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../kafka/events';
import { parseScenario } from '../../scenario/parse';
import type { EsAggregateSpec, EventStoreSpec, Scenario } from '../../scenario/types';
import { simulate } from '../../simulate';
import { BROWSER_LIMITS, costIssues, estimateCost } from '../../scenario/cost';
import { foldAgg } from './domain';
import type { EsClientEvent } from './events';
import { esProjectionLag, esReadModel, esStreamHeads } from './views';

// The event store in a run (issue 13, "Command side and read side"): documented behaviour on
// small hand-made scenarios. Property tests over random scenarios are in properties.test.ts.

function scenario(es: EventStoreSpec, durationMs = 2000): Scenario {
  const r = parseScenario({ version: 2, name: 'es', topics: [], durationMs, eventStore: es });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

type Of<T extends EsClientEvent['type']> = Extract<EsClientEvent, { type: T }>;
const ofType = <T extends EsClientEvent['type']>(evs: SimEvent[], t: T): Of<T>[] =>
  evs.filter((e) => e.type === t) as unknown as Of<T>[];

/** Commands at 0 ms and 10 ms for one key, handled in 50 ms by two handlers: they overlap. */
function twoWriters(maxRetries: number): EsAggregateSpec {
  return {
    id: 'order',
    commands: {
      rate: { kind: 'constant', perSec: 100 },
      keys: { kind: 'fixed', keys: ['1'] },
      stopMs: 15,
    },
    handlers: 2,
    processingMs: 50,
    maxRetries,
    rules: [{ command: 'AddItem', event: 'ItemAdded', amount: 5 }],
  };
}

describe('command handlers: optimistic concurrency', () => {
  it('two writers on one stream: the second append fails with WrongExpectedVersion, re-reads and succeeds', () => {
    const { events, summary, state } = simulate(scenario({ aggregates: [twoWriters(3)] }));
    const rejected = events.filter((e) => e.type === 'es.writeRejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      streamId: 'order-1',
      expected: 'no_stream',
      error: { name: 'WrongExpectedVersion', expected: 'no_stream', actual: 0 },
    });
    const conflicts = ofType(events, 'es.appendConflicted');
    expect(conflicts).toEqual([
      expect.objectContaining({
        commandId: 2,
        stream: 'order-1',
        attempt: 1,
        expected: 'no_stream',
        actual: 0,
        retry: true,
        timeUs: 60_000,
      }),
    ]);
    const retried = ofType(events, 'es.commandHandling').filter((e) => e.attempt === 2);
    expect(retried).toEqual([expect.objectContaining({ commandId: 2, readVersion: 0 })]);
    const ok = ofType(events, 'es.commandSucceeded');
    expect(ok.map((e) => [e.commandId, e.nextExpectedVersion, e.attempt])).toEqual([
      [1, 0, 1],
      [2, 1, 2],
    ]);
    expect(ok[1]!.stateAfter).toMatchObject({ version: 1, count: 2, total: 10 });
    expect(summary.eventStore).toMatchObject({
      commands: 2,
      succeeded: 2,
      appends: 2,
      conflicts: 1,
      retries: 1,
      failedCommands: 0,
    });
    expect(esStreamHeads(state)!.get('order-1')).toEqual({ version: 1, events: 2 });
  });

  it('without retries the conflicting command fails and writes nothing', () => {
    const { events, summary, state } = simulate(scenario({ aggregates: [twoWriters(0)] }));
    const failed = ofType(events, 'es.commandFailed');
    expect(failed).toEqual([
      expect.objectContaining({ commandId: 2, reason: 'WrongExpectedVersion', attempts: 1 }),
    ]);
    expect(ofType(events, 'es.appendConflicted')[0]!.retry).toBe(false);
    expect(summary.eventStore).toMatchObject({ conflicts: 1, retries: 0, failedCommands: 1 });
    expect(state.eventStore!.store.streams.get('order-1')!.events).toHaveLength(1);
  });

  it('one handler never conflicts: commands are handled one after another', () => {
    const agg = { ...twoWriters(3), handlers: 1 };
    const { summary } = simulate(scenario({ aggregates: [agg] }));
    expect(summary.eventStore).toMatchObject({ succeeded: 2, conflicts: 0 });
  });

  it('a guard refuses a command (the Decider): nothing is appended', () => {
    const agg: EsAggregateSpec = {
      ...twoWriters(3),
      handlers: 1,
      rules: [{ command: 'AddItem', event: 'OrderPlaced', whenStatus: null, setStatus: 'placed' }],
    };
    const { events, summary } = simulate(scenario({ aggregates: [agg] }));
    expect(ofType(events, 'es.commandRejected')).toEqual([
      expect.objectContaining({ commandId: 2, reason: expect.stringContaining('placed') }),
    ]);
    expect(summary.eventStore).toMatchObject({ succeeded: 1, rejectedCommands: 1 });
  });
});

describe('snapshots', () => {
  const agg = (every: number): EsAggregateSpec => ({
    id: 'account',
    commands: {
      rate: { kind: 'constant', perSec: 10 },
      keys: { kind: 'fixed', keys: ['a'] },
    },
    processingMs: 1,
    snapshot: { every, schemaVersion: 1 },
    rules: [{ command: 'Deposit', event: 'Deposited', amount: 3 }],
  });

  it('a handler reads the latest snapshot and only the events after it; the state is the fold', () => {
    const { events, state } = simulate(scenario({ aggregates: [agg(4)] }, 1000));
    const snaps = ofType(events, 'es.snapshotTaken');
    expect(snaps.map((e) => e.version)).toEqual([3, 7]);
    const reads = ofType(events, 'es.commandHandling');
    // Command 5 reads the snapshot at 3 and no event; command 7 reads it and events 4, 5.
    expect(reads[4]).toMatchObject({ readVersion: 3, snapshotVersion: 3, eventsRead: 0 });
    expect(reads[6]).toMatchObject({ readVersion: 5, snapshotVersion: 3, eventsRead: 2 });
    const stream = state.eventStore!.store.streams.get('account-a')!.events;
    const fold = foldAgg(stream, 1, null);
    expect(fold.ok && fold.state).toEqual(state.eventStore!.aggregates.get('account-a'));
  });

  it('a snapshot whose schema version is stale is ignored: the stream is read from the start', () => {
    const { events, summary } = simulate(
      scenario(
        {
          aggregates: [agg(4)],
          faults: [{ kind: 'deploy', aggregate: 'account', atMs: 450, snapshotSchemaVersion: 2 }],
        },
        1000,
      ),
    );
    const reads = ofType(events, 'es.commandHandling');
    // Commands at 0…400 ms: 5 reads; the deploy at 450 ms makes the snapshot at 3 stale.
    expect(reads[4]).toMatchObject({ snapshotVersion: 3, snapshotIgnored: false });
    expect(reads[5]).toMatchObject({
      readVersion: 4,
      snapshotVersion: null,
      snapshotIgnored: true,
      eventsRead: 5,
    });
    // The snapshot at 7 is written with schema version 2 and used again.
    expect(ofType(events, 'es.snapshotTaken').map((e) => e.schemaVersion)).toEqual([1, 2]);
    expect(reads[8]).toMatchObject({
      readVersion: 7,
      snapshotVersion: 7,
      snapshotIgnored: false,
      eventsRead: 0,
    });
    expect(summary.eventStore!.snapshotsIgnored).toBe(3);
    for (const ok of ofType(events, 'es.commandSucceeded'))
      expect(ok.stateAfter.total).toBe(3 * (ok.nextExpectedVersion + 1));
  });
});

describe('async projections: crash between handling and checkpoint', () => {
  const es = (kind: 'counter' | 'idempotent', crash: boolean): EventStoreSpec => ({
    aggregates: [
      {
        id: 'order',
        commands: {
          rate: { kind: 'constant', perSec: 100 },
          keys: { kind: 'fixed', keys: ['1', '2'] },
          stopMs: 95,
        },
        processingMs: 1,
        rules: [{ command: 'AddItem', event: 'ItemAdded', amount: 1 }],
      },
    ],
    projections: [
      { id: 'items', from: 'order', mode: 'async', kind, checkpointEvery: 4, processingMs: 2 },
    ],
    faults: crash ? [{ kind: 'projectionCrash', projection: 'items', atMs: 55 }] : [],
  });

  it('a counter projection counts the events after its checkpoint twice', () => {
    const { events, state, summary } = simulate(scenario(es('counter', true), 500));
    const crash = ofType(events, 'es.projectionCrashed')[0]!;
    expect(crash.position).toBeGreaterThan(crash.checkpoint);
    const again = crash.position - crash.checkpoint;
    const rm = esReadModel(state, 'items')!;
    const counted = [...rm.values()].reduce((a, r) => a + r.count, 0);
    expect(counted).toBe(10 + again);
    expect(summary.eventStore!.doubleCounted).toBe(again);
    expect(summary.eventStore!.deduplicated).toBe(0);
  });

  it('an idempotent projection (last version per key) handles them again without counting them', () => {
    const { events, state, summary } = simulate(scenario(es('idempotent', true), 500));
    const crash = ofType(events, 'es.projectionCrashed')[0]!;
    const again = crash.position - crash.checkpoint;
    expect(again).toBeGreaterThan(0);
    const rm = esReadModel(state, 'items')!;
    expect(rm.size).toBe(2);
    for (const [stream, st] of state.eventStore!.store.streams) {
      if (stream.startsWith('$')) continue;
      const n = st.events.length;
      expect(rm.get(stream)).toEqual({ count: n, total: n, lastVersion: n - 1 });
    }
    expect(summary.eventStore).toMatchObject({ doubleCounted: 0, deduplicated: again });
  });

  it('without a crash both count every event once; the lag view reaches the head', () => {
    for (const kind of ['counter', 'idempotent'] as const) {
      const { state } = simulate(scenario(es(kind, false), 500));
      const rm = esReadModel(state, 'items')!;
      const heads = esStreamHeads(state)!;
      expect(rm.size).toBe(heads.size);
      for (const [stream, h] of heads) expect(rm.get(stream)!.count).toBe(h.events);
      expect(esProjectionLag(state, 'items')).toMatchObject({
        position: 10,
        head: 9,
        behindEvents: 0,
        rebuildProgress: null,
      });
    }
  });

  it('a rebuild drops the read model and replays $all from 0, with progress', () => {
    const spec = es('counter', true);
    spec.faults!.push({ kind: 'rebuild', projection: 'items', atMs: 200 });
    const progress: (number | null)[] = [];
    let rebuilding = false;
    const { state, summary } = simulate(scenario(spec, 500), {
      onEvent: (e, s) => {
        if (e.type === 'es.rebuildStarted') rebuilding = true;
        if (e.type === 'es.projected' && rebuilding)
          progress.push(esProjectionLag(s, 'items')!.rebuildProgress);
      },
    });
    // Ten events to replay: 0.1, 0.2, … then done (no rebuild running).
    expect(progress).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, null]);
    const rm = esReadModel(state, 'items')!;
    // The double count is gone: the rebuilt model counts each event once.
    const heads = esStreamHeads(state)!;
    for (const [stream, h] of heads) expect(rm.get(stream)!.count).toBe(h.events);
    expect(summary.eventStore!.rebuilds).toBe(1);
    expect(esProjectionLag(state, 'items')!.rebuildProgress).toBeNull();
  });
});

describe('queries: stale reads and read-your-writes', () => {
  const es = (readYourWrites: boolean): EventStoreSpec => ({
    aggregates: [
      {
        id: 'cart',
        commands: {
          rate: { kind: 'constant', perSec: 10 },
          keys: { kind: 'fixed', keys: ['x'] },
          stopMs: 1,
        },
        processingMs: 10,
        rules: [{ command: 'Add', event: 'Added' }],
      },
    ],
    projections: [
      { id: 'carts', from: 'cart', mode: 'async', kind: 'idempotent', processingMs: 5 },
      { id: 'cartsInline', from: 'cart', mode: 'inline', kind: 'idempotent' },
    ],
    queries: [
      { id: 'q', projection: 'carts', rate: { kind: 'constant', perSec: 1000 }, readYourWrites },
      { id: 'qi', projection: 'cartsInline', rate: { kind: 'constant', perSec: 1000 } },
    ],
  });

  it('an async read model lags behind the append: a query right after the command reads stale', () => {
    const { events, summary } = simulate(scenario(es(false), 50));
    const answers = ofType(events, 'es.queryAnswered');
    const appendAt = ofType(events, 'es.commandSucceeded')[0]!.timeUs;
    expect(appendAt).toBe(10_000);
    const stale = answers.filter((a) => a.stale);
    // The projection receives the event at 10 ms and handles it for 5 ms: queries at 10 … 14 ms.
    expect(stale.map((a) => a.timeUs)).toEqual([10_000, 11_000, 12_000, 13_000, 14_000]);
    for (const a of stale) {
      expect(a).toMatchObject({
        projection: 'carts',
        stream: 'cart-x',
        commandVersion: 0,
        modelVersion: -1,
        behindEvents: 1,
      });
      expect(a.behindMs).toBe((a.timeUs - appendAt) / 1000);
    }
    // The inline read model is updated with the append: never stale.
    expect(answers.filter((a) => a.projection === 'cartsInline' && a.stale)).toEqual([]);
    expect(summary.eventStore).toMatchObject({ staleReads: 5, maxStaleEvents: 1, maxStaleMs: 4 });
  });

  it('read-your-writes waits until the model has the command version, then answers fresh', () => {
    const { events, summary } = simulate(scenario(es(true), 50));
    const waits = ofType(events, 'es.queryWaiting');
    expect(waits.length).toBeGreaterThan(0);
    const answers = ofType(events, 'es.queryAnswered').filter((a) => a.query === 'q');
    expect(answers.filter((a) => a.stale)).toEqual([]);
    const waited = answers.filter((a) => a.waitedMs > 0);
    // It waits at 10 ms and answers when the model has version 0, at 15 ms.
    expect(waits).toEqual([expect.objectContaining({ timeUs: 10_000, commandVersion: 0 })]);
    expect(waited).toEqual([
      expect.objectContaining({
        timeUs: 15_000,
        waitedMs: 5,
        stream: 'cart-x',
        commandVersion: 0,
        modelVersion: 0,
      }),
    ]);
    expect(summary.eventStore).toMatchObject({ staleReads: 0 });
    expect(summary.eventStore!.readYourWritesWaits).toBe(waits.length);
  });
});

describe('upcasting: v1 events read by v2 code', () => {
  const es = (upcast: boolean): EventStoreSpec => ({
    aggregates: [
      {
        id: 'payment',
        commands: {
          rate: { kind: 'constant', perSec: 10 },
          keys: { kind: 'fixed', keys: ['p'] },
        },
        processingMs: 1,
        eventVersion: 1,
        rules: [{ command: 'Pay', event: 'Paid', amount: 7 }],
        ...(upcast ? { upcast: { from: 1, to: 2, defaults: { currency: 'EUR' } } } : {}),
      },
    ],
    projections: [{ id: 'paid', from: 'payment', mode: 'async', kind: 'idempotent' }],
    faults: [
      { kind: 'deploy', aggregate: 'payment', atMs: 250, eventVersion: 2 },
      { kind: 'rebuild', projection: 'paid', atMs: 600 },
    ],
  });

  it('with the upcaster, v1 events get the default currency on read; v2 events carry it', () => {
    const { events, state, summary } = simulate(scenario(es(true), 1000));
    const stream = state.eventStore!.store.streams.get('payment-p')!.events;
    expect(stream.map((r) => (r.metadata as { schemaVersion: number }).schemaVersion)).toEqual([
      1, 1, 1, 2, 2, 2, 2, 2, 2, 2,
    ]);
    expect(stream[0]!.data).toEqual({ amount: 7 });
    expect(stream[3]!.data).toEqual({ amount: 7, currency: 'EUR' });
    const after = ofType(events, 'es.commandHandling').filter((e) => e.timeUs > 250_000);
    expect(after[0]).toMatchObject({ upcasted: 3, state: { currency: 'EUR', total: 21 } });
    expect(summary.eventStore).toMatchObject({
      failedCommands: 0,
      versionErrors: 0,
      succeeded: 10,
    });
    expect(esReadModel(state, 'paid')!.get('payment-p')).toEqual({
      count: 10,
      total: 70,
      lastVersion: 9,
    });
  });

  it('without it, v2 code cannot read v1 events: commands fail, the rebuilt model skips them', () => {
    const { events, state, summary } = simulate(scenario(es(false), 1000));
    const errors = ofType(events, 'es.eventVersionError');
    expect(errors[0]).toMatchObject({
      reader: 'payment-handler-1',
      stream: 'payment-p',
      eventNumber: 0,
      eventVersion: 1,
      expected: 2,
    });
    expect(ofType(events, 'es.commandFailed').every((e) => e.reason === 'eventVersion')).toBe(true);
    expect(summary.eventStore!.succeeded).toBe(3);
    // Commands at 300 … 1000 ms: each reads the v1 events and fails.
    expect(summary.eventStore!.failedCommands).toBe(8);
    // The rebuild at 600 ms reads the 3 v1 events with v2 code: 3 errors, nothing counted.
    expect(errors.filter((e) => e.reader === 'paid')).toHaveLength(3);
    expect(esReadModel(state, 'paid')!.get('payment-p')).toBeUndefined();
  });
});

describe('commands from a Kafka topic', () => {
  it("each record of the topic is a command for the stream of its key; its event type is the command's", () => {
    const r = parseScenario({
      version: 2,
      name: 'bridge',
      durationMs: 1000,
      topics: [{ name: 'orders', partitions: 2 }],
      producers: [
        {
          id: 'shop',
          topic: 'orders',
          rate: { kind: 'poisson', perSec: 30 },
          keys: { kind: 'fixed', keys: ['a', 'b', 'c'] },
          eventType: 'PlaceOrder',
        },
      ],
      eventStore: {
        aggregates: [
          {
            id: 'order',
            commands: { topic: 'orders' },
            handlers: 2,
            processingMs: 20,
            rules: [{ command: 'PlaceOrder', event: 'OrderPlaced', amount: 1 }],
          },
        ],
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { events, state, summary } = simulate(r.scenario);
    const records = events.filter((e) => e.type === 'recordAppended');
    expect(records.length).toBeGreaterThan(10);
    expect(summary.eventStore!.commands).toBe(records.length);
    const perKey = new Map<string, number>();
    for (const rec of records) {
      if (rec.type !== 'recordAppended') continue;
      perKey.set(rec.key!, (perKey.get(rec.key!) ?? 0) + 1);
    }
    const es = summary.eventStore!;
    // Every command either appended (possibly after conflicts) or failed after its retries,
    // or is still in a handler / queue at the end.
    const open =
      state.eventStore!.queues[0]!.length +
      state.eventStore!.handlers.filter((h) => h.status === 'busy').length;
    expect(es.succeeded + es.failedCommands + open).toBe(records.length);
    for (const [key, n] of perKey) {
      const written = state.eventStore!.store.streams.get(`order-${key}`)?.events.length ?? 0;
      expect(written).toBeLessThanOrEqual(n);
    }
    expect(es.succeeded).toBe(state.eventStore!.store.log.length);
  });
});

describe('cost: an event store too large to run is refused before it runs', () => {
  const spec = (perSec: number, snapshot?: number): EventStoreSpec => ({
    aggregates: [
      {
        id: 'hot',
        commands: { rate: { kind: 'constant', perSec }, keys: { kind: 'fixed', keys: ['1'] } },
        rules: [{ command: 'Add', event: 'Added' }],
        ...(snapshot ? { snapshot: { every: snapshot } } : {}),
      },
    ],
  });
  it('one hot stream read whole on every command grows quadratically; snapshots bound it', () => {
    const small = estimateCost(scenario(spec(50), 10_000));
    expect(costIssues(small, BROWSER_LIMITS)).toEqual([]);
    const hot = estimateCost(scenario(spec(10_000), 600_000));
    expect(costIssues(hot, BROWSER_LIMITS).map((p) => p.code)).toContain('totalEvents');
    const snap = estimateCost(scenario(spec(10_000, 100), 600_000));
    expect(snap.totalEvents).toBeLessThan(hot.totalEvents / 1000);
  });
});

describe('names are user text', () => {
  it('an aggregate, projection and query named like Object builtins run like any other', () => {
    const { summary, state } = simulate(
      scenario(
        {
          aggregates: [
            {
              id: '__proto__',
              commands: {
                rate: { kind: 'constant', perSec: 20 },
                keys: { kind: 'fixed', keys: ['constructor'] },
              },
              rules: [{ command: 'toString', event: 'hasOwnProperty' }],
            },
          ],
          projections: [{ id: '__proto__', from: '__proto__', mode: 'async', kind: 'idempotent' }],
          queries: [
            { id: 'constructor', projection: '__proto__', rate: { kind: 'constant', perSec: 5 } },
          ],
        },
        500,
      ),
    );
    expect(summary.eventStore!.succeeded).toBeGreaterThan(5);
    expect(esReadModel(state, '__proto__')!.get('__proto__-constructor')!.count).toBe(
      summary.eventStore!.succeeded,
    );
  });
});
