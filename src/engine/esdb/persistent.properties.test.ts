/**
 * Persistent subscriptions over random schedules (appends, connects, disconnects, acks, naks with
 * every action, time, replays, restarts, updates). Replay a failure: fast-check prints `seed` and
 * `path`; pass them back, e.g. fc.assert(prop, { seed, path, endOnFailure: true }).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldPersistent,
  initialPersistentState,
  persistentGroupInfo,
  stepPersistent,
} from './persistent';
import { findGroup, originalOf, positionOf } from './persistentEvolve';
import { FakeLog } from './persistentTestUtil';
import type { PersistentEvent, PersistentState, PersistentStepResult } from './persistentTypes';

const SEED = 131313;
const seenKinds = new Set<string>();
const GROUPS = [
  { stream: '$ce-o', group: 'cat' },
  { stream: '$all', group: 'all' },
] as const;
const NAK_ACTIONS = ['Park', 'Retry', 'Skip', 'Stop'] as const;

const settingsArb = fc
  .record({
    namedConsumerStrategy: fc.constantFrom('RoundRobin', 'DispatchToSingle', 'Pinned'),
    maxRetryCount: fc.integer({ min: 0, max: 3 }),
    messageTimeoutMilliseconds: fc.constantFrom(0, 500, 1_000, 2_500),
    checkPointAfterMilliseconds: fc.constantFrom(0, 1_000, 3_000),
    minCheckPointCount: fc.integer({ min: 0, max: 3 }),
    maxCheckPointCount: fc.integer({ min: 1, max: 5 }),
    readBatchSize: fc.integer({ min: 1, max: 3 }),
    extra: fc.integer({ min: 1, max: 5 }),
    startFrom: fc.constantFrom<'start' | 'end' | number>('start', 'end', 0, 2),
    resolveLinkTos: fc.boolean(),
    maxSubscriberCount: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ extra, ...s }) => ({ ...s, bufferSize: s.readBatchSize + extra }));

type Cmd =
  | { k: 'append'; stream: number; n: number }
  | { k: 'connect'; g: number; c: number; buf: number }
  | { k: 'disconnect'; g: number; c: number }
  | { k: 'ack'; g: number; c: number; mask: number }
  | { k: 'nak'; g: number; c: number; mask: number; action: (typeof NAK_ACTIONS)[number] }
  | { k: 'ackUnknown'; g: number; c: number }
  | { k: 'time'; dUs: number }
  | { k: 'replay'; g: number; stopAt: number | null }
  | { k: 'restart' }
  | { k: 'update'; g: number; settings: Record<string, unknown> };

const g = fc.integer({ min: 0, max: 1 });
const c = fc.integer({ min: 0, max: 3 });
const baseCmd: fc.Arbitrary<Cmd>[] = [
  fc.record({
    k: fc.constant('append' as const),
    stream: fc.integer({ min: 0, max: 2 }),
    n: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ k: fc.constant('connect' as const), g, c, buf: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ k: fc.constant('disconnect' as const), g, c }),
  fc.record({ k: fc.constant('ack' as const), g, c, mask: fc.nat(15) }),
  fc.record({
    k: fc.constant('nak' as const),
    g,
    c,
    mask: fc.nat(15),
    action: fc.constantFrom(...NAK_ACTIONS),
  }),
  fc.record({ k: fc.constant('ackUnknown' as const), g, c }),
  fc.record({ k: fc.constant('time' as const), dUs: fc.integer({ min: 0, max: 4_000_000 }) }),
  fc.record({
    k: fc.constant('replay' as const),
    g,
    stopAt: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  }),
];
const reloadCmd: fc.Arbitrary<Cmd>[] = [
  fc.record({ k: fc.constant('restart' as const) }),
  fc.record({ k: fc.constant('update' as const), g, settings: settingsArb }),
];
const schedule = (withReloads: boolean) =>
  fc.record({
    settings: fc.tuple(settingsArb, settingsArb),
    cmds: fc.array(fc.oneof(...baseCmd, ...(withReloads ? reloadCmd : [])), {
      maxLength: 40,
      size: 'max',
    }),
  });

interface Run {
  log: FakeLog;
  s: PersistentState;
  events: PersistentEvent[];
  results: PersistentStepResult[];
  step: (op: unknown) => PersistentStepResult;
}

function start(
  settings: readonly Record<string, unknown>[],
  onStep?: (r: PersistentStepResult, run: Run) => void,
): Run {
  const log = new FakeLog();
  const run: Run = {
    log,
    s: initialPersistentState(),
    events: [],
    results: [],
    step: (op) => {
      const r = stepPersistent(run.s, op, log);
      run.events.push(...r.events);
      run.results.push(r);
      onStep?.(r, run);
      return r;
    },
  };
  // some history before the groups exist (so startFrom matters)
  for (let i = 0; i < 3; i++) log.link('$ce-o', log.append(`o-${i % 2}`));
  GROUPS.forEach((grp, i) => {
    const r = run.step({ op: 'createPersistentSubscription', ...grp, settings: settings[i] });
    expect(r.error).toBeNull();
    expect(r.problems).toEqual([]);
  });
  return run;
}

function inFlightOf(run: Run, gi: number, consumer: string): string[] {
  const grp = GROUPS[gi] as (typeof GROUPS)[number];
  return (
    persistentGroupInfo(run.s, grp.stream, grp.group)?.consumers.find(
      (x) => x.consumer === consumer,
    )?.inFlight ?? []
  );
}

function pick(ids: string[], mask: number): string[] {
  return ids.filter((_, i) => (mask >> i) & 1);
}

function exec(run: Run, cmd: Cmd): void {
  const grp = (i: number) => GROUPS[i] as (typeof GROUPS)[number];
  switch (cmd.k) {
    case 'append':
      for (let i = 0; i < cmd.n; i++) run.log.link('$ce-o', run.log.append(`o-${cmd.stream}`));
      run.step({ op: 'appended' });
      return;
    case 'connect':
      run.step({
        op: 'connectToPersistentSubscription',
        ...grp(cmd.g),
        consumer: `c${cmd.c}`,
        bufferSize: cmd.buf,
      });
      return;
    case 'disconnect':
      run.step({ op: 'disconnect', ...grp(cmd.g), consumer: `c${cmd.c}` });
      return;
    case 'ack':
      run.step({
        op: 'ack',
        ...grp(cmd.g),
        consumer: `c${cmd.c}`,
        eventIds: pick(inFlightOf(run, cmd.g, `c${cmd.c}`), cmd.mask),
      });
      return;
    case 'nak':
      run.step({
        op: 'nak',
        ...grp(cmd.g),
        consumer: `c${cmd.c}`,
        eventIds: pick(inFlightOf(run, cmd.g, `c${cmd.c}`), cmd.mask),
        action: cmd.action,
        reason: 'test',
      });
      return;
    case 'ackUnknown':
      run.step({ op: 'ack', ...grp(cmd.g), consumer: `c${cmd.c}`, eventIds: ['no-such-id'] });
      return;
    case 'time':
      run.step({ op: 'advanceTime', toUs: run.s.timeUs + cmd.dUs });
      return;
    case 'replay':
      run.step({
        op: 'replayParked',
        ...grp(cmd.g),
        ...(cmd.stopAt === null ? {} : { stopAt: cmd.stopAt }),
      });
      return;
    case 'restart':
      run.step({ op: 'restartPersistentSubscriptions' });
      return;
    case 'update':
      run.step({ op: 'updatePersistentSubscription', ...grp(cmd.g), settings: cmd.settings });
      return;
  }
}

/** Checked after every step: no consumer above its buffer size; in flight ⊆ the group's outstanding. */
function checkBuffers(run: Run): void {
  for (const byStream of run.s.groups.values()) {
    for (const grp of byStream.values()) {
      let held = 0;
      for (const cons of grp.consumers.values()) {
        expect(cons.inFlight.size).toBeLessThanOrEqual(cons.bufferSize);
        for (const id of cons.inFlight) expect(grp.outstanding.get(id)?.consumer).toBe(cons.id);
        held += cons.inFlight.size;
      }
      expect(held).toBe(grp.outstanding.size);
    }
  }
}

