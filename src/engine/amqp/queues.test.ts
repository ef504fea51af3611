import { describe, expect, it } from 'vitest';
import { bodies, ofKind, pub, run, stats } from './testUtil';
import type { AmqpOp } from './script';

const dlxSetup: AmqpOp[] = [
  { op: 'declareExchange', exchange: 'dlx', type: 'fanout' },
  { op: 'declareQueue', queue: 'dead' },
  { op: 'bind', source: 'dlx', destination: 'dead', destinationType: 'queue', routingKey: '' },
  { op: 'openChannel', channel: 'p', confirm: true },
  { op: 'openChannel', channel: 'c' },
];

describe('queue limits', () => {
  it('x-max-length counts ready messages only; drop-head dead-letters the oldest (maxlen)', () => {
    const r = run([
      ...dlxSetup,
      {
        op: 'declareQueue',
        queue: 'q',
        arguments: { 'x-max-length': 2, 'x-dead-letter-exchange': 'dlx' },
      },
      pub('p', '', 'q', 'm1'),
      { op: 'get', channel: 'c', queue: 'q' }, // m1 unacked: not counted
      pub('p', '', 'q', 'm2'),
      pub('p', '', 'q', 'm3'),
      pub('p', '', 'q', 'm4'),
      { op: 'queueStats', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'dead', noAck: true },
    ]);
    expect(stats(r, 'q')).toMatchObject({ messages_ready: 2, messages_unacknowledged: 1 });
    const dead = ofKind(r, 'get').at(-1);
    expect(dead?.body).toBe('m2');
    expect(dead?.headers?.['x-death']).toEqual([
      { count: 1, reason: 'maxlen', queue: 'q', time: 0, exchange: '', 'routing-keys': ['q'] },
    ]);
    expect(dead?.headers).toMatchObject({
      'x-first-death-reason': 'maxlen',
      'x-first-death-queue': 'q',
      'x-first-death-exchange': '',
    });
    expect(ofKind(r, 'confirm').every((c) => c.ack)).toBe(true);
  });

  it('reject-publish refuses the newest (basic.nack in confirm mode); reject-publish-dlx dead-letters it', () => {
    const r = run([
      ...dlxSetup,
      {
        op: 'declareQueue',
        queue: 'rp',
        arguments: { 'x-max-length': 1, 'x-overflow': 'reject-publish' },
      },
      {
        op: 'declareQueue',
        queue: 'rd',
        arguments: {
          'x-max-length': 1,
          'x-overflow': 'reject-publish-dlx',
          'x-dead-letter-exchange': 'dlx',
        },
      },
      pub('p', '', 'rp', 'a1'),
      pub('p', '', 'rp', 'a2'),
      pub('p', '', 'rd', 'b1'),
      pub('p', '', 'rd', 'b2'),
      { op: 'get', channel: 'c', queue: 'rp', noAck: true },
      { op: 'get', channel: 'c', queue: 'dead', noAck: true },
    ]);
    expect(ofKind(r, 'confirm').map((c) => c.ack)).toEqual([true, false, true, false]);
    expect(bodies(r)).toEqual(['a1', 'b2']);
  });

  it('x-max-length-bytes counts body bytes of ready messages', () => {
    const r = run([
      ...dlxSetup,
      { op: 'declareQueue', queue: 'q', arguments: { 'x-max-length-bytes': 5 } },
      pub('p', '', 'q', 'abc'),
      pub('p', '', 'q', 'de'),
      pub('p', '', 'q', 'f'),
      { op: 'queueStats', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'q', noAck: true },
    ]);
    expect(stats(r, 'q')?.messages_ready).toBe(2);
    expect(bodies(r)).toEqual(['de']);
  });
});

