/**
 * The timeline with RabbitMQ in the run: over random mixed scenarios (Kafka's random groups and
 * faults beside a random RabbitMQ broker with its faults), recording in slices keeps the log of
 * a straight run, stateAt(i) equals the fold from zero at random i, and a fork that adds a
 * RabbitMQ fault (a broker restart, a consumer crash) folds to its own states and leaves the
 * prefix to its parent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve, fold, parseScenario, stateDigest, type Scenario } from '../engine';
import { scenarioArb } from '../engine/test/arbitraries';
import { amqpScenarioArb } from '../insight/test/amqpArb';
import { Timeline } from './timeline';
import { FC_SEED, reference } from './testUtil';

/** Kafka's random scenario with a random RabbitMQ broker beside it: one run, both systems. */
const mixedArb: fc.Arbitrary<Scenario> = fc
  .tuple(scenarioArb(), amqpScenarioArb)
  .map(([kafka, rabbit]) => {
    const faults = [...kafka.faults, ...rabbit.faults].sort((a, b) => a.atMs - b.atMs);
    const raw = { ...kafka, version: 2, amqp: rabbit.amqp, faults };
    const p = parseScenario(raw);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.scenario;
  });

describe('the timeline with RabbitMQ in the run', () => {
  it('stateAt(i) equals the fold from zero, for random i over random mixed runs with faults', () => {
    fc.assert(
      fc.property(
        mixedArb,
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(0, 8, 1e9),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (scenario, blockEvents, snapshotBytesPerEvent, picks) => {
          const ref = reference(scenario, 1500);
          expect(ref.events.some((e) => e.type.startsWith('amqp.'))).toBe(true);
          const run = new Timeline({ blockEvents, snapshotBytesPerEvent }).start(scenario);
          for (const ms of [0, 1, 333, 900, 1500]) run.record(ms * 1000);
          expect(run.length).toBe(ref.events.length);
          expect(run.logHash()).toBe(ref.summary.logHash);
          for (const p of [...picks, 0, 1]) {
            const i = Math.floor(p * run.length);
            expect(stateDigest(run.stateAt(i)), `i=${i}`).toBe(
              stateDigest(fold(ref.model, ref.events, i)),
            );
          }
          // The events read back are the events recorded (RabbitMQ's nested messages too).
          const k = Math.floor(picks[0]! * run.length);
          expect(JSON.stringify(run.events(k, Math.min(run.length, k + 200)))).toBe(
            JSON.stringify(ref.events.slice(k, k + 200)),
          );
        },
      ),
      { numRuns: 30, seed: FC_SEED },
    );
  });

  it('a fork adding a RabbitMQ fault folds to its own states and keeps its parent’s prefix', () => {
    fc.assert(
      fc.property(
        mixedArb,
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (scenario, p, q, restart) => {
          const tl = new Timeline({ blockEvents: 53 });
          const root = tl.start(scenario);
          root.record(1_000_000);
          const i = Math.floor(p * root.length);
          const atMs = Math.ceil(root.timeAtIndexUs(Math.min(i, root.length - 1)) / 1000) + 1;
          const c = scenario.amqp!.consumers[0]!;
          const fork = tl.fork(root.id, i, {
            kind: 'addFault',
            fault: restart
              ? { kind: 'rabbitmqRestart', atMs }
              : { kind: 'crash', atMs, group: c.id, member: `${c.id}-1` },
          });
          fork.record(1_000_000);
          const at = fork.origin!.at;
          const s = fork.stateAt(at);
          const j = at + Math.floor(q * (fork.length - at));
          const cur = fork.cursor(at);
          for (let k = at; k < j; k++) evolve(s, cur.next()!);
          expect(stateDigest(fork.stateAt(j))).toBe(stateDigest(s));
          // Strictly before the fork point the fork answers with its parent's states (at the
          // point itself its state is rebased onto the changed scenario: a new fault scheduled).
          if (at > 0) {
            const before = Math.floor((at - 1) / 2);
            expect(stateDigest(fork.stateAt(before))).toBe(stateDigest(root.stateAt(before)));
          }
        },
      ),
      { numRuns: 20, seed: FC_SEED },
    );
  });
});
