/**
 * Every problem the scenario validator can report has a message in both languages, and the
 * problems real malformed scenarios produce render completely (no `{param}` left unfilled),
 * still naming the JSON path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_LIMITS,
  COST_PROBLEM_CODES,
  costIssues,
  estimateCost,
  parseScenario,
  parseScenarioJson,
  SCENARIO_ERROR_CODES,
  type ScenarioError,
} from '../engine';
import { acceptedScenarioArb, mutate, mutationArb } from '../engine/scenario/arbitraries';
import { catalogs } from '../i18n/catalog';
import { renderMsg } from '../i18n/translate';
import { LOCALES } from '../i18n/types';
import { amqpScenario } from '../engine/scenario/amqpFixture';
import orderFlow from '../scenarios/order-flow.json';
import {
  COST_PROBLEM_KEYS,
  costProblemMsg,
  problemMsg,
  SCENARIO_ERROR_KEYS,
  scenarioErrorMsg,
} from './validationText';

const SEED = 20261201;
const UNFILLED = /\{[A-Za-z_][\w]*(,[^}]*)?\}/;

/** Asserts an error has a code and renders fully, with its path, in every locale. */
function checkRendered(e: ScenarioError): void {
  expect(e.code, `${e.path}: ${e.message} has no code`).toBeDefined();
  expect(SCENARIO_ERROR_CODES).toContain(e.code);
  for (const locale of LOCALES) {
    const text = renderMsg(locale, scenarioErrorMsg(e));
    expect(text.startsWith(e.path), `${locale}: ${text}`).toBe(true);
    expect(text, `${locale}: ${text}`).not.toMatch(UNFILLED);
  }
}

/** The UI groups thousands ("10,000"); the engine's English does not everywhere. */
const ungrouped = (t: string) => t.replace(/(\d),(?=\d{3})/g, '$1');

const clone = () => structuredClone(orderFlow) as Record<string, any>;
function errorsOf(mutate: (s: Record<string, any>) => void): ScenarioError[] {
  const s = clone();
  mutate(s);
  const r = parseScenario(s);
  if (r.ok) throw new Error(`expected errors from ${mutate.toString()}`);
  return r.errors;
}

/** The document replaced by the version 2 fixture (to break its amqp section). */
const v2 = (s: Record<string, any>): Record<string, any> => Object.assign(s, amqpScenario());

/** The malformed scenarios of parse.test.ts, and more, so that most codes are exercised. */
const MALFORMED: ((s: Record<string, any>) => void)[] = [
  (s) => (s.topics[1].partitions = 2.5),
  (s) => (s.groups[1].config['max.poll.records'] = 0),
  (s) => (s.groups[0].topics = ['nope']),
  (s) => (s.producers[0].topic = 'missing'),
  (s) => (s.faults[0].member = 'payment-9'),
  (s) => (s.groups[0].colour = 'red'),
  (s) => (s.groups[2].id = 'inventory'),
  (s) => (s.producers[0].rate.kind = 'bursty'),
  (s) => (s.groups[1].config = { 'heartbeat.interval.ms': 5000, 'session.timeout.ms': 3000 }),
  (s) => {
    s.topics[0].partitions = -1;
    s.producers[0].rate.perSec = 'fast';
  },
  (s) => (s.version = 3),
  (s) => delete s.version,
  (s) => (s.name = ''),
  (s) => (s.name = 7),
  (s) => (s.topics = {}),
  (s) => (s.topics[0] = []),
  (s) => (s.topics[0].name = 'bad name!'),
  (s) => (s.topics[1].name = s.topics[0].name),
  (s) => (s.producers[1] = { ...s.producers[1], id: s.producers[0].id }),
  (s) => (s.producers[0].partition = 99),
  (s) => {
    s.producers[0].stopMs = 1;
    s.producers[0].startMs = 5;
  },
  (s) => (s.producers[0].keys = { kind: 'fixed', keys: [] }),
  (s) => (s.groups[0].topics = []),
  (s) => (s.groups[0].members = [{ id: 'a' }, { id: 'a' }]),
  (s) => (s.faults[0].group = 'ghost'),
  (s) => (s.faults = [{ kind: 'brokerDown', atMs: 1, broker: 9 }]),
  (s) => (s.faults = [{ kind: 'ackLoss', atMs: 1, producer: 'ghost' }]),
  (s) => (s.faults = [{ kind: 'networkPartition', atMs: 1, between: ['x'], durationMs: 5 }]),
  (s) => (s.faults = [{ kind: 'networkPartition', atMs: 1, between: ['x', 'y'], durationMs: 5 }]),
  (s) => {
    s.cluster = { brokers: 1 };
    s.topics[0]['replication.factor'] = 3;
  },
  (s) => (s.topics[0]['min.insync.replicas'] = 2),
  (s) => (s.producers[0].config = { 'enable.idempotence': true, retries: 0, acks: '1' }),
  (s) =>
    (s.producers[0].config = {
      'enable.idempotence': true,
      'max.in.flight.requests.per.connection': 6,
    }),
  (s) => (s.producers[0].config = { 'enable.idempotence': 'yes' }),
  (s) => (s.seed = -1),
  (s) => (s.durationMs = 0),
  (s) => (s.topics = new Array(10_000).fill({ name: 't', partitions: 1 })),
  (s) => (s.description = 'x'.repeat(6000)),
  // Version 2: the amqp section (the fixture, broken one thing at a time).
  (s) => Object.assign(s, amqpScenario(), { version: 1 }),
  (s) => (v2(s).amqp.exchanges[0].name = 'amq.logs'),
  (s) => (v2(s).amqp.queues[1].durable = false),
  (s) => (v2(s).amqp.queues[1].arguments['x-overflow'] = 'reject-publish-dlx'),
  (s) => delete v2(s).amqp.queues[1].arguments['x-dead-letter-exchange'],
  (s) => (v2(s).amqp.queues[0].arguments['x-delivery-limit'] = 2),
  (s) => (v2(s).amqp.publishers[0].routingKey.weights = [1]),
  (s) => (v2(s).amqp.publishers[1].routingKey = '{a'),
  (s) => (v2(s).amqp.exchanges[1].name = 'logs_topic'),
  (s) => (v2(s).amqp.consumers[0].queue = 'nope'),
  (s) => (v2(s).amqp.bindings[0].source = ''),
  (s) => (v2(s).faults[1].member = 'errors-9'),
  (s) => (v2(s).groups[0].handlers[0].emit[0].topic = 'orders'),
  (s) => (v2(s).amqp.queues[3].name = '日'.repeat(86)),
];