describe('TTL and x-expires', () => {
  it('x-message-ttl expires at the head after the time passes; per-message expiration, lower wins', () => {
    const r = run([
      ...dlxSetup,
      {
        op: 'declareQueue',
        queue: 'q',
        arguments: { 'x-message-ttl': 1000, 'x-dead-letter-exchange': 'dlx' },
      },
      pub('p', '', 'q', 'long', { expiration: '5000' }),
      pub('p', '', 'q', 'short', { expiration: '100' }),
      { op: 'advanceTime', ms: 500 },
      { op: 'queueStats', queue: 'q' }, // 'short' expired but behind a live head: still counted
      { op: 'advanceTime', ms: 500 },
      { op: 'queueStats', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'dead', noAck: true },
      { op: 'get', channel: 'c', queue: 'dead', noAck: true },
    ]);
    expect(ofKind(r, 'queueStats').map((s) => s.messages_ready)).toEqual([2, 0]);
    const g = ofKind(r, 'get');
    expect(g.map((x) => x.body)).toEqual(['long', 'short']);
    expect(g[1]?.headers?.['x-death']).toEqual([
      {
        count: 1,
        reason: 'expired',
        queue: 'q',
        time: 1,
        exchange: '',
        'routing-keys': ['q'],
        'original-expiration': '100',
      },
    ]);
  });

  it('TTL 0: delivered to a waiting consumer, otherwise expired at once', () => {
    const r = run([
      ...dlxSetup,
      { op: 'declareQueue', queue: 'q', arguments: { 'x-message-ttl': 0 } },
      pub('p', '', 'q', 'nobody'),
      { op: 'consume', channel: 'c', queue: 'q', consumerTag: 't' },
      pub('p', '', 'q', 'taken'),
    ]);
    expect(bodies(r)).toEqual(['taken']);
  });

  it('an invalid expiration is 406', () => {
    const r = run([
      ...dlxSetup,
      { op: 'declareQueue', queue: 'q' },
      pub('p', '', 'q', 'm', { expiration: 'soon' }),
    ]);
    expect(ofKind(r, 'channelError')[0]?.text).toBe(
      "PRECONDITION_FAILED - invalid expiration 'soon': no_integer",
    );
  });

  it('x-expires deletes a queue unused for that long; a consumer keeps it', () => {
    const r = run([
      ...dlxSetup,
      { op: 'declareQueue', queue: 'gone', arguments: { 'x-expires': 1000 } },
      { op: 'declareQueue', queue: 'kept', arguments: { 'x-expires': 1000 } },
      { op: 'consume', channel: 'c', queue: 'kept', consumerTag: 't' },
      { op: 'advanceTime', ms: 999 },
      { op: 'queueStats', queue: 'gone' },
      { op: 'advanceTime', ms: 1 },
      { op: 'queueStats', queue: 'gone' },
      { op: 'advanceTime', ms: 5000 },
      { op: 'queueStats', queue: 'kept' },
    ]);
    expect(ofKind(r, 'queueStats').map((s) => s.queue)).toEqual(['gone', 'kept']);
    expect(r.problems).toEqual(['step 11: queueStats: queue "gone" does not exist']);
  });
});

