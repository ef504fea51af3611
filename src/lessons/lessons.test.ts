/// <reference types="vite/client" />
/**
 * The shipped lessons: each parses, each step resolves to a scenario the engine runs, every
 * link points at something that exists in that step, both languages carry the same links,
 * every task starts unsolved and its reference answer (claims.ts) solves it within the task's
 * `allow`, and every number the narration shows is measured on the step's run (claims.ts):
 * a wrong number fails the suite.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../engine';
import { detectAnomalies } from '../insight';
import { applyActions, matchesAllow } from '../learn/actions';
import { evaluateGoal, runForCheck } from '../learn/goals';
import { parseLesson, resolveLessonSteps } from '../learn/lesson';
import { parseMarkdown, type Inline } from '../learn/markdown';
import type { Lesson, Localized } from '../learn/types';
import { builtInScenarios } from '../scenarios';
import { challengeIds } from '../challenges';
import { causes, claims, solutions, type StepRun } from './claims';
import { lessons } from './index';

/** The challenges helper G ships; every lesson ends with one of them. */
const CHALLENGES = new Set(challengeIds);
const ORDER = [
  'events-and-topics',
  'partitions-and-ordering',
  'consumer-groups-and-rebalances',
  'commit-placement',
  'idempotent-consumers',
  'acks-replication-and-the-isr',
  'producer-retries-and-idempotence',
  'hot-partitions-and-key-design',
  'eventual-consistency-of-read-models',
  'rabbitmq-exchanges-and-routing',
  'rabbitmq-acks-prefetch-and-redelivery',
  'rabbitmq-dead-lettering-ttl-and-retries',
  'rabbitmq-poison-messages-and-delivery-limits',
  'kafka-to-rabbitmq-bridge',
  'exactly-once-with-transactions',
  'retention-outruns-a-slow-consumer',
  'a-compacted-topic-as-a-table',
  'adding-partitions-breaks-key-order',
  'optimistic-concurrency-two-writers',
  'stale-reads-and-read-your-writes',
  'projection-crash-double-count',
  'rebuilding-a-read-model',
  'upcasting-event-versions',
];
/** fast-check seed (pinned so runs repeat; fast-check prints it on failure). */
const SEED = 1010;
const ANOMALY_KINDS = new Set(['duplicate', 'reordered', 'lost', 'stuck']);

const builtIn = (id: string): Scenario | undefined => {
  if (!Object.hasOwn(builtInScenarios, id)) return undefined;
  const r = parseScenario(builtInScenarios[id]);
  return r.ok ? r.scenario : undefined;
};

/** Links in Markdown: `[text](target)`. */
export const linkTargets = (md: string): string[] =>
  [...md.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

/**
 * The numbers a reader sees in a text: link targets are dropped (they are checked as links),
 * identifiers with digits (payment-1, murmur2, order-7) are not numbers; "1,500" is 1500 and
 * "600ms" is 600.
 */
export function numbersIn(text: string): number[] {
  const visible = text.replace(/\]\([^)\s]*\)/g, ']');
  const out: number[] = [];
  for (const tok of visible.match(/[\w.,-]*\d[\w.,-]*/g) ?? []) {
    const t = tok.replace(/[.,]+$/, '').replace(/^[.,]+/, '');
    const unit = /^(\d[\d,]*(?:\.\d+)?)(ms|s)?$/.exec(t);
    if (!unit) continue; // an identifier: payment-1, murmur2, v2
    out.push(Number(unit[1]!.replace(/,/g, '')));
  }
  return out;
}

const texts = (l: Localized): string[] => [l.en, l['zh-CN']];

/** What the player's Markdown makes of a text: its link hrefs (null target: not followed) and plain text. */
function rendered(md: string): { links: { href: string; ok: boolean }[]; text: string } {
  const links: { href: string; ok: boolean }[] = [];
  let text = '';
  const walk = (xs: Inline[]): void => {
    for (const x of xs) {
      if (x.t === 'text') text += x.text;
      else if (x.t === 'link') {
        links.push({ href: x.href, ok: x.target !== null });
        walk(x.children);
      } else if (x.t === 'strong' || x.t === 'em') walk(x.children);
    }
  };
  for (const b of parseMarkdown(md)) {
    if (b.t === 'p') walk(b.children);
    else for (const item of b.items) walk(item);
  }
  return { links, text };
}

