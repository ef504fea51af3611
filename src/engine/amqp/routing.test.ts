import { describe, expect, it } from 'vitest';
import { bodies, ofKind, pub, run } from './testUtil';

describe('exchanges and routing', () => {
  it('the default exchange routes to the queue named by the routing key and cannot be bound', () => {
    const r = run([
      { op: 'declareQueue', queue: 'q' },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'q', 'm1'),
      pub('c', '', 'nope', 'm2'),
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'bind', source: '', destination: 'q', destinationType: 'queue', routingKey: 'q' },
    ]);
    expect(bodies(r)).toEqual(['m1']);
    expect(ofKind(r, 'getEmpty')).toHaveLength(1);
    expect(ofKind(r, 'channelError')).toEqual([
      {
        kind: 'channelError',
        step: 6,
        channel: 'admin',
        code: 403,
        text: 'ACCESS_REFUSED - operation not permitted on the default exchange',
      },
    ]);
  });

  it('has the amq.* exchanges and refuses new names with the amq. prefix', () => {
    const r = run([
      { op: 'declareQueue', queue: 'q' },
      {
        op: 'bind',
        source: 'amq.topic',
        destination: 'q',
        destinationType: 'queue',
        routingKey: 'a.#',
      },
      {
        op: 'bind',
        source: 'amq.match',
        destination: 'q',
        destinationType: 'queue',
        routingKey: '',
        arguments: { h: 1 },
      },
      { op: 'openChannel', channel: 'c' },
      pub('c', 'amq.topic', 'a.b', 't'),
      pub('c', 'amq.headers', 'x', 'none'),
      pub('c', 'amq.match', 'x', 'h', { headers: { h: 1 } }),
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'get', channel: 'c', queue: 'q' },
      { op: 'declareExchange', exchange: 'amq.mine', type: 'direct' },
    ]);
    expect(bodies(r)).toEqual(['t', 'h']);
    expect(ofKind(r, 'channelError')[0]?.text).toBe(
      "ACCESS_REFUSED - exchange name 'amq.mine' contains reserved prefix 'amq.*'",
    );
  });

  it('a message reaches a queue once whatever the paths (exchange-to-exchange, cycles)', () => {
    const r = run([
      { op: 'declareExchange', exchange: 'x1', type: 'fanout' },
      { op: 'declareExchange', exchange: 'x2', type: 'fanout' },
      { op: 'declareQueue', queue: 'q' },
      { op: 'bind', source: 'x1', destination: 'q', destinationType: 'queue', routingKey: '' },
      { op: 'bind', source: 'x1', destination: 'x2', destinationType: 'exchange', routingKey: '' },
      { op: 'bind', source: 'x2', destination: 'x1', destinationType: 'exchange', routingKey: '' },
      { op: 'bind', source: 'x2', destination: 'q', destinationType: 'queue', routingKey: '' },
      { op: 'openChannel', channel: 'c' },
      pub('c', 'x1', 'k', 'once'),
      { op: 'queueStats', queue: 'q' },
    ]);
    expect(ofKind(r, 'queueStats')[0]?.messages_ready).toBe(1);
  });

  it('topic and direct bindings; an alternate exchange takes what its exchange cannot route', () => {
    const r = run([
      { op: 'declareExchange', exchange: 'ae', type: 'fanout' },
      {
        op: 'declareExchange',
        exchange: 'logs',
        type: 'topic',
        arguments: { 'alternate-exchange': 'ae' },
      },
      { op: 'declareQueue', queue: 'errors' },
      { op: 'declareQueue', queue: 'unrouted' },
      {
        op: 'bind',
        source: 'logs',
        destination: 'errors',
        destinationType: 'queue',
        routingKey: '*.error',
      },
      {
        op: 'bind',
        source: 'ae',
        destination: 'unrouted',
        destinationType: 'queue',
        routingKey: '',
      },
      { op: 'openChannel', channel: 'c' },
      pub('c', 'logs', 'db.error', 'e1'),
      pub('c', 'logs', 'db.info', 'i1'),
      { op: 'queueStats', queue: 'errors' },
      { op: 'queueStats', queue: 'unrouted' },
    ]);
    const s = ofKind(r, 'queueStats');
    expect(s.map((o) => [o.queue, o.messages_ready])).toEqual([
      ['errors', 1],
      ['unrouted', 1],
    ]);
  });

  it('mandatory: basic.return 312 NO_ROUTE before the confirm; without mandatory it is dropped', () => {
    const r = run([
      { op: 'declareExchange', exchange: 'x', type: 'direct' },
      { op: 'openChannel', channel: 'c', confirm: true },
      pub('c', 'x', 'k', 'lost'),
      pub('c', 'x', 'k', 'back', { mandatory: true }),
    ]);
    expect(r.observations.map((o) => o.kind)).toEqual(['confirm', 'return', 'confirm']);
    expect(ofKind(r, 'return')[0]).toMatchObject({
      replyCode: 312,
      replyText: 'NO_ROUTE',
      exchange: 'x',
      routingKey: 'k',
      body: 'back',
    });
    expect(ofKind(r, 'confirm').map((c) => [c.seq, c.ack])).toEqual([
      [1, true],
      [2, true],
    ]);
  });

  it('publishing to a missing exchange closes the channel with 404', () => {
    const r = run([
      { op: 'openChannel', channel: 'c' },
      pub('c', 'ghost', 'k', 'm'),
      pub('c', '', 'k', 'm'),
    ]);
    expect(ofKind(r, 'channelError')).toEqual([
      {
        kind: 'channelError',
        step: 1,
        channel: 'c',
        code: 404,
        text: "NOT_FOUND - no exchange 'ghost' in vhost '/'",
      },
    ]);
    expect(r.problems).toEqual(["step 2: publish: channel 'c' is not open"]);
  });

  it('headers exchange bindings route by x-match', () => {
    const r = run([
      { op: 'declareExchange', exchange: 'h', type: 'headers' },
      { op: 'declareQueue', queue: 'all' },
      { op: 'declareQueue', queue: 'any' },
      {
        op: 'bind',
        source: 'h',
        destination: 'all',
        destinationType: 'queue',
        routingKey: '',
        arguments: { a: 1, b: 2 },
      },
      {
        op: 'bind',
        source: 'h',
        destination: 'any',
        destinationType: 'queue',
        routingKey: '',
        arguments: { 'x-match': 'any', a: 1, b: 2 },
      },
      { op: 'openChannel', channel: 'c' },
      pub('c', 'h', '', 'both', { headers: { a: 1, b: 2 } }),
      pub('c', 'h', '', 'one', { headers: { a: 1 } }),
      { op: 'queueStats', queue: 'all' },
      { op: 'queueStats', queue: 'any' },
      {
        op: 'bind',
        source: 'h',
        destination: 'any',
        destinationType: 'queue',
        routingKey: '',
        arguments: { 'x-match': 'most' },
      },
    ]);
    expect(ofKind(r, 'queueStats').map((o) => o.messages_ready)).toEqual([1, 2]);
    expect(ofKind(r, 'channelError')[0]?.code).toBe(406);
  });

  it('bind to a missing queue is 404; an exchange redeclared with another type is 406', () => {
    const r = run([
      { op: 'declareExchange', exchange: 'x', type: 'direct' },
      { op: 'bind', source: 'x', destination: 'nope', destinationType: 'queue', routingKey: 'k' },
      { op: 'declareExchange', exchange: 'x', type: 'fanout' },
    ]);
    expect(ofKind(r, 'channelError').map((e) => e.text)).toEqual([
      "NOT_FOUND - no queue 'nope' in vhost '/'",
      "PRECONDITION_FAILED - inequivalent arg 'type' for exchange 'x' in vhost '/': received 'fanout' but current is 'direct'",
    ]);
  });
});

describe('connection errors', () => {
  it("close every channel and delete the connection's exclusive queues", () => {
    const r = run([
      { op: 'declareQueue', queue: 'mine', exclusive: true },
      { op: 'declareQueue', queue: 'shared' },
      { op: 'openChannel', channel: 'c' },
      { op: 'consume', channel: 'c', queue: 'shared', consumerTag: 't' },
      { op: 'consume', channel: 'c', queue: 'shared', consumerTag: 't' },
      { op: 'queueStats', queue: 'shared' },
      { op: 'queueStats', queue: 'mine' },
    ]);
    expect(ofKind(r, 'connectionError')).toHaveLength(1);
    expect(ofKind(r, 'queueStats').map((s) => [s.queue, s.consumers])).toEqual([['shared', 0]]);
    expect(r.problems).toEqual(['step 6: queueStats: queue "mine" does not exist']);
  });
});
