import { describe, expect, it } from 'vitest';
import { bodies, ofKind, pub, run, stats } from './testUtil';

const setup = [
  { op: 'declareQueue', queue: 'q' },
  { op: 'openChannel', channel: 'p' },
] as const;

describe('consumers, prefetch, acknowledgements', () => {
  it('round-robin among competing consumers, skipping those at their prefetch limit', () => {
    const r = run([
      ...setup,
      { op: 'openChannel', channel: 'c1', prefetch: 1 },
      { op: 'openChannel', channel: 'c2', prefetch: 2 },
      { op: 'consume', channel: 'c1', queue: 'q', consumerTag: 'a' },
      { op: 'consume', channel: 'c2', queue: 'q', consumerTag: 'b' },
      pub('p', '', 'q', 'm1'),
      pub('p', '', 'q', 'm2'),
      pub('p', '', 'q', 'm3'),
      pub('p', '', 'q', 'm4'),
      { op: 'queueStats', queue: 'q' },
      { op: 'ack', channel: 'c1', deliveryTag: 1 },
    ]);
    const d = ofKind(r, 'delivery');
    expect(d.map((o) => [o.consumerTag, o.body, o.deliveryTag])).toEqual([
      ['a', 'm1', 1],
      ['b', 'm2', 1],
      ['b', 'm3', 2],
      ['a', 'm4', 2],
    ]);
    expect(stats(r, 'q')).toMatchObject({
      messages: 4,
      messages_ready: 1,
      messages_unacknowledged: 3,
      consumers: 2,
    });
  });

  it('global prefetch is shared by the channel consumers', () => {
    const r = run([
      ...setup,
      { op: 'declareQueue', queue: 'q2' },
      { op: 'openChannel', channel: 'c', prefetchGlobal: 2 },
      { op: 'consume', channel: 'c', queue: 'q', consumerTag: 'a' },
      { op: 'consume', channel: 'c', queue: 'q2', consumerTag: 'b' },
      pub('p', '', 'q', 'm1'),
      pub('p', '', 'q2', 'n1'),
      pub('p', '', 'q', 'm2'),
      { op: 'queueStats', queue: 'q' },
    ]);
    expect(bodies(r)).toEqual(['m1', 'n1']);
    expect(stats(r, 'q')?.messages_ready).toBe(1);
  });

  it('basic.get: message_count, get-empty, delivery tags shared with consumer deliveries', () => {
    const r = run([
      ...setup,
      pub('p', '', 'q', 'm1'),
      pub('p', '', 'q', 'm2'),
      { op: 'openChannel', channel: 'c' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'consume', channel: 'c', queue: 'q', consumerTag: 't' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'nope' },
    ]);
    expect(ofKind(r, 'get').map((g) => [g.body, g.deliveryTag, g.messageCount])).toEqual([
      ['m1', 1, 1],
    ]);
    expect(ofKind(r, 'delivery').map((g) => [g.body, g.deliveryTag])).toEqual([['m2', 2]]);
    expect(ofKind(r, 'getEmpty')).toHaveLength(1);
    expect(ofKind(r, 'channelError')[0]?.text).toBe("NOT_FOUND - no queue 'nope' in vhost '/'");
  });

  it('nack requeue puts a classic queue message back at its position, redelivered', () => {
    const r = run([
      ...setup,
      pub('p', '', 'q', 'm1'),
      pub('p', '', 'q', 'm2'),
      pub('p', '', 'q', 'm3'),
      { op: 'openChannel', channel: 'c' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'nack', channel: 'c', deliveryTag: 2, multiple: true },
      { op: 'get', channel: 'c', queue: 'q', noAck: true },
      { op: 'get', channel: 'c', queue: 'q', noAck: true },
      { op: 'get', channel: 'c', queue: 'q', noAck: true },
    ]);
    expect(ofKind(r, 'get').map((g) => [g.body, g.redelivered, g.deliveryTag])).toEqual([
      ['m1', false, 1],
      ['m2', false, 2],
      ['m1', true, 3],
      ['m2', true, 4],
      ['m3', false, 5],
    ]);
  });

  it('ack multiple; an unknown or already acked tag is 406 and the channel requeues its unacked', () => {
    const r = run([
      ...setup,
      pub('p', '', 'q', 'm1'),
      pub('p', '', 'q', 'm2'),
      pub('p', '', 'q', 'm3'),
      { op: 'openChannel', channel: 'c' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'ack', channel: 'c', deliveryTag: 2, multiple: true },
      { op: 'ack', channel: 'c', deliveryTag: 1 },
      { op: 'queueStats', queue: 'q' },
    ]);
    expect(ofKind(r, 'channelError')).toEqual([
      {
        kind: 'channelError',
        step: 10,
        channel: 'c',
        code: 406,
        text: 'PRECONDITION_FAILED - unknown delivery tag 1',
      },
    ]);
    expect(stats(r, 'q')).toMatchObject({ messages_ready: 1, messages_unacknowledged: 0 });
  });

  it('cancel keeps the unacked deliveries (they can still be acked); closing the channel requeues them', () => {
    const r = run([
      ...setup,
      pub('p', '', 'q', 'm1'),
      { op: 'openChannel', channel: 'c' },
      { op: 'consume', channel: 'c', queue: 'q', consumerTag: 't' },
      { op: 'cancel', channel: 'c', consumerTag: 't' },
      { op: 'queueStats', queue: 'q' },
      { op: 'closeChannel', channel: 'c' },
      { op: 'queueStats', queue: 'q' },
      { op: 'openChannel', channel: 'd' },
      { op: 'consume', channel: 'd', queue: 'q', consumerTag: 'u' },
    ]);
    const s = ofKind(r, 'queueStats');
    expect(s.map((o) => [o.messages_ready, o.messages_unacknowledged, o.consumers])).toEqual([
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(ofKind(r, 'delivery').map((d) => [d.consumerTag, d.redelivered])).toEqual([
      ['t', false],
      ['u', true],
    ]);
  });

  it('no-ack consumers take everything and leave nothing unacked', () => {
    const r = run([
      ...setup,
      pub('p', '', 'q', 'm1'),
      pub('p', '', 'q', 'm2'),
      { op: 'openChannel', channel: 'c', prefetch: 1 },
      { op: 'consume', channel: 'c', queue: 'q', consumerTag: 't', noAck: true },
      { op: 'queueStats', queue: 'q' },
      { op: 'ack', channel: 'c', deliveryTag: 1 },
    ]);
    expect(bodies(r)).toEqual(['m1', 'm2']);
    expect(stats(r, 'q')).toMatchObject({ messages: 0 });
    expect(ofKind(r, 'channelError')[0]?.text).toBe('PRECONDITION_FAILED - unknown delivery tag 1');
  });

  it('a reused consumer tag is a connection error 530; every channel closes', () => {
    const r = run([
      ...setup,
      { op: 'openChannel', channel: 'c' },
      { op: 'consume', channel: 'c', queue: 'q', consumerTag: 't' },
      { op: 'consume', channel: 'c', queue: 'q', consumerTag: 't' },
      pub('p', '', 'q', 'm'),
    ]);
    expect(ofKind(r, 'connectionError')).toEqual([
      {
        kind: 'connectionError',
        step: 4,
        code: 530,
        text: "NOT_ALLOWED - attempt to reuse consumer tag 't'",
      },
    ]);
    expect(r.problems).toEqual(["step 5: publish: channel 'p' is not open"]);
  });

  it('redeclaring a queue with other arguments is 406 inequivalent arg', () => {
    const r = run([
      { op: 'declareQueue', queue: 'q', arguments: { 'x-max-length': 10 } },
      { op: 'declareQueue', queue: 'q', arguments: { 'x-max-length': 10 } },
      { op: 'declareQueue', queue: 'q' },
      { op: 'declareQueue', queue: 'q', durable: true, arguments: { 'x-max-length': 10 } },
      { op: 'declareQueue', queue: 'q2', arguments: { 'x-max-length': -1 } },
      { op: 'declareQueue', queue: 'qq', arguments: { 'x-queue-type': 'quorum' } },
    ]);
    expect(ofKind(r, 'channelError').map((e) => e.text)).toEqual([
      "PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue 'q' in vhost '/': received none but current is the value '10' of type 'byte'",
      "PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'q' in vhost '/': received 'true' but current is 'false'",
      "PRECONDITION_FAILED - invalid arg 'x-max-length' for queue 'q2' in vhost '/': {value_negative,-1}",
      "PRECONDITION_FAILED - invalid property 'non-durable' for queue 'qq' in vhost '/'",
    ]);
  });
});

describe('blocked consumers (checked against RabbitMQ 3.10.8)', () => {
  it('a consumer found at its limit leaves the round-robin and rejoins at the tail when unblocked', () => {
    const r = run([
      ...setup,
      { op: 'openChannel', channel: 'c1', prefetch: 1 },
      { op: 'openChannel', channel: 'c2', prefetch: 1 },
      { op: 'consume', channel: 'c1', queue: 'q', consumerTag: 'a' },
      { op: 'consume', channel: 'c2', queue: 'q', consumerTag: 'b' },
      pub('p', '', 'q', 'm1'),
      pub('p', '', 'q', 'm2'),
      pub('p', '', 'q', 'm3'),
      pub('p', '', 'q', 'm4'),
      { op: 'ack', channel: 'c2', deliveryTag: 1 },
      { op: 'ack', channel: 'c1', deliveryTag: 1 },
      { op: 'ack', channel: 'c2', deliveryTag: 2 },
      { op: 'ack', channel: 'c1', deliveryTag: 2 },
      pub('p', '', 'q', 'm5'),
      pub('p', '', 'q', 'm6'),
      { op: 'queueStats', queue: 'q' },
    ]);
    expect(ofKind(r, 'delivery').map((d) => `${d.consumerTag}:${d.body}`)).toEqual([
      'a:m1',
      'b:m2',
      'b:m3',
      'a:m4',
      'a:m5',
      'b:m6',
    ]);
    expect(stats(r, 'q')?.consumers).toBe(2);
  });

  it('unbinding what is not bound is fine; amqplib integer types name the value in 406 texts', () => {
    const r = run([
      { op: 'declareExchange', exchange: 'x', type: 'direct' },
      { op: 'declareQueue', queue: 'q' },
      { op: 'unbind', source: 'x', destination: 'q', destinationType: 'queue', routingKey: 'k' },
      { op: 'declareQueue', queue: 'q', arguments: { 'x-message-ttl': 1000 } },
      { op: 'declareQueue', queue: 'q2', arguments: { 'x-overflow': 'bogus' } },
    ]);
    expect(ofKind(r, 'channelError').map((e) => [e.step, e.text])).toEqual([
      [
        3,
        "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue 'q' in vhost '/': received the value '1000' of type 'short' but current is none",
      ],
      [
        4,
        "PRECONDITION_FAILED - invalid arg 'x-overflow' for queue 'q2' in vhost '/': invalid_overflow",
      ],
    ]);
  });
});