describe('validation messages by code', () => {
  it('every engine code has a message in both languages', () => {
    for (const code of SCENARIO_ERROR_CODES) {
      const key = SCENARIO_ERROR_KEYS[code];
      expect(catalogs.en[key], code).toBeTypeOf('string');
      expect(catalogs['zh-CN'][key], code).toBeTypeOf('string');
    }
    for (const code of COST_PROBLEM_CODES) {
      const key = COST_PROBLEM_KEYS[code];
      expect(catalogs.en[key], code).toBeTypeOf('string');
      expect(catalogs['zh-CN'][key], code).toBeTypeOf('string');
    }
    expect(Object.keys(SCENARIO_ERROR_KEYS).sort()).toEqual([...SCENARIO_ERROR_CODES].sort());
  });

  it('every error of the malformed scenarios has a code and renders in both languages', () => {
    const seen = new Set<string>();
    for (const m of MALFORMED)
      for (const e of errorsOf(m)) {
        checkRendered(e);
        seen.add(e.code!);
      }
    for (const text of ['{"version": 1,', '[[[[[[[[', `{"a": ${'['.repeat(100)}`])
      for (const e of (parseScenarioJson(text) as { errors: ScenarioError[] }).errors) {
        checkRendered(e);
        seen.add(e.code!);
      }
    // Most codes are reached by these files (the rest by the property below and engine tests).
    expect(seen.size).toBeGreaterThanOrEqual(30);
  });

  it('renders the same problem differently per language, path unchanged', () => {
    const [e] = errorsOf((s) => (s.groups[1].config['max.poll.records'] = 0));
    expect(renderMsg('en', scenarioErrorMsg(e!))).toBe(
      '$.groups[1].config["max.poll.records"]: must be ≥ 1, got 0',
    );
    expect(renderMsg('zh-CN', scenarioErrorMsg(e!))).toBe(
      '$.groups[1].config["max.poll.records"]：必须 ≥ 1，给出的是 0',
    );
    const [t] = errorsOf((s) => (s.producers[0].topic = 'missing'));
    expect(renderMsg('zh-CN', problemMsg(t!))).toBe('未知主题 "missing"（请在 $.topics 中声明）');
  });

  it('the English catalog says what the engine says (codes whose wording is the same)', () => {
    // These add a figure the engine's English leaves out, or word the loop language-free.
    const reworded = new Set([
      'idempotenceAcks',
      'idempotenceInFlight',
      'stopBeforeStart',
      'instantLoop',
      'routingKeyTemplate',
    ]);
    for (const m of MALFORMED)
      for (const e of errorsOf(m))
        // A missing value reads "got nothing" (the engine writes "got undefined").
        if (!reworded.has(e.code!) && e.params?.gotKind !== 'missing')
          expect(ungrouped(renderMsg('en', problemMsg(e)))).toBe(e.message);
  });

  it('an error without a code is shown by its English message', () => {
    const e: ScenarioError = { path: '$.steps[0]', message: 'must have narration' };
    for (const locale of LOCALES)
      expect(renderMsg(locale, scenarioErrorMsg(e))).toMatch(
        /^\$\.steps\[0\][:：] ?must have narration$/,
      );
  });

  it('random malformed scenarios: every error has a code and renders fully (seeded)', () => {
    console.log(`validationText property seed ${SEED}`);
    fc.assert(
      fc.property(
        acceptedScenarioArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (doc, ms) => {
          const bad = ms.reduce((d, m) => mutate(d, m), doc);
          const r = parseScenario(bad);
          if (!r.ok) for (const e of r.errors) checkRendered(e);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('cost problems render in both languages with their figures', () => {
    const s = clone();
    s.topics[0].partitions = 10_000;
    s.topics.push(...Array.from({ length: 9 }, (_, i) => ({ name: `t${i}`, partitions: 10_000 })));
    const parsed = parseScenario(s);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const issues = costIssues(estimateCost(parsed.scenario), BROWSER_LIMITS);
    expect(issues.map((i) => i.code)).toContain('partitions');
    for (const p of issues)
      for (const locale of LOCALES)
        expect(renderMsg(locale, costProblemMsg(p))).not.toMatch(UNFILLED);
    const zh = renderMsg('zh-CN', costProblemMsg(issues.find((i) => i.code === 'partitions')!));
    const c = estimateCost(parsed.scenario);
    expect(zh).toContain(`${c.topics} 个主题共 ${c.partitions.toLocaleString('en-US')} 个分区`);
    expect(zh).toContain('浏览器中最多可运行 50,000 个分区');
  });
});
