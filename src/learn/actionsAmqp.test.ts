/**
 * diffScenarios inside `amqp`: a changed RabbitMQ setting is one `set` addressed by entity name
 * (`amqp.consumers[id=workers].prefetch`), as a challenge counts moves; the diff applied to the
 * start gives the edited scenario back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../engine';
import { renderMsg } from '../i18n';
import { builtInScenarios } from '../scenarios';
import { applyActions, diffScenarios, jsonEqual } from './actions';
import type { Action } from './types';

const SEED = 4040;

function load(id: string): Scenario {
  const p = parseScenario(builtInScenarios[id]);
  if (!p.ok) throw new Error(id);
  return p.scenario;
}

describe('diffScenarios in the amqp section', () => {
  it('one setting of a consumer, a queue argument, a binding key: one set each, by name', () => {
    const s = load('rabbitmq-work-queue');
    const edits: Action[] = [{ op: 'set', path: 'amqp.consumers[id=workers].prefetch', value: 0 }];
    const r = applyActions(s, edits);
    expect(r.ok).toBe(true);
    if (r.ok) expect(diffScenarios(s, r.scenario)).toEqual(edits);
    const logs = load('rabbitmq-logs-topic');
    const e2: Action[] = [
      { op: 'set', path: 'amqp.bindings[destination=errors].routingKey', value: '*.error' },
    ];
    const r2 = applyActions(logs, e2);
    expect(r2.ok).toBe(true);
    if (r2.ok) expect(diffScenarios(logs, r2.scenario)).toEqual(e2);
  });

  it('applyActions(a, diff(a, b)) = b for random RabbitMQ edits, never longer than the edits (seeded property)', () => {
    const ids = [
      'rabbitmq-logs-topic',
      'rabbitmq-work-queue',
      'rabbitmq-retry-with-delay',
      'rabbitmq-poison-message',
    ];
    const edit = fc.oneof(
      fc.integer({ min: 0, max: 50 }).map((n) => ({ kind: 'prefetch' as const, n })),
      fc.integer({ min: 1, max: 5000 }).map((n) => ({ kind: 'ttl' as const, n })),
      fc.constantFrom('#', 'a.*', '*.b', 'x.#.y').map((k) => ({ kind: 'key' as const, k })),
      fc.integer({ min: 1, max: 500 }).map((n) => ({ kind: 'rate' as const, n })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.array(edit, { maxLength: 4 }), (id, es) => {
        const a = load(id);
        const am = a.amqp!;
        const actions: Action[] = es.map((e) => {
          if (e.kind === 'prefetch')
            return {
              op: 'set',
              path: `amqp.consumers[id=${am.consumers[0]!.id}].prefetch`,
              value: e.n,
            };
          if (e.kind === 'ttl')
            return {
              op: 'set',
              path: `amqp.queues[name=${am.queues[0]!.name}].arguments["x-message-ttl"]`,
              value: e.n,
            };
          if (e.kind === 'key')
            return {
              op: 'set',
              path: `amqp.publishers[id=${am.publishers[0]!.id}].routingKey`,
              value: e.k,
            };
          return {
            op: 'set',
            path: `amqp.publishers[id=${am.publishers[0]!.id}].rate.perSec`,
            value: e.n,
          };
        });
        const b = applyActions(a, actions);
        if (!b.ok) throw new Error(renderMsg('en', b.error));
        const d = diffScenarios(a, b.scenario);
        expect(d.length).toBeLessThanOrEqual(actions.length);
        for (const x of d) expect(x.op === 'set' && x.path.startsWith('amqp.')).toBe(true);
        const again = applyActions(a, d);
        expect(again.ok && jsonEqual(again.scenario, b.scenario)).toBe(true);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});