/**
 * Drain: a consumer in each group, everything in flight acked, time moving on, until every group
 * is idle at the end of its stream. Then every event from the group's load position (its first or
 * its last load) on must have been acked, skipped or parked at least once.
 */
function drainAndCheckNoLoss(run: Run, load: 'first' | 'last'): void {
  // drain: a consumer in each group, everything in flight acked, time moves on
  for (let round = 0; round < 200; round++) {
    let idle = true;
    GROUPS.forEach((grp, gi) => {
      const gs = findGroup(run.s, grp.stream, grp.group);
      if (!gs) return;
      if (gs.consumers.size === 0)
        run.step({
          op: 'connectToPersistentSubscription',
          ...grp,
          consumer: 'drain',
          bufferSize: 3,
        });
      for (const cons of [...gs.consumers.keys()]) {
        const ids = inFlightOf(run, gi, cons);
        if (ids.length) run.step({ op: 'ack', ...grp, consumer: cons, eventIds: ids });
      }
      const done =
        gs.outstanding.size === 0 &&
        gs.retry.length === 0 &&
        gs.buffer.length === 0 &&
        gs.nextRead >= run.log.end(grp.stream);
      if (!done) idle = false;
    });
    if (idle) break;
    run.step({ op: 'appended' });
    run.step({ op: 'advanceTime', toUs: run.s.timeUs + 1_000_000 });
  }
  const handled = new Set<string>();
  const readFrom = new Map<string, number>();
  for (const e of run.events) {
    if (e.type === 'ps.acked') for (const id of e.eventIds) handled.add(`${e.group}/${id}`);
    if (e.type === 'ps.skipped' || e.type === 'ps.parked') handled.add(`${e.group}/${e.eventId}`);
    if (e.type === 'ps.groupLoaded' && (load === 'last' || !readFrom.has(e.group)))
      readFrom.set(e.group, e.readFrom);
  }
  for (const grp of GROUPS) {
    const from = readFrom.get(grp.group) ?? 0;
    const all = run.log.read(grp.stream, from, 100_000, false);
    for (const ev of all) {
      expect(positionOf(grp.stream, ev)).toBeGreaterThanOrEqual(from);
      expect(handled.has(`${grp.group}/${originalOf(ev).eventId}`)).toBe(true);
    }
  }
}

