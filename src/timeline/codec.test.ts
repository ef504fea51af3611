import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimEvent, SimEventType } from '../engine';
import { scenarioArb } from '../engine/test/arbitraries';
import { ByteReader, ByteWriter } from './bytes';
import { EventCodec } from './codec';
import { InternTable } from './intern';
import { defaultScenario, FC_SEED, reference } from './testUtil';

/** A record source with no partition logs: every event is encoded in full. */
const noLogs = (model: Parameters<EventCodec['encode']>[3]['model']) => ({
  logs: [],
  logStart: new Int32Array(0),
  model,
});

function roundTrip(events: readonly SimEvent[], src: Parameters<EventCodec['encode']>[3]) {
  const codec = new EventCodec(new InternTable());
  const w = new ByteWriter(16);
  let prev = 0;
  for (const e of events) {
    codec.encode(w, e, prev, src);
    prev = e.timeUs;
  }
  const r = new ByteReader(w.seal());
  prev = 0;
  const out: SimEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = codec.decode(r, prev, src);
    out.push(e);
    prev = e.timeUs;
  }
  expect(r.pos).toBe(w.len);
  return { out, bytes: w.len };
}

describe('event codec', () => {
  it('round-trips every event type seen in random runs with faults, to the same JSON', () => {
    const seen = new Set<SimEventType>();
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const { events, state } = reference(scenario, 1500);
        for (const e of events) seen.add(e.type);
        // In full (no logs) and with records as references to the partition logs.
        for (const src of [noLogs(state.model), state]) {
          const { out } = roundTrip(events, src);
          expect(out.map((e) => JSON.stringify(e))).toEqual(events.map((e) => JSON.stringify(e)));
        }
      }),
      { numRuns: 40, seed: FC_SEED },
    );
    // The run types every random run mix produces; fault and failure types included.
    for (const t of [
      'recordAppended',
      'recordsFetched',
      'recordProcessed',
      'offsetsCommitted',
      'rebalanceStarted',
      'rebalanceCompleted',
      'memberJoined',
      'partitionsAssigned',
      'consumerCrashed',
      'consumerRestarted',
      'consumerPaused',
      'consumerResumed',
      'memberLeft',
      'memberExpired',
      'faultSkipped',
      'handlerFailed',
      'recordDeadLettered',
    ] as SimEventType[])
      expect(seen, t).toContain(t);
  });

  it('keeps odd values exact: floats, ±Infinity, NaN, -0, null, undefined, big integers, nesting', () => {
    const odd = {
      type: 'recordsFetched',
      timeUs: 2 ** 40 + 3,
      wakeUs: 2 ** 40 + 3 + 17,
      f: 0.1 + 0.2,
      inf: Infinity,
      ninf: -Infinity,
      nan: NaN,
      neg: -123456789,
      big: 2 ** 52 + 1,
      none: null,
      absent: undefined,
      flag: true,
      list: [{ topic: 'x', n: [1, -2, 3.5] }, { z: null }],
      obj: { '0': 'a', b: { c: 'd' } },
    } as unknown as SimEvent;
    const [back] = roundTrip([odd], noLogs(defaultModel())).out;
    expect(back).toEqual(odd);
    expect(JSON.stringify(back)).toBe(JSON.stringify(odd));
    expect(Object.is((back as unknown as { nan: number }).nan, NaN)).toBe(true);
  });

  it('stores records as references to the partition logs, and that pays off', () => {
    const { events, state } = reference(defaultScenario(), 3000);
    const full = roundTrip(events, noLogs(state.model));
    const refs = roundTrip(events, state);
    const appended = events.filter((e) => e.type === 'recordAppended');
    expect(refs.bytes).toBeLessThan(full.bytes);
    // A referenced record decodes to the very object the engine's log holds.
    const i = events.indexOf(appended[10]!);
    expect(refs.out[i]).toBe(events[i]);
    expect(refs.bytes / events.length).toBeLessThan(24);
  });
});

function defaultModel() {
  return reference(defaultScenario(), 1).model;
}
