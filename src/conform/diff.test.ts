import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmqpObservation } from '../engine/amqp/script';
import { normalizeObservations } from '../engine/amqp';
import { diffObservations, formatDiff } from './diff';
import { replyTextOf } from './runner';

const SEED = 4242;
console.log(`diff.test.ts: fast-check seed ${SEED}`);

const delivery = (
  step: number,
  channel: string,
  deliveryTag: number,
  body: string,
): Extract<AmqpObservation, { kind: 'delivery' }> => ({
  kind: 'delivery',
  step,
  channel,
  consumerTag: `t-${channel}`,
  deliveryTag,
  redelivered: false,
  exchange: '',
  routingKey: 'q',
  body,
});

const obsArb = fc
  .array(
    fc.record({
      step: fc.nat(3),
      channel: fc.constantFrom('c1', 'c2', 'c3'),
      body: fc.string({ maxLength: 3 }),
    }),
    { maxLength: 12 },
  )
  .map((xs) =>
    xs.map((x, i) => delivery(x.step, x.channel, i + 1, x.body)).sort((a, b) => a.step - b.step),
  );

describe('comparing observation lists', () => {
  it('interleaving across channels within a step does not matter; order within a channel does (seeded property)', () => {
    fc.assert(
      fc.property(obsArb, fc.nat(1000), (obs, salt) => {
        // Interleave the channels of each step differently while keeping each channel's order.
        const lanes = new Map<string, AmqpObservation[]>();
        for (const o of obs) {
          const k = `${o.step}|${(o as { channel: string }).channel}`;
          lanes.set(k, [...(lanes.get(k) ?? []), o]);
        }
        const shuffled: AmqpObservation[] = [];
        const keys = [...lanes.keys()].sort(
          (a, b) =>
            Number(a.split('|')[0]) - Number(b.split('|')[0]) ||
            ((a.length * salt) % 7) - ((b.length * salt) % 7),
        );
        for (const k of keys) shuffled.push(...lanes.get(k)!);
        expect(
          diffObservations(normalizeObservations(obs), normalizeObservations(shuffled)),
        ).toEqual([]);
        // Swapping two observations of one channel at one step is a difference.
        for (const lane of lanes.values()) {
          if (lane.length >= 2 && JSON.stringify(lane[0]) !== JSON.stringify(lane[1])) {
            const swapped = obs.map((o) =>
              o === lane[0] ? lane[1]! : o === lane[1] ? lane[0]! : o,
            );
            expect(
              diffObservations(normalizeObservations(obs), normalizeObservations(swapped)).length,
            ).toBeGreaterThan(0);
            break;
          }
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('ignores x-death times only, and names the differing field', () => {
    const withDeath = (time: number, count: number): AmqpObservation => ({
      ...delivery(2, 'c1', 1, 'm'),
      headers: { 'x-death': [{ count, queue: 'q', reason: 'rejected', time }] },
    });
    expect(
      diffObservations(
        normalizeObservations([withDeath(1, 1)]),
        normalizeObservations([withDeath(99, 1)]),
      ),
    ).toEqual([]);
    const d = diffObservations(
      normalizeObservations([withDeath(1, 1)]),
      normalizeObservations([withDeath(1, 2)]),
    );
    expect(d).toHaveLength(1);
    expect(formatDiff(d)).toContain('step 2 delivery: headers: real');
    expect(formatDiff(diffObservations([delivery(1, 'c1', 1, 'a')], []))).toContain(
      'sim:  (nothing)',
    );
  });

  it("reads the broker's reply text out of amqplib's error message", () => {
    const err = new Error(
      'Channel closed by server: 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - unknown delivery tag 3"',
    );
    expect(replyTextOf(err)).toBe('PRECONDITION_FAILED - unknown delivery tag 3');
  });
});