describe('persistent subscriptions: properties', () => {
  it('in flight per consumer never exceeds its buffer size; the same schedule gives the same run; fold(events) is the state', () => {
    fc.assert(
      fc.property(schedule(true), ({ settings, cmds }) => {
        const a = start(settings, (_r, run) => checkBuffers(run));
        for (const cmd of cmds) exec(a, cmd);
        // the schedule names consumers blindly: the only problems are about who is connected
        for (const r of a.results)
          for (const p of r.problems) expect(p).toMatch(/is not connected|is already connected/);
        expect(foldPersistent(a.events)).toEqual(a.s);
        // events are JSON: a fold of their JSON round trip is the same state
        expect(foldPersistent(JSON.parse(JSON.stringify(a.events)))).toEqual(a.s);
        const b = start(settings);
        for (const cmd of cmds) exec(b, cmd);
        expect(b.events).toEqual(a.events);
        expect(b.results).toEqual(a.results);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('a parked message is never delivered until it is replayed', () => {
    fc.assert(
      fc.property(schedule(false), ({ settings, cmds }) => {
        // per group: event id → parked numbers not yet replayed
        const parked = new Map<string, Map<number, string>>();
        const check = (r: PersistentStepResult) => {
          for (const e of r.events) {
            const k = `${e.type === 'ps.timeAdvanced' ? '' : e.stream}::${e.type === 'ps.timeAdvanced' ? '' : e.group}`;
            let m = parked.get(k);
            if (m === undefined) parked.set(k, (m = new Map()));
            if (e.type === 'ps.parked') {
              m.set(e.parkedNumber, e.eventId);
              seenKinds.add(`parked:${e.reason.slice(0, 7)}`);
            } else if (e.type === 'ps.parkedReplayed') {
              for (const n of e.parkedNumbers) m.delete(n);
              seenKinds.add('replayed');
            } else if (e.type === 'ps.delivered') {
              expect([...m.values()]).not.toContain(e.eventId);
              if (e.from === 'retry') seenKinds.add(`redelivered:${e.retryCount > 0}`);
            }
          }
        };
        const run = start(settings, check);
        for (const cmd of cmds) exec(run, cmd);
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
    // the schedules reach what the property is about
    expect([...seenKinds].sort()).toEqual([
      'parked:Client ',
      'parked:Reached',
      'redelivered:false',
      'redelivered:true',
      'replayed',
    ]);
  });

  it('while a consumer is connected and time passes, every event is acked, skipped or parked (no loss)', () => {
    fc.assert(
      fc.property(schedule(false), ({ settings, cmds }) => {
        const run = start(settings);
        for (const cmd of cmds) exec(run, cmd);
        drainAndCheckNoLoss(run, 'last');
      }),
      { seed: SEED + 2, numRuns: 200 },
    );
  });

  it('RoundRobin / DispatchToSingle: the checkpoint never passes a message still owed; with restarts and updates nothing is lost (at-least-once)', () => {
    const noPinned = (x: Record<string, unknown>) => ({
      ...x,
      namedConsumerStrategy:
        x.namedConsumerStrategy === 'Pinned' ? 'RoundRobin' : x.namedConsumerStrategy,
      startFrom: x.startFrom === 'end' ? 'start' : x.startFrom,
    });
    const owedAboveCheckpoint = (_r: PersistentStepResult, run: Run) => {
      for (const byStream of run.s.groups.values()) {
        for (const grp of byStream.values()) {
          if (grp.checkpoint === null) continue;
          const owed = [...[...grp.outstanding.values()].map((o) => o.msg), ...grp.retry];
          for (const m of owed) if (!m.replayed) expect(m.position).toBeGreaterThan(grp.checkpoint);
        }
      }
    };
    fc.assert(
      fc.property(schedule(true), ({ settings, cmds }) => {
        const run = start(settings.map(noPinned), owedAboveCheckpoint);
        // an update keeps the group's startFrom (a new one moves where a group with no checkpoint
        // starts: a different subscription, not a lost event)
        const keep = (cmd: Cmd): Cmd =>
          cmd.k === 'update'
            ? {
                ...cmd,
                settings: {
                  ...noPinned(cmd.settings),
                  startFrom: noPinned(settings[cmd.g] ?? {}).startFrom,
                },
              }
            : cmd;
        for (const cmd of cmds) exec(run, keep(cmd));
        drainAndCheckNoLoss(run, 'first');
      }),
      { seed: SEED + 4, numRuns: 200 },
    );
  });

  it('untrusted ops never throw: bad ones are problems with no events, the state unchanged', () => {
    const opNames = fc.constantFrom(
      'createPersistentSubscription',
      'updatePersistentSubscription',
      'deletePersistentSubscription',
      'connectToPersistentSubscription',
      'disconnect',
      'ack',
      'nak',
      'replayParked',
      'appended',
      'advanceTime',
      'restartPersistentSubscriptions',
      '__proto__',
    );
    const junk = fc.oneof(
      fc.anything(),
      fc.record(
        {
          op: opNames,
          stream: fc.oneof(fc.constantFrom('$ce-o', '$all', '', '__proto__'), fc.anything()),
          group: fc.oneof(fc.constantFrom('cat', 'all', 'constructor'), fc.anything()),
          consumer: fc.oneof(fc.constantFrom('c0', 'c1'), fc.anything()),
          bufferSize: fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.anything()),
          eventIds: fc.oneof(
            fc.array(fc.oneof(fc.string(), fc.anything()), { maxLength: 3 }),
            fc.anything(),
          ),
          action: fc.oneof(fc.constantFrom(...NAK_ACTIONS, 'Unknown'), fc.anything()),
          stopAt: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.anything()),
          toUs: fc.oneof(fc.integer({ min: -5, max: 5_000_000 }), fc.double(), fc.anything()),
          settings: fc.oneof(
            settingsArb.map((x) => ({ ...x })),
            fc.dictionary(
              fc.constantFrom(
                'maxRetryCount',
                'bufferSize',
                'readBatchSize',
                'startFrom',
                'namedConsumerStrategy',
                '__proto__',
                'x',
              ),
              fc.anything(),
            ),
            fc.anything(),
          ),
        },
        { requiredKeys: ['op'] },
      ),
    );
    fc.assert(
      fc.property(schedule(false), fc.array(junk, { maxLength: 12 }), ({ settings, cmds }, ops) => {
        const run = start(settings);
        for (const cmd of cmds.slice(0, 10)) exec(run, cmd);
        for (const op of ops) {
          const before = foldPersistent(run.events);
          const r = run.step(op);
          if (r.problems.length > 0 && r.events.length === 0) expect(run.s).toEqual(before);
          if (r.error !== null) expect(r.events).toEqual([]);
          checkBuffers(run);
        }
        expect(foldPersistent(run.events)).toEqual(run.s);
      }),
      { seed: SEED + 3, numRuns: 200 },
    );
  });
});
