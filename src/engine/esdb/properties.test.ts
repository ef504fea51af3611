/**
 * Property tests over random event store scripts (testArbitraries.ts). Replay a failure:
 * fast-check prints `seed` and `path`; pass them back, e.g.
 * fc.assert(prop, { seed, path, endOnFailure: true }).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { esDigest } from './digest';
import { evolveEs } from './evolve';
import { runEventStoreScriptDetailed, type EsRunResult } from './runScript';
import type { EsOp, EventStoreScript } from './script';
import {
  DELETED_STREAM,
  initialEsState,
  isSoftDeleted,
  lastEventNumber,
  metadataOf,
  metastreamOf,
  type EsState,
} from './state';
import { readEventAt } from './store';
import { op, script } from './testArbitraries';

const SEED = 131313;
const RUNS = 150;

function runOk(sc: EventStoreScript): EsRunResult {
  const r = runEventStoreScriptDetailed(sc);
  expect(r.problems).toEqual([]);
  return r;
}

/** The state after the first `n` ops. */
const stateAfter = (sc: EventStoreScript, n: number): EsState =>
  runOk({ ...sc, ops: sc.ops.slice(0, n) }).state;

describe('event store properties (seeded)', () => {
  it("fold(events) equals the run's final state; the same script gives the same run", () => {
    fc.assert(
      fc.property(script, (sc) => {
        const r = runOk(sc);
        const folded = initialEsState();
        for (const e of r.events) evolveEs(folded, e);
        expect(esDigest(folded)).toBe(esDigest(r.state));
        const again = runOk(JSON.parse(JSON.stringify(sc)) as EventStoreScript);
        expect(JSON.stringify(again.observations)).toBe(JSON.stringify(r.observations));
        expect(JSON.stringify(again.events)).toBe(JSON.stringify(r.events));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('event numbers in each stream are 0…n−1 (deletes keep the numbering); $all positions are 0, 1, 2 …; reads come in order', () => {
    fc.assert(
      fc.property(script, (sc) => {
        const r = runOk(sc);
        r.state.log.forEach((rec, i) => expect(rec.position).toBe(i));
        for (const st of r.state.streams.values()) {
          st.events.forEach((rec, i) => {
            expect(rec.eventNumber).toBe(i);
            expect(rec.streamId).toBe(st.id);
          });
          if (st.tombstone !== null) expect(st.tombstone.eventNumber).toBe(DELETED_STREAM);
          // A stream's events are in $all in their order.
          for (let i = 1; i < st.events.length; i++)
            expect(st.events[i]!.position).toBeGreaterThan(st.events[i - 1]!.position);
        }
        for (const o of r.observations) {
          if (o.kind !== 'read') continue;
          const key = (e: (typeof o.events)[number]) =>
            o.stream === '$all' ? (e.link ?? e.event)!.position : (e.link ?? e.event)!.eventNumber;
          const ks = o.events.map(key);
          const op = sc.ops[o.step] as Extract<EsOp, { op: 'read' }>;
          const back = op.direction === 'backwards';
          for (let i = 1; i < ks.length; i++)
            if (back) expect(ks[i]!).toBeLessThan(ks[i - 1]!);
            else expect(ks[i]!).toBeGreaterThan(ks[i - 1]!);
        }
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('no append ever writes with a wrong expected version, and a right one never fails', () => {
    fc.assert(
      fc.property(script, (sc) => {
        const r = runOk(sc);
        sc.ops.forEach((o, step) => {
          if (o.op !== 'append') return;
          const before = stateAfter(sc, step);
          const after = stateAfter(sc, step + 1);
          const cur = lastEventNumber(before, o.stream);
          const written = lastEventNumber(after, o.stream) !== cur;
          const ev = o.expectedVersion ?? 'any';
          const soft = isSoftDeleted(before, o.stream);
          const seen = r.observations.find((x) => x.step === step);
          if (written) {
            expect(seen?.kind).toBe('appended');
            expect(cur).not.toBe(DELETED_STREAM);
            if (typeof ev === 'number') expect(ev).toBe(cur);
            if (ev === 'no_stream') expect(cur === -1 || soft).toBe(true);
            if (ev === 'stream_exists') {
              expect(soft).toBe(false);
              expect(cur >= 0 || lastEventNumber(before, metastreamOf(o.stream)) >= 0).toBe(true);
            }
            // Numbered on from the stream's last event.
            const st = after.streams.get(o.stream)!;
            expect(st.events[cur + 1]?.eventId).toBe(o.events[0]!.eventId);
          } else if (seen?.kind === 'appended') {
            // Success without a write: every event was in the stream already (idempotence).
            for (const e of o.events)
              expect(before.streams.get(o.stream)?.ids.has(e.eventId)).toBe(true);
          }
          // The version the stream is at always succeeds (unless the stream is gone for good).
          if (typeof ev === 'number' && ev === cur) expect(seen?.kind).toBe('appended');
          if (cur === DELETED_STREAM)
            expect(seen).toMatchObject({ kind: 'error', error: { name: 'StreamDeleted' } });
        });
      }),
      { seed: SEED + 2, numRuns: 60 },
    );
  });

  it('an idempotent re-send (same stream, expected version and events) right after a success never writes a duplicate', () => {
    fc.assert(
      fc.property(script, fc.nat(), (sc, pick) => {
        const r = runOk(sc);
        const appended = r.observations.filter((o) => o.kind === 'appended');
        if (appended.length === 0) return;
        const first = appended[pick % appended.length]!;
        const original = sc.ops[first.step] as Extract<EsOp, { op: 'append' }>;
        const before = stateAfter(sc, first.step);
        const ops = [
          ...sc.ops.slice(0, first.step + 1),
          JSON.parse(JSON.stringify(original)) as EsOp,
        ];
        const resent = runOk({ ...sc, ops });
        const afterFirst = stateAfter(sc, first.step + 1);
        // Nothing new in $all: no duplicate in the stream, no link either.
        expect(resent.state.log.length).toBe(afterFirst.log.length);
        const o = resent.observations[resent.observations.length - 1]!;
        const wasNoStreamOnSoftDeleted =
          original.expectedVersion === 'no_stream' &&
          isSoftDeleted(before, original.stream) &&
          lastEventNumber(before, original.stream) >= 0;
        // It succeeds with the first write's result; except after no_stream re-opened a
        // soft-deleted stream: then the stream exists and no_stream is WrongExpectedVersion.
        if (!wasNoStreamOnSoftDeleted) {
          expect(o).toMatchObject({
            kind: 'appended',
            nextExpectedVersion: first.nextExpectedVersion,
          });
          // The first write's position, or −1 when its metadata hides the event from reads.
          const shown = readEventAt(afterFirst, original.stream, first.nextExpectedVersion);
          expect(o.kind === 'appended' && o.position).toBe(shown === null ? -1 : first.position);
        } else expect(o).toMatchObject({ kind: 'error', error: { name: 'WrongExpectedVersion' } });
      }),
      { seed: SEED + 3, numRuns: RUNS },
    );
  });

  // "Idempotent appends never duplicate an event id in a stream", as EventStoreDB defines
  // idempotence: with `any` / `stream_exists` (the id check) an id is never written twice to a
  // stream. With a revision, an id can be written again on purpose: expected == current appends
  // without looking at ids (EventStore's own test sequence_0em1_0e0_non_idempotent in
  // appending_to_implicitly_created_stream.cs), so that case is the re-send property above.
  it('appends with any / stream_exists never write an event id a stream already holds', () => {
    const anyOnly = script.map((sc) => ({
      ...sc,
      ops: sc.ops.map((o, i) =>
        o.op === 'append'
          ? { ...o, expectedVersion: i % 3 === 0 ? ('stream_exists' as const) : ('any' as const) }
          : o,
      ),
    }));
    fc.assert(
      fc.property(anyOnly, (sc) => {
        // (A batch may carry one id twice: the check is against what is committed already.)
        const s = initialEsState();
        for (const e of runOk(sc).events) {
          if (e.type === 'es.appended' && e.cause === 'append') {
            const held = s.streams.get(e.streamId)?.ids;
            for (const rec of e.records) expect(held?.has(rec.eventId) ?? false).toBe(false);
          }
          evolveEs(s, e);
        }
      }),
      { seed: SEED + 6, numRuns: RUNS },
    );
  });

  it('a stream read never returns what $tb, $maxCount or $maxAge hide', () => {
    fc.assert(
      fc.property(script, (sc) => {
        const r = runOk(sc);
        for (const o of r.observations) {
          if (o.kind !== 'read' || o.stream === '$all') continue;
          const s = stateAfter(sc, o.step);
          const meta = metadataOf(s, o.stream);
          const last = lastEventNumber(s, o.stream);
          for (const e of o.events) {
            const rec = e.link ?? e.event!;
            expect(rec.streamId).toBe(o.stream);
            if (meta.truncateBefore !== undefined)
              expect(rec.eventNumber).toBeGreaterThanOrEqual(meta.truncateBefore);
            if (meta.maxCount !== undefined)
              expect(rec.eventNumber).toBeGreaterThan(last - meta.maxCount);
            if (meta.maxAge !== undefined)
              expect(rec.createdUs).toBeGreaterThanOrEqual(s.timeUs - meta.maxAge * 1_000_000);
          }
        }
      }),
      { seed: SEED + 4, numRuns: 60 },
    );
  });

  it('malformed input never throws: random values as ops, and valid ops with a field spoiled', () => {
    const spoiled = fc.tuple(op, fc.anything(), fc.nat()).map(([o, junk, k]) => {
      const copy = { ...(o as Record<string, unknown>) };
      const keys = Object.keys(copy);
      copy[keys[k % keys.length]!] = junk;
      return copy;
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ ops: fc.array(fc.oneof(fc.anything(), spoiled, op), { maxLength: 20 }) }),
        ),
        (doc) => {
          const r = runEventStoreScriptDetailed(doc);
          expect(Array.isArray(r.problems)).toBe(true);
          expect(() => JSON.stringify(r.observations)).not.toThrow();
        },
      ),
      { seed: SEED + 5, numRuns: 300 },
    );
  });
});