describe('dead-lettering', () => {
  it('rejected: x-death per (queue, reason), count grows, newest first', () => {
    const r = run([
      {
        op: 'declareQueue',
        queue: 'work',
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'retry' },
      },
      {
        op: 'declareQueue',
        queue: 'retry',
        arguments: {
          'x-message-ttl': 10,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': 'work',
        },
      },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'work', 'job', { headers: { id: 7 } }),
      { op: 'get', channel: 'c', queue: 'work' },
      { op: 'reject', channel: 'c', deliveryTag: 1, requeue: false },
      { op: 'advanceTime', ms: 10 },
      { op: 'get', channel: 'c', queue: 'work' },
      { op: 'nack', channel: 'c', deliveryTag: 2, requeue: false },
      { op: 'advanceTime', ms: 10 },
      { op: 'get', channel: 'c', queue: 'work' },
    ]);
    const g = ofKind(r, 'get');
    expect(g.map((x) => [x.body, x.exchange, x.routingKey])).toEqual([
      ['job', '', 'work'],
      ['job', '', 'work'],
      ['job', '', 'work'],
    ]);
    const deaths = g[2]?.headers?.['x-death'] as Array<Record<string, unknown>>;
    expect(deaths.map((d) => [d.queue, d.reason, d.count])).toEqual([
      ['retry', 'expired', 2],
      ['work', 'rejected', 2],
    ]);
    expect(g[2]?.headers).toMatchObject({
      id: 7,
      'x-first-death-queue': 'work',
      'x-first-death-reason': 'rejected',
    });
  });

  it('an automatic cycle (no rejection) is dropped; a missing dead-letter exchange drops too', () => {
    const r = run([
      {
        op: 'declareQueue',
        queue: 'loop',
        arguments: { 'x-message-ttl': 10, 'x-dead-letter-exchange': '' },
      },
      {
        op: 'declareQueue',
        queue: 'lost',
        arguments: { 'x-message-ttl': 10, 'x-dead-letter-exchange': 'nowhere' },
      },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'loop', 'm'),
      pub('c', '', 'lost', 'n'),
      { op: 'advanceTime', ms: 100 },
      { op: 'queueStats', queue: 'loop' },
      { op: 'queueStats', queue: 'lost' },
    ]);
    expect(ofKind(r, 'queueStats').map((s) => s.messages)).toEqual([0, 0]);
    const why = r.events.flatMap((e) => (e.type === 'amqp.dropped' ? [e.why] : []));
    expect(why.sort()).toEqual(['cycle', 'deadLetterExchangeMissing']);
  });

  it('meta travels unchanged to the dead-lettered copy', () => {
    const r = run([
      {
        op: 'declareQueue',
        queue: 'a',
        arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'b' },
      },
      { op: 'declareQueue', queue: 'b' },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'a', 'm'),
      { op: 'get', channel: 'c', queue: 'a' },
      { op: 'reject', channel: 'c', deliveryTag: 1, requeue: false },
    ]);
    // Scripts carry no meta; the simulator passes it through decidePublish (see api.test.ts).
    const dl = r.events.find((e) => e.type === 'amqp.deadLettered');
    expect(dl?.type === 'amqp.deadLettered' && dl.queues).toEqual(['b']);
  });
});

describe('quorum queues', () => {
  const q = (args: Record<string, number | string> = {}): AmqpOp => ({
    op: 'declareQueue',
    queue: 'qq',
    durable: true,
    arguments: { 'x-queue-type': 'quorum', ...args },
  });

  it('3.10, no delivery limit: a nack-requeued message goes to the back, x-delivery-count counts', () => {
    const r = run([
      q(),
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'qq', 'm1'),
      pub('c', '', 'qq', 'm2'),
      { op: 'get', channel: 'c', queue: 'qq' },
      { op: 'nack', channel: 'c', deliveryTag: 1 },
      { op: 'get', channel: 'c', queue: 'qq', noAck: true },
      { op: 'get', channel: 'c', queue: 'qq', noAck: true },
    ]);
    const g = ofKind(r, 'get');
    expect(g.map((x) => [x.body, x.redelivered, x.headers?.['x-delivery-count'] ?? null])).toEqual([
      // basic.get on a quorum queue always carries x-delivery-count in 3.10 (0 the first time)
      ['m1', false, 0],
      ['m2', false, 0],
      ['m1', true, 1],
    ]);
  });

  it('3.10, with a delivery limit: requeued to the front; past the limit dead-lettered (delivery_limit)', () => {
    const r = run([
      { op: 'declareQueue', queue: 'dead' },
      q({
        'x-delivery-limit': 1,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': 'dead',
      }),
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'qq', 'poison'),
      pub('c', '', 'qq', 'ok'),
      { op: 'get', channel: 'c', queue: 'qq' },
      { op: 'nack', channel: 'c', deliveryTag: 1 },
      { op: 'get', channel: 'c', queue: 'qq' },
      { op: 'nack', channel: 'c', deliveryTag: 2 },
      { op: 'get', channel: 'c', queue: 'qq', noAck: true },
      { op: 'get', channel: 'c', queue: 'dead', noAck: true },
    ]);
    const g = ofKind(r, 'get');
    expect(g.map((x) => x.body)).toEqual(['poison', 'poison', 'ok', 'poison']);
    expect((g[3]?.headers?.['x-death'] as Array<Record<string, unknown>>)[0]).toMatchObject({
      reason: 'delivery_limit',
      queue: 'qq',
      count: 1,
    });
  });

  it('4.x: the default delivery limit is 20 (the 21st return dead-letters/drops the message)', () => {
    const ops: AmqpOp[] = [q(), { op: 'openChannel', channel: 'c' }, pub('c', '', 'qq', 'poison')];
    for (let i = 1; i <= 25; i++) {
      ops.push(
        { op: 'get', channel: 'c', queue: 'qq' },
        { op: 'nack', channel: 'c', deliveryTag: i },
      );
    }
    const r4 = run(ops, '4.x');
    expect(ofKind(r4, 'get')).toHaveLength(21);
    expect(ofKind(r4, 'getEmpty')).toHaveLength(1);
    // The next nack names a tag never issued (the get was empty): the channel closes.
    expect(ofKind(r4, 'channelError')[0]?.text).toBe(
      'PRECONDITION_FAILED - unknown delivery tag 22',
    );
    const r3 = run(ops, '3.10');
    expect(ofKind(r3, 'get')).toHaveLength(25);
  });

  it('a channel close returns a quorum message to the front and counts the delivery', () => {
    const r = run([
      q(),
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'qq', 'm1'),
      pub('c', '', 'qq', 'm2'),
      { op: 'openChannel', channel: 'd' },
      { op: 'get', channel: 'd', queue: 'qq' },
      { op: 'closeChannel', channel: 'd' },
      { op: 'get', channel: 'c', queue: 'qq', noAck: true },
    ]);
    expect(ofKind(r, 'get').map((x) => [x.body, x.headers?.['x-delivery-count'] ?? null])).toEqual([
      ['m1', 0],
      ['m1', 1],
    ]);
  });
});

