/**
 * Property tests over random scripts. Replay a failure: fast-check prints `seed` and `path`;
 * pass them back, e.g. fc.assert(prop, { seed, path, endOnFailure: true }).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amqpDigest } from './digest';
import { evolveAmqp } from './evolve';
import { runAmqpScriptDetailed, type AmqpRunResult } from './runScript';
import type { AmqpOp } from './script';
import { busyScript, script } from './testArbitraries';
import { initialAmqpState, readyCount } from './state';

const SEED = 424242;
function checkCounts(r: AmqpRunResult): void {
  const s = r.state;
  for (const q of s.queues.values()) {
    const held = [...s.channels.values()].reduce(
      (n, ch) => n + [...ch.unacked.values()].filter((u) => u.queue === q.name).length,
      0,
    );
    expect(q.unacked).toBe(held);
    expect(q.readyBytes).toBe([...q.ready, ...q.returns].reduce((n, m) => n + m.msg.bytes, 0));
    expect(readyCount(q)).toBeGreaterThanOrEqual(0);
    for (const key of [...q.consumers, ...q.blocked])
      expect(s.consumers.get(key)?.queue).toBe(q.name);
    // A blocked consumer is one that cannot take a message (else it would be back in turn).
    for (const key of q.blocked) {
      const c = s.consumers.get(key);
      const ch = c && s.channels.get(c.channel);
      expect(c !== undefined && ch !== undefined && !c.noAck).toBe(true);
      if (c && ch) {
        const full =
          (ch.prefetch > 0 && c.unacked >= ch.prefetch) ||
          (ch.prefetchGlobal > 0 && ch.consumerUnacked >= ch.prefetchGlobal);
        expect(full).toBe(true);
      }
    }
  }
  for (const ch of s.channels.values()) {
    const cu = [...ch.unacked.values()].filter((u) => u.consumerTag !== null).length;
    expect(ch.consumerUnacked).toBe(cu);
  }
}

describe('AMQP broker properties (seeded)', () => {
  it('random scripts never throw; fold(events) = live state; counts add up; tags increase', () => {
    fc.assert(
      fc.property(fc.oneof(script, busyScript), (sc) => {
        const r = runAmqpScriptDetailed(sc);
        // State = fold(events)
        const folded = initialAmqpState(sc.profile);
        for (const e of r.events) evolveAmqp(folded, e);
        expect(amqpDigest(folded)).toBe(amqpDigest(r.state));
        checkCounts(r);
        // Delivery tags per channel: 1, 2, 3 … from each open.
        const next = new Map<string, number>();
        for (const e of r.events) {
          if (e.type === 'amqp.channelOpened') next.set(e.channel, 1);
          if (e.type === 'amqp.delivered') {
            expect(e.deliveryTag).toBe(next.get(e.channel));
            next.set(e.channel, e.deliveryTag + 1);
          }
        }
        // A message enters each queue at most once (copies made by dead-lettering are new ids).
        for (const e of r.events) {
          if (e.type === 'amqp.published' || e.type === 'amqp.deadLettered') {
            expect(new Set(e.queues).size).toBe(e.queues.length);
            for (const q of e.rejectedBy) expect(e.queues).not.toContain(q);
          }
        }
        const ids = r.events.flatMap((e) =>
          e.type === 'amqp.published' || e.type === 'amqp.deadLettered' ? [e.message.id] : [],
        );
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('garbage input never throws and every problem names a path', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 5 }), (junk, ops) => {
        const a = runAmqpScriptDetailed(junk);
        const b = runAmqpScriptDetailed({ ops });
        for (const p of [...a.problems, ...b.problems])
          expect(p).toMatch(/^(\$|ops|profile|step \d+)/);
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
  });

  it('manual ack, no faults: every routed message is delivered until acked', () => {
    const plain = fc.record({
      prefetch: fc.integer({ min: 0, max: 3 }),
      consumers: fc.integer({ min: 1, max: 3 }),
      steps: fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('pub' as const),
            key: fc.constantFrom('a.x', 'b.x', 'a.y'),
          }),
          fc.record({
            kind: fc.constant('ack' as const),
            ch: fc.integer({ min: 0, max: 2 }),
            tag: fc.integer({ min: 1, max: 8 }),
          }),
          fc.record({
            kind: fc.constant('nack' as const),
            ch: fc.integer({ min: 0, max: 2 }),
            tag: fc.integer({ min: 1, max: 8 }),
          }),
        ),
        { maxLength: 40 },
      ),
    });
    fc.assert(
      fc.property(plain, ({ prefetch, consumers, steps }) => {
        const ops: AmqpOp[] = [
          { op: 'declareExchange', exchange: 't', type: 'topic' },
          { op: 'declareQueue', queue: 'qa' },
          { op: 'declareQueue', queue: 'qx' },
          {
            op: 'bind',
            source: 't',
            destination: 'qa',
            destinationType: 'queue',
            routingKey: 'a.*',
          },
          {
            op: 'bind',
            source: 't',
            destination: 'qx',
            destinationType: 'queue',
            routingKey: '*.x',
          },
          { op: 'openChannel', channel: 'p' },
        ];
        for (let i = 0; i < consumers; i++) {
          ops.push({ op: 'openChannel', channel: `c${i}`, prefetch });
          ops.push({
            op: 'consume',
            channel: `c${i}`,
            queue: i % 2 === 0 ? 'qa' : 'qx',
            consumerTag: `t${i}`,
          });
          ops.push({
            op: 'consume',
            channel: `c${i}`,
            queue: i % 2 === 0 ? 'qx' : 'qa',
            consumerTag: `u${i}`,
          });
        }
        let n = 0;
        for (const st of steps) {
          if (st.kind === 'pub')
            ops.push({
              op: 'publish',
              channel: 'p',
              exchange: 't',
              routingKey: st.key,
              body: `m${n++}`,
            });
          else if (st.ch < consumers) {
            // Only tags that exist, so no channel error (no faults).
            ops.push({
              op: st.kind,
              channel: `c${st.ch}`,
              deliveryTag: 0,
              multiple: true,
            } as AmqpOp);
          }
        }
        // Drain: ack everything outstanding until nothing is left.
        for (let round = 0; round < 200; round++) {
          for (let i = 0; i < consumers; i++)
            ops.push({ op: 'ack', channel: `c${i}`, deliveryTag: 0, multiple: true });
        }
        const r = runAmqpScriptDetailed({ ops });
        expect(r.problems).toEqual([]);
        expect(r.observations.filter((o) => o.kind === 'channelError')).toEqual([]);
        const routed = new Set<string>();
        for (const e of r.events)
          if (e.type === 'amqp.published')
            for (const q of e.queues) routed.add(`${e.message.id}/${q}`);
        const acked = new Set<string>();
        const delivered = new Map<string, string>();
        for (const e of r.events) {
          if (e.type === 'amqp.channelOpened')
            for (const k of [...delivered.keys()])
              if (k.startsWith(`${e.channel}#`)) delivered.delete(k);
          if (e.type === 'amqp.delivered')
            delivered.set(`${e.channel}#${e.deliveryTag}`, `${e.message.id}/${e.queue}`);
          if (e.type === 'amqp.acked')
            for (const t of e.deliveryTags) acked.add(delivered.get(`${e.channel}#${t}`) as string);
        }
        expect([...acked].sort()).toEqual([...routed].sort());
        for (const q of r.state.queues.values()) expect(readyCount(q) + q.unacked).toBe(0);
      }),
      { seed: SEED + 2, numRuns: 200 },
    );
  });
});