function runStep(scenario: Scenario): StepRun {
  const r = simulate(scenario);
  const cache = new Map<number, ReturnType<typeof simulate>['summary']>();
  return {
    scenario,
    summary: r.summary,
    events: r.events,
    anomalies: detectAnomalies(r.model, r.events),
    at: (ms) => {
      let s = cache.get(ms);
      if (!s) cache.set(ms, (s = simulate(scenario, { untilMs: ms, keepEvents: false }).summary));
      return s;
    },
  };
}

const parsed: Lesson[] = lessons.map((raw, i) => {
  const r = parseLesson(raw);
  if (!r.ok)
    throw new Error(`lesson ${i}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.lesson;
});

describe('shipped lessons', () => {
  it('index.ts exports every lesson file in this folder', () => {
    const files = Object.values(
      import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' }),
    );
    expect(files).toHaveLength(lessons.length);
    for (const f of files) expect(lessons).toContain(f);
  });

  it('are the nine Kafka lessons, the four RabbitMQ lessons, the Kafka-to-RabbitMQ bridge, exactly-once with transactions and retention, in teaching order, each ending with a known challenge', () => {
    expect(parsed.map((l) => l.id)).toEqual(ORDER);
    for (const l of parsed) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(6);
      expect(
        l.challenge !== undefined && CHALLENGES.has(l.challenge),
        `${l.id}: ${l.challenge}`,
      ).toBe(true);
      for (const t of [l.title, l.summary])
        expect(numbersIn(t.en).concat(numbersIn(t['zh-CN']))).toEqual([]);
    }
  });

  for (const lesson of parsed) {
    describe(lesson.id, () => {
      const resolved = resolveLessonSteps(lesson, builtIn);
      it('every step resolves to a scenario', () => {
        expect(resolved.ok ? [] : resolved.errors).toEqual([]);
      });
      if (!resolved.ok) return;
      const lessonClaims = claims[lesson.id] ?? [];

      lesson.steps.forEach((step, i) => {
        const scenario = resolved.scenarios[i]!;
        const duration = scenario.durationMs ?? 10_000;
        const names = new Set([
          ...scenario.topics.map((t) => t.name),
          ...scenario.producers.map((p) => p.id),
          ...scenario.groups.map((g) => g.id),
          // RabbitMQ: the canvas names exchanges and queues by name, publishers and consumers by id.
          ...(scenario.amqp?.exchanges.map((x) => x.name) ?? []),
          ...(scenario.amqp?.queues.map((q) => q.name) ?? []),
          ...(scenario.amqp?.publishers.map((p) => p.id) ?? []),
          ...(scenario.amqp?.consumers.map((c) => c.id) ?? []),
        ]);
        it(`step ${i}: links, highlights, cursor, both languages`, () => {
          expect(step.atMs ?? 0).toBeGreaterThanOrEqual(0);
          expect(step.atMs ?? 0).toBeLessThanOrEqual(duration);
          for (const n of step.highlight?.nodes ?? []) expect(names.has(n), n).toBe(true);
          for (const ms of [step.highlight?.fromMs, step.highlight?.toMs])
            if (ms !== undefined) expect(ms).toBeLessThanOrEqual(duration);
          const en = linkTargets(step.narration.en);
          const zh = linkTargets(step.narration['zh-CN']);
          expect([...zh].sort(), 'the same links in both languages').toEqual([...en].sort());
          for (const t of en) {
            const [kind, arg] = [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)];
            if (kind === 'cursor') {
              const ms = Number(arg);
              expect(Number.isFinite(ms) && ms >= 0 && ms <= duration, t).toBe(true);
            } else if (kind === 'node') expect(names.has(arg), t).toBe(true);
            else if (kind === 'anomaly') expect(ANOMALY_KINDS.has(arg), t).toBe(true);
            else throw new Error(`unknown link ${t}`);
          }
          // The player's Markdown reads the same links, follows every one, and leaves no
          // markup unparsed (a stray ** or backtick would show as text).
          for (const md of [
            ...texts(step.narration),
            ...(step.task ? texts(step.task.text) : []),
          ]) {
            const r = rendered(md);
            expect(r.links.map((l) => l.href)).toEqual(linkTargets(md));
            expect(r.links.filter((l) => !l.ok)).toEqual([]);
            expect(r.text).not.toMatch(/\*\*|`/);
          }
          // A whole scenario's description is in one language only: the narration says it.
          if ('scenario' in step.scenario)
            expect(step.scenario.scenario.description).toBeUndefined();
          // Chinese is written, not copied: it has CJK text of its own.
          expect(step.narration['zh-CN']).not.toBe(step.narration.en);
          expect(/[\u4e00-\u9fff]/.test(step.narration['zh-CN'])).toBe(true);
          expect(/[\u4e00-\u9fff]/.test(step.title['zh-CN'])).toBe(true);
        });

        it(`step ${i}: every number shown is measured on the run`, () => {
          const run = runStep(scenario);
          const stepClaims = lessonClaims[i] ?? [];
          for (const c of stepClaims) {
            if ('of' in c) expect(c.of(run), `${c.what}`).toBe(c.value);
            else expect(c.kafka.length).toBeGreaterThan(0);
          }
          const allowed = new Set(stepClaims.map((c) => c.value));
          const shown = [
            ...texts(step.title),
            ...texts(step.narration),
            ...(step.task ? [...texts(step.task.text), ...step.task.hints.flatMap(texts)] : []),
          ].flatMap(numbersIn);
          const unclaimed = shown.filter((n) => !allowed.has(n));
          expect(unclaimed, 'numbers shown without a claim in claims.ts').toEqual([]);
          // Every anomaly link points at an anomaly this step's run has, with the cause the
          // narration gives (claims.ts `causes`).
          const declared = causes[lesson.id]?.[i] ?? [];
          const linked = linkTargets(step.narration.en)
            .filter((t) => t.startsWith('anomaly:'))
            .map((t) => t.slice(8));
          expect([...new Set(declared.map((d) => d.split('/')[0]))].sort()).toEqual(
            [...new Set(linked)].sort(),
          );
          for (const kind of linked) {
            const seen = new Set(
              run.anomalies.filter((a) => a.kind === kind).map((a) => `${a.kind}/${a.cause}`),
            );
            expect(seen.size, `anomaly:${kind}`).toBeGreaterThan(0);
            expect([...seen].sort(), `causes of ${kind}`).toEqual(
              declared.filter((d) => d.startsWith(`${kind}/`)).sort(),
            );
          }
        });

        if (step.task) {
          const task = step.task;
          it(`step ${i}: the task starts unsolved and its reference answer solves it`, () => {
            const before = runForCheck(scenario);
            expect(before.ok).toBe(true);
            if (!before.ok) return;
            expect(evaluateGoal(task.goal, before.result).ok, 'already solved at the start').toBe(
              false,
            );
            const answer = solutions[lesson.id]?.[i];
            expect(answer, 'a reference answer in claims.ts').toBeDefined();
            if (!answer) return;
            for (const a of answer)
              if (a.op === 'set') expect(matchesAllow(a.path, task.allow ?? []), a.path).toBe(true);
            const applied = applyActions(scenario, answer);
            expect(applied.ok).toBe(true);
            if (!applied.ok) return;
            const after = runForCheck(applied.scenario);
            expect(after.ok).toBe(true);
            if (after.ok) expect(evaluateGoal(task.goal, after.result).ok).toBe(true);
          });
        }
      });
    });
  }
});

describe('numbersIn', () => {
  it('reads back any number written as the lessons write it, and never an identifier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom('', ' ms', 'ms', '.', ',', '）', ' 个'),
        fc.constantFrom('payment', 'order', 'clicks', 'payments-fast', 'v'),
        (n, tail, name) => {
          const shown = n.toLocaleString('en-US');
          expect(numbersIn(`至 ${shown}${tail} and [${shown} ms](cursor:${n})`)).toEqual([n, n]);
          expect(numbersIn(`${name}-${n} ${name}${n} (node:${name}-${n})`)).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reads the numbers a reader sees, not identifiers or link targets', () => {
    expect(
      numbersIn('At [1,500 ms](cursor:1500) payment-1 had 3 of 10 (acks=1, 600ms, murmur2).'),
    ).toEqual([1500, 3, 10, 1, 600]);
    expect(numbersIn('到 [2,100 ms](cursor:2100) 时，共 78 个更新。order-7 与 v2')).toEqual([
      2100, 78,
    ]);
  });
});
