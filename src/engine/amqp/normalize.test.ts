import { describe, expect, it } from 'vitest';
import { normalizeObservations } from './normalize';
import type { AmqpObservation } from './script';

const d = (step: number, channel: string, body: string, headers?: object): AmqpObservation =>
  ({
    kind: 'delivery',
    step,
    channel,
    consumerTag: 't',
    deliveryTag: 1,
    redelivered: false,
    exchange: '',
    routingKey: 'q',
    body,
    ...(headers ? { headers } : {}),
  }) as AmqpObservation;

describe('normalizeObservations', () => {
  it('orders one step by channel, keeping each channel its own order; steps stay in order', () => {
    const out = normalizeObservations([
      d(1, 'b', 'b1'),
      d(1, 'a', 'a1'),
      d(1, 'b', 'b2'),
      d(0, 'z', 'z0'),
      d(1, 'a', 'a2'),
    ]);
    expect(out.map((o) => (o.kind === 'delivery' ? o.body : ''))).toEqual([
      'z0',
      'a1',
      'a2',
      'b1',
      'b2',
    ]);
  });

  it('drops x-death times and empty headers, and writes keys in one order', () => {
    const withTime = d(0, 'c', 'x', {
      'x-death': [{ time: 123, count: 1, queue: 'q' }],
      b: 1,
      a: 2,
    });
    const [o] = normalizeObservations([withTime]);
    expect(o).toMatchObject({ headers: { 'x-death': [{ count: 1, queue: 'q' }] } });
    expect(JSON.stringify(o)).toBe(
      JSON.stringify(
        normalizeObservations([
          {
            ...withTime,
            headers: { a: 2, b: 1, 'x-death': [{ queue: 'q', count: 1, time: 9 }] },
          } as AmqpObservation,
        ])[0],
      ),
    );
    const [e] = normalizeObservations([d(0, 'c', 'x', {})]);
    expect(e && 'headers' in e).toBe(false);
  });
});
