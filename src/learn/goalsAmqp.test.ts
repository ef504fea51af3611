/**
 * Goals over RabbitMQ's counters (`amqp.<field>` of the summary's amqp): parsed, published in
 * both JSON Schemas, evaluated on a run's summary.amqp, unknown in a run without RabbitMQ.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Summary } from '../engine';
import { renderMsg } from '../i18n';
import { builtInScenarios } from '../scenarios';
import { AMQP_COUNTERS, evaluateGoal, parseGoal, SUMMARY_COUNTERS, type RunResult } from './goals';
import type { Goal } from './types';

const SEED = 3030;
const en = (m: Parameters<typeof renderMsg>[1]) => renderMsg('en', m);
const schemaEnum = (file: string): string[] => {
  const text = readFileSync(new URL(`../../public/${file}`, import.meta.url), 'utf8');
  const m = /"summary": \{\s*"enum": \[([^\]]*)\]/.exec(text);
  return JSON.parse(`[${m![1]}]`) as string[];
};
const resultOf = (summary: Summary): RunResult => ({
  summary,
  peak: summary,
  anomalies: [],
  events: summary.events,
});

function run(id: string): RunResult {
  const p = parseScenario(builtInScenarios[id]);
  if (!p.ok) throw new Error(id);
  return resultOf(simulate(p.scenario, { keepEvents: false }).summary);
}

describe('goals over RabbitMQ counters', () => {
  it('every summary.amqp counter a goal names exists in the summary; both schemas list them', () => {
    const r = run('rabbitmq-logs-topic');
    for (const c of AMQP_COUNTERS) {
      expect(SUMMARY_COUNTERS).toContain(c);
      expect(typeof r.summary.amqp![c.slice(5) as keyof NonNullable<Summary['amqp']>], c).toBe(
        'number',
      );
    }
    expect(schemaEnum('challenge.schema.json')).toEqual([...SUMMARY_COUNTERS]);
    expect(schemaEnum('lesson.schema.json')).toEqual([...SUMMARY_COUNTERS]);
  });

  it('parses them for the whole run only (not per group)', () => {
    expect(parseGoal({ summary: 'amqp.lost', op: '==', value: 0 }).ok).toBe(true);
    const g = parseGoal({ summary: 'amqp.lost', op: '==', value: 0, group: 'x' });
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.errors[0]!.message).toMatch(/whole run/);
    expect(parseGoal({ summary: 'amqp.nope', op: '==', value: 0 }).ok).toBe(false);
  });

  it('evaluates against summary.amqp, the value and the need in the feedback (seeded property)', () => {
    const r = run('rabbitmq-logs-topic');
    const unroutable = r.summary.amqp!.unroutable;
    expect(unroutable).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.constantFrom(...AMQP_COUNTERS),
        fc.constantFrom('<', '<=', '==', '!=', '>=', '>' as const),
        fc.integer({ min: -5, max: 300 }),
        (counter, op, value) => {
          const x = r.summary.amqp![counter.slice(5) as keyof NonNullable<Summary['amqp']>];
          const want =
            op === '<'
              ? x < value
              : op === '<='
                ? x <= value
                : op === '=='
                  ? x === value
                  : op === '!='
                    ? x !== value
                    : op === '>='
                      ? x >= value
                      : x > value;
          const e = evaluateGoal({ summary: counter, op, value } as Goal, r);
          expect(e.ok).toBe(want);
          expect(en(e.feedback)).toContain(String(x));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    expect(
      en(evaluateGoal({ summary: 'amqp.unroutable', op: '==', value: 0 }, r).feedback),
    ).toMatch(/not yet: unroutable messages/);
  });

  it('is unknown (never met) in a run without RabbitMQ', () => {
    const r = run('crash-before-commit');
    expect(r.summary.amqp).toBeUndefined();
    const e = evaluateGoal({ summary: 'amqp.lost', op: '==', value: 0 }, r);
    expect(e.ok).toBe(false);
  });
});