describe('broker restart', () => {
  it('keeps durable queues with persistent messages; requeues unacked first; drops the rest', () => {
    const r = run([
      { op: 'declareExchange', exchange: 'tx', type: 'fanout' },
      { op: 'declareExchange', exchange: 'dx', type: 'fanout', durable: true },
      { op: 'declareQueue', queue: 'durable', durable: true },
      { op: 'declareQueue', queue: 'transient' },
      {
        op: 'bind',
        source: 'dx',
        destination: 'durable',
        destinationType: 'queue',
        routingKey: '',
      },
      {
        op: 'bind',
        source: 'tx',
        destination: 'durable',
        destinationType: 'queue',
        routingKey: '',
      },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'durable', 'p1', { persistent: true }),
      pub('c', '', 'durable', 't1'),
      pub('c', '', 'durable', 'p2', { persistent: true }),
      pub('c', '', 'transient', 'p3', { persistent: true }),
      { op: 'get', channel: 'c', queue: 'durable' },
      { op: 'restartBroker' },
      { op: 'openChannel', channel: 'c' },
      { op: 'get', channel: 'c', queue: 'durable', noAck: true },
      { op: 'get', channel: 'c', queue: 'durable', noAck: true },
      { op: 'get', channel: 'c', queue: 'durable', noAck: true },
      { op: 'queueStats', queue: 'transient' },
      pub('c', 'tx', '', 'x'),
      { op: 'openChannel', channel: 'd' },
      pub('d', 'dx', '', 'y'),
      { op: 'queueStats', queue: 'durable' },
    ]);
    expect(ofKind(r, 'get').map((g) => [g.body, g.redelivered])).toEqual([
      ['p1', false],
      ['p1', true],
      ['p2', false],
    ]);
    expect(ofKind(r, 'getEmpty')).toHaveLength(1);
    expect(r.problems).toEqual(['step 17: queueStats: queue "transient" does not exist']);
    expect(ofKind(r, 'channelError')[0]?.text).toBe("NOT_FOUND - no exchange 'tx' in vhost '/'");
    expect(stats(r, 'durable')?.messages_ready).toBe(1);
  });
});

describe('basic.get and expiry', () => {
  it('message_count leaves out expired messages the get brings to the head (they go at once)', () => {
    const r = run([
      { op: 'declareQueue', queue: 'q' },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'q', 'long', { expiration: '60000' }),
      pub('c', '', 'q', 'short', { expiration: '200' }),
      pub('c', '', 'q', 'plain'),
      { op: 'advanceTime', ms: 700 },
      { op: 'queueStats', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'q', noAck: true },
      { op: 'queueStats', queue: 'q' },
    ]);
    expect(ofKind(r, 'queueStats').map((s) => s.messages_ready)).toEqual([3, 1]);
    expect(ofKind(r, 'get').map((g) => [g.body, g.messageCount])).toEqual([['long', 1]]);
  });
});
