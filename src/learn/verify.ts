/**
 * The headless check of the teaching content (`npm run lessons -- --check` and a unit test):
 * every challenge parses, its reference solution solves it within its constraints, the empty
 * solution does not, and par is the solution's length (counted as the UI counts moves); every
 * lesson parses, its steps resolve, and the challenge it ends with exists.
 */
import { parseScenario, type Scenario } from '../engine';
import { renderMsg } from '../i18n';
import { builtInScenarios } from '../scenarios';
import { applyActions } from './actions';
import { challengeMoves, challengeStart, checkChallenge, parseChallenge } from './challenge';
import { parseLesson, resolveLessonSteps } from './lesson';

export interface ChallengeReport {
  id: string;
  ok: boolean;
  /** Why not, in English (empty when ok). */
  problems: string[];
  par?: number;
  moves?: number;
  score?: number;
}

export interface LessonReport {
  id: string;
  ok: boolean;
  problems: string[];
}

const en = (m: Parameters<typeof renderMsg>[1]) => renderMsg('en', m);

/** Replays every challenge's reference solution headless. */
export function verifyChallenges(docs: readonly unknown[]): ChallengeReport[] {
  const seen = new Set<string>();
  return docs.map((doc, i) => {
    const parsed = parseChallenge(doc);
    if (!parsed.ok)
      return {
        id: idOf(doc, i),
        ok: false,
        problems: parsed.errors.slice(0, 10).map((e) => `does not parse: ${e.path}: ${e.message}`),
      };
    const c = parsed.challenge;
    const problems: string[] = [];
    if (seen.has(c.id)) problems.push(`the id ${c.id} is used twice`);
    seen.add(c.id);
    const start = challengeStart(c);
    if (!start) return { id: c.id, ok: false, problems: ['the start scenario does not load'] };
    const empty = checkChallenge(c, start);
    if (empty.solved) problems.push('the empty solution already solves it');
    const applied = applyActions(start, c.solution);
    if (!applied.ok) {
      problems.push(`the solution does not apply: ${en(applied.error)}`);
      return { id: c.id, ok: false, problems };
    }
    const result = checkChallenge(c, applied.scenario);
    if (!result.solved) {
      problems.push(`the solution does not solve it: ${en(result.feedback)}`);
      for (const v of result.violations)
        problems.push(`the solution breaks a constraint: ${en(v)}`);
    }
    if (c.par !== c.solution.length)
      problems.push(`par is ${c.par} but the solution has ${c.solution.length} actions`);
    const moves = challengeMoves(start, applied.scenario).length;
    if (moves !== c.solution.length)
      problems.push(
        `the solution has ${c.solution.length} actions but the editor would count ${moves} moves`,
      );
    return {
      id: c.id,
      ok: problems.length === 0,
      problems,
      par: c.par,
      moves,
      score: result.score,
    };
  });
}

/**
 * Parses every lesson, resolves its steps, checks that it has a task step and that its closing
 * challenge exists.
 */
export function verifyLessons(
  docs: readonly unknown[],
  challengeIds: readonly string[],
): LessonReport[] {
  const builtIn = (id: string): Scenario | undefined => {
    if (!Object.hasOwn(builtInScenarios, id)) return undefined;
    const p = parseScenario(builtInScenarios[id]);
    return p.ok ? p.scenario : undefined;
  };
  return docs.map((doc, i) => {
    const parsed = parseLesson(doc);
    if (!parsed.ok)
      return {
        id: idOf(doc, i),
        ok: false,
        problems: parsed.errors.slice(0, 10).map((e) => `does not parse: ${e.path}: ${e.message}`),
      };
    const lesson = parsed.lesson;
    const problems: string[] = [];
    const steps = resolveLessonSteps(lesson, builtIn);
    if (!steps.ok)
      for (const e of steps.errors.slice(0, 10))
        problems.push(`a step does not resolve: ${e.path}: ${e.message}`);
    // Every lesson asks the reader to do something in the app that it then checks.
    if (!lesson.steps.some((s) => s.task !== undefined))
      problems.push('it has no task step (a step with a task the app checks)');
    if (lesson.challenge !== undefined && !challengeIds.includes(lesson.challenge))
      problems.push(`its challenge ${lesson.challenge} does not exist`);
    return { id: lesson.id, ok: problems.length === 0, problems };
  });
}

function idOf(doc: unknown, i: number): string {
  const id =
    typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id.length <= 80 ? id : `#${i + 1}`;
}
