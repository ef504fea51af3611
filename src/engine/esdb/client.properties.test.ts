/**
 * Property tests over random scripts that mix appends, persistent-subscription ops, catch-up
 * subscription ops and time (clientArbitraries.ts). Replay a failure: fast-check prints `seed`
 * and `path`; pass them back, e.g. fc.assert(prop, { seed, path, endOnFailure: true }).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientOp, clientScript } from './clientArbitraries';
import { esDigest } from './digest';
import {
  evolveEsRun,
  foldEsRun,
  initialEsRunState,
  runEventStoreScriptDetailed,
  type EsRunResult,
} from './runScript';
import type { EsOp, EventStoreScript } from './script';
import type { ReadEvent, ResolvedEvent } from './types';

const SEED = 424242;
const RUNS = 150;

const run = (sc: unknown): EsRunResult => runEventStoreScriptDetailed(sc);
const keyOf = (e: ResolvedEvent | ReadEvent) => {
  const o = e.link ?? e.event;
  return o === null || o === undefined ? '?' : `${o.eventNumber}@${o.streamId}`;
};

describe('subscriptions in runEventStoreScript: properties (seeded)', () => {
  it('fold(runEvents) equals the final state (also after a JSON round trip); the same script gives the same run', () => {
    fc.assert(
      fc.property(clientScript, (sc) => {
        const r = run(sc);
        const f = foldEsRun(r.runEvents);
        expect(esDigest(f.store)).toBe(esDigest(r.state));
        expect(f.persistent).toEqual(r.persistent);
        expect(f.catchUp).toEqual(r.catchUp);
        const j = foldEsRun(JSON.parse(JSON.stringify(r.runEvents)));
        expect(esDigest(j.store)).toBe(esDigest(r.state));
        expect(j.persistent).toEqual(r.persistent);
        const again = run(JSON.parse(JSON.stringify(sc)) as EventStoreScript);
        expect(JSON.stringify(again.observations)).toBe(JSON.stringify(r.observations));
        expect(JSON.stringify(again.runEvents)).toBe(JSON.stringify(r.runEvents));
        expect(again.problems).toEqual(r.problems);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("in flight per consumer never exceeds the connect's buffer size, after every event of the run", () => {
    fc.assert(
      fc.property(clientScript, (sc) => {
        const r = run(sc);
        const s = initialEsRunState();
        for (const e of r.runEvents) {
          evolveEsRun(s, e);
          if (!e.type.startsWith('ps.')) continue;
          for (const byStream of s.persistent.groups.values())
            for (const g of byStream.values())
              for (const c of g.consumers.values())
                expect(c.inFlight.size).toBeLessThanOrEqual(c.bufferSize);
        }
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('without restarts or updates, a parked message is never delivered again until it is replayed', () => {
    const noReload = clientScript.map((sc) => ({
      ...sc,
      ops: sc.ops.filter(
        (o) => o.op !== 'restartPersistentSubscriptions' && o.op !== 'updatePersistentSubscription',
      ),
    }));
    let parkedSeen = 0;
    fc.assert(
      fc.property(noReload, (sc) => {
        const r = run(sc);
        // group → parked event key → parked number
        const parked = new Map<string, Map<string, number>>();
        const gk = (stream: string, group: string) => JSON.stringify([stream, group]);
        let step = -1;
        for (const o of r.observations) {
          if (o.step !== step) {
            // Before the observations of a new op: what the op does to the parked set.
            for (let i = step + 1; i <= o.step; i++) {
              const op = sc.ops[i] as EsOp;
              if (op.op === 'replayParked') {
                const m = parked.get(gk(op.stream, op.group));
                for (const [k, n] of m ?? [])
                  if (op.stopAt === undefined || n < op.stopAt) m?.delete(k);
              } else if (op.op === 'deletePersistentSubscription')
                parked.delete(gk(op.stream, op.group));
            }
            step = o.step;
          }
          if (o.kind === 'parked') {
            parkedSeen++;
            const k = gk(o.stream, o.group);
            const m = parked.get(k) ?? new Map<string, number>();
            parked.set(k, m);
            m.set(keyOf(o.event), o.parkedNumber);
          } else if (o.kind === 'delivered') {
            const m = parked.get(gk(o.stream, o.group));
            expect(m?.has(keyOf(o.event)) ?? false, `step ${o.step}: ${keyOf(o.event)}`).toBe(
              false,
            );
          }
        }
      }),
      { seed: SEED + 2, numRuns: RUNS * 2 },
    );
    // The property was exercised: messages were parked in the drawn scripts.
    expect(parkedSeen).toBeGreaterThan(20);
  });

  it('a catch-up subscription receives positions in increasing order, none before where it started (after its stored checkpoint when it resumed from one)', () => {
    let received = 0;
    fc.assert(
      fc.property(clientScript, (sc) => {
        const r = run(sc);
        const live = new Map<string, { stream: string; next: number }>();
        const stored = new Map<string, { stream: string; position: number }>();
        for (const o of r.observations) {
          if (o.kind === 'checkpointStored' && o.position !== null)
            stored.set(o.subscriptionId, { stream: o.stream, position: o.position });
          if (o.kind === 'subscribed') {
            const op = sc.ops[o.step] as EsOp;
            if (op.op === 'subscribeToStream' || op.op === 'subscribeToAll') {
              const from = op.op === 'subscribeToAll' ? op.fromPosition : op.fromRevision;
              const cp = op.fromCheckpoint === true ? stored.get(o.subscriptionId) : undefined;
              if (cp !== undefined) expect(o.next).toBe(cp.position + 1);
              else if (typeof from === 'number')
                expect(o.next).toBe(from + 1); // exclusive
              else if (from === 'start' || from === undefined) expect(o.next).toBe(0);
            }
            live.set(o.subscriptionId, { stream: o.stream, next: o.next });
          } else if (o.kind === 'subscriptionDropped') live.delete(o.subscriptionId);
          else if (o.kind === 'received') {
            received++;
            const sub = live.get(o.subscriptionId);
            expect(sub, `step ${o.step}: ${o.subscriptionId} is live`).toBeDefined();
            if (sub === undefined) continue;
            const rec = (o.event.link ?? o.event.event)!;
            const p = sub.stream === '$all' ? rec.position : rec.eventNumber;
            if (sub.stream !== '$all') expect(rec.streamId).toBe(sub.stream);
            expect(p).toBeGreaterThanOrEqual(sub.next);
            sub.next = p + 1;
          }
        }
      }),
      { seed: SEED + 5, numRuns: RUNS },
    );
    expect(received).toBeGreaterThan(100);
  });

  it('malformed input never throws: spoiled and junk ops are problems, the run goes on, the fold still holds', () => {
    const junkOp = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc
        .tuple(clientOp, fc.string({ maxLength: 6 }), fc.anything({ maxDepth: 1 }))
        .map(([o, k, v]) => ({ ...o, [k]: v })),
      clientOp.map((o) => ({ ...o, stream: '', group: 7 })),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(clientOp, junkOp), { minLength: 1, maxLength: 30 }), (ops) => {
        const r = run({ ops });
        const f = foldEsRun(r.runEvents);
        expect(esDigest(f.store)).toBe(esDigest(r.state));
        expect(f.persistent).toEqual(r.persistent);
        expect(f.catchUp).toEqual(r.catchUp);
        for (const p of r.problems) expect(p).toMatch(/^ops\[\d+\]/);
      }),
      { seed: SEED + 3, numRuns: RUNS * 2 },
    );
    expect(() => run(null)).not.toThrow();
    expect(run({ ops: 'x' }).problems).toEqual(['ops: must be an array']);
  });
});

/** A catch-up client: appends, a subscription, checkpoints, a restart, and a resubscription. */
const catchUpCase = fc.record({
  all: fc.boolean(),
  before: fc.array(fc.constantFrom('order-1', 'order-2'), { maxLength: 6 }),
  live: fc.array(fc.constantFrom('order-1', 'order-2', 'checkpoint'), { maxLength: 12 }),
  whileDown: fc.array(fc.constantFrom('order-1', 'order-2'), { maxLength: 4 }),
  after: fc.array(fc.constantFrom('order-1', 'order-2'), { maxLength: 4 }),
  projections: fc.boolean(),
});

