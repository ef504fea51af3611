import { describe, expect, it } from 'vitest';
import {
  amqpDigest,
  cloneAmqpState,
  decideAck,
  decideChannelClose,
  decideDispatch,
  decideExpiry,
  decideNack,
  decideOp,
  decidePublish,
  decideRestart,
  evolveAmqp,
  initialAmqpState,
  nextDueUs,
  queueCounts,
  type AmqpEvent,
  type AmqpState,
} from './index';

function apply(s: AmqpState, events: AmqpEvent[]): AmqpEvent[] {
  for (const e of events) evolveAmqp(s, e);
  return events;
}

function settle(s: AmqpState, nowUs: number): AmqpEvent[] {
  const out: AmqpEvent[] = [];
  for (let i = 0; i < 1000; i++) {
    const exp = decideExpiry(s, nowUs);
    if (exp.length > 0) {
      out.push(...apply(s, exp));
      continue;
    }
    const d = decideDispatch(s, nowUs);
    if (d === null) break;
    out.push(...apply(s, [d]));
  }
  return out;
}

function setup(): AmqpState {
  const s = initialAmqpState('3.10');
  const ops = [
    {
      op: 'declareQueue',
      queue: '__proto__',
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'dead' },
    },
    { op: 'declareQueue', queue: 'dead' },
    { op: 'declareQueue', queue: 'ttl', arguments: { 'x-message-ttl': 100 } },
    { op: 'openChannel', channel: 'c', prefetch: 1 },
    { op: 'consume', channel: 'c', queue: '__proto__', consumerTag: 'w' },
  ] as const;
  for (const op of ops) apply(s, decideOp(s, op, 0).events);
  return s;
}

describe('the decide API the simulator drives', () => {
  it("decide functions never change the state they are given; '__proto__' is a queue name", () => {
    const s = setup();
    const before = amqpDigest(s);
    const events = decidePublish(
      s,
      { channel: 'c', exchange: '', routingKey: '__proto__', body: 'x' },
      5,
    );
    expect(amqpDigest(s)).toBe(before);
    expect(events.map((e) => e.type)).toEqual(['amqp.published']);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype); // nothing polluted
    apply(s, events);
    expect(queueCounts(s, '__proto__')).toEqual({ ready: 1, unacked: 0, consumers: 1 });
    const d = decideDispatch(s, 5);
    expect(d?.type).toBe('amqp.delivered');
    expect(amqpDigest(s)).toBe(amqpDigest(cloneAmqpState(s)));
    apply(s, [d as AmqpEvent]);
    const snap = amqpDigest(s);
    decideNack(s, 'c', 1, false, false, 6);
    decideAck(s, 'c', 1, false, 6);
    decideChannelClose(s, 'c', 6);
    decideRestart(s, 6);
    expect(amqpDigest(s)).toBe(snap);
  });

  it('meta travels from publish to the delivery and the dead-lettered copy', () => {
    const s = setup();
    const meta = { eventId: 'e-1', causation: null, n: 3 };
    apply(
      s,
      decidePublish(s, { channel: 'c', exchange: '', routingKey: '__proto__', body: 'x', meta }, 0),
    );
    const d = settle(s, 0).find((e) => e.type === 'amqp.delivered');
    expect(d?.type === 'amqp.delivered' && d.message.meta).toEqual(meta);
    const dl = apply(s, decideNack(s, 'c', 1, false, false, 1)).find(
      (e) => e.type === 'amqp.deadLettered',
    );
    expect(dl?.type === 'amqp.deadLettered' && dl.message.meta).toBe(meta);
    expect(dl?.type === 'amqp.deadLettered' && dl.queues).toEqual(['dead']);
  });

  it('nextDueUs names the next head expiry; decideExpiry at that time expires it', () => {
    const s = setup();
    expect(nextDueUs(s)).toBeNull();
    apply(s, decidePublish(s, { channel: 'c', exchange: '', routingKey: 'ttl', body: 'a' }, 1000));
    apply(s, decidePublish(s, { channel: 'c', exchange: '', routingKey: 'ttl', body: 'b' }, 2000));
    expect(nextDueUs(s)).toBe(101_000);
    expect(decideExpiry(s, 100_999)).toEqual([]);
    const ev = apply(s, decideExpiry(s, 101_000));
    expect(ev.map((e) => e.type)).toEqual(['amqp.dropped']);
    expect(nextDueUs(s)).toBe(102_000);
  });

  it('cloneAmqpState is independent of the original', () => {
    const s = setup();
    const c = cloneAmqpState(s);
    apply(c, decidePublish(c, { channel: 'c', exchange: '', routingKey: 'dead', body: 'x' }, 0));
    expect(queueCounts(s, 'dead')?.ready).toBe(0);
    expect(queueCounts(c, 'dead')?.ready).toBe(1);
  });
});
