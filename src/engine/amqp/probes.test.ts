/**
 * Behaviours first checked against Debian's RabbitMQ 3.10.8 with `npm run conform` (the real
 * broker and the simulator agreed on each script below), kept here as unit tests.
 */
import { describe, expect, it } from 'vitest';
import { bodies, ofKind, pub, run, stats } from './testUtil';

describe('checked on RabbitMQ 3.10.8', () => {
  it('a waiting consumer gets a message with TTL 0 or over x-max-length 0; nobody waiting: gone', () => {
    const r = run([
      { op: 'declareQueue', queue: 't0', arguments: { 'x-message-ttl': 0 } },
      { op: 'declareQueue', queue: 'ml0', arguments: { 'x-max-length': 0 } },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 't0', 'nobody'),
      pub('c', '', 'ml0', 'nobody'),
      { op: 'consume', channel: 'c', queue: 't0', consumerTag: 'a', noAck: true },
      { op: 'consume', channel: 'c', queue: 'ml0', consumerTag: 'b', noAck: true },
      pub('c', '', 't0', 'taken'),
      pub('c', '', 'ml0', 'taken2'),
      { op: 'queueStats', queue: 't0' },
      { op: 'queueStats', queue: 'ml0' },
    ]);
    expect(bodies(r)).toEqual(['taken', 'taken2']);
    expect(ofKind(r, 'queueStats').map((s) => s.messages)).toEqual([0, 0]);
  });

  it('quorum: reject-publish-dlx acts as drop-head; a consumer on a channel with global qos is 540', () => {
    const r = run([
      { op: 'declareQueue', queue: 'qg', durable: true, arguments: { 'x-queue-type': 'quorum' } },
      {
        op: 'declareQueue',
        queue: 'rp',
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-max-length': 1,
          'x-overflow': 'reject-publish-dlx',
        },
      },
      { op: 'openChannel', channel: 'p', confirm: true },
      pub('p', '', 'rp', 'a'),
      pub('p', '', 'rp', 'b'),
      { op: 'queueStats', queue: 'rp' },
      { op: 'openChannel', channel: 'g', prefetchGlobal: 2 },
      { op: 'consume', channel: 'g', queue: 'qg', consumerTag: 't' },
    ]);
    expect(ofKind(r, 'confirm').map((c) => c.ack)).toEqual([true, true]);
    expect(stats(r, 'rp')?.messages_ready).toBe(1);
    expect(ofKind(r, 'connectionError')).toEqual([
      {
        kind: 'connectionError',
        step: 7,
        code: 540,
        text: "NOT_IMPLEMENTED - queue 'qg' in vhost '/' does not support global qos",
      },
    ]);
  });

  it('auto-delete goes with the last consumer; internal exchanges and bad expirations are refused', () => {
    const r = run([
      { op: 'declareQueue', queue: 'ad', autoDelete: true },
      { op: 'openChannel', channel: 'c' },
      pub('c', '', 'ad', 'm1'),
      { op: 'consume', channel: 'c', queue: 'ad', consumerTag: 't' },
      { op: 'cancel', channel: 'c', consumerTag: 't' },
      { op: 'ack', channel: 'c', deliveryTag: 1 },
      { op: 'openChannel', channel: 'd' },
      { op: 'get', channel: 'd', queue: 'ad' },
      { op: 'declareExchange', exchange: 'int', type: 'fanout', internal: true },
      { op: 'openChannel', channel: 'e' },
      pub('e', 'int', '', 'x'),
      { op: 'openChannel', channel: 'f' },
      pub('f', '', 'none', 'x', { expiration: '-5' }),
      { op: 'openChannel', channel: 'g' },
      pub('g', '', 'none', 'x', { expiration: '10x' }),
    ]);
    expect(ofKind(r, 'channelError').map((e) => [e.channel, e.code, e.text])).toEqual([
      ['d', 404, "NOT_FOUND - no queue 'ad' in vhost '/'"],
      ['e', 403, "ACCESS_REFUSED - cannot publish to internal exchange 'int' in vhost '/'"],
      ['f', 406, "PRECONDITION_FAILED - invalid expiration '-5': {value_negative,-5}"],
      ['g', 406, 'PRECONDITION_FAILED - invalid expiration \'10x\': {leftover_string,"x"}'],
    ]);
  });
});