describe('catch-up subscriptions: at-least-once after a client restart (seeded)', () => {
  it('resubscribed from its checkpoint, a client receives every event after the checkpoint again, in order, and nothing at or before it', () => {
    fc.assert(
      fc.property(catchUpCase, (c) => {
        let n = 0;
        const app = (stream: string): EsOp => ({
          op: 'append',
          stream,
          events: [{ eventId: `id-${n++}`, eventType: 'OrderPlaced' }],
        });
        const sub: EsOp = c.all
          ? { op: 'subscribeToAll', subscriptionId: 's', fromCheckpoint: true }
          : {
              op: 'subscribeToStream',
              subscriptionId: 's',
              stream: 'order-1',
              fromCheckpoint: true,
            };
        const ops: EsOp[] = [
          ...c.before.map(app),
          sub,
          ...c.live.map((x) =>
            x === 'checkpoint' ? { op: 'checkpoint' as const, subscriptionId: 's' } : app(x),
          ),
          { op: 'clientRestart' },
          ...c.whileDown.map(app),
          sub,
          ...c.after.map(app),
          { op: 'read', stream: c.all ? '$all' : 'order-1' },
        ];
        const restartAt = c.before.length + 1 + c.live.length;
        const resubAt = restartAt + 1 + c.whileDown.length;
        const r = runEventStoreScriptDetailed({ ops, startStandardProjections: c.projections });
        expect(r.problems).toEqual([]);
        const pos = (e: ReadEvent) => {
          const o = (e.link ?? e.event)!;
          return c.all ? o.position : o.eventNumber;
        };
        // The final read (StreamNotFound when nothing was ever appended to order-1).
        const everything = r.observations.find((o) => o.kind === 'read' || o.kind === 'error');
        const all = everything?.kind === 'read' ? everything.events.map(pos) : [];
        const got = (from: number, to: number) =>
          r.observations
            .filter((o) => o.kind === 'received' && o.step >= from && o.step < to)
            .map((o) => (o.kind === 'received' ? pos(o.event) : -1));
        // Before the restart: every event once, in order, up to the restart.
        const first = got(0, restartAt);
        expect(first).toEqual(all.filter((p) => p <= (first[first.length - 1] ?? -1)));
        const cps = r.observations.filter(
          (o) => o.kind === 'checkpointStored' && o.position !== null,
        );
        const last = cps[cps.length - 1];
        const cp = last?.kind === 'checkpointStored' ? last.position : null;
        // After resubscribing: exactly the events after the checkpoint (all of them without one).
        const second = got(resubAt, ops.length);
        expect(second).toEqual(all.filter((p) => cp === null || p > cp));
        // At-least-once: what was received before the restart after the checkpoint comes again.
        for (const p of first) if (cp === null || p > cp) expect(second).toContain(p);
      }),
      { seed: SEED + 4, numRuns: RUNS * 2 },
    );
  });
});
