/**
 * The RabbitMQ challenges through the editor: a start opened as a design and compiled back is
 * the same scenario (no phantom moves), and the reference solution made as an edit of the
 * design's node counts as par moves within the rules.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../diagram/compile';
import { decompile } from '../diagram/decompile';
import { applyActions } from '../learn/actions';
import {
  challengeMoves,
  challengeStart,
  constraintViolations,
  parseChallenge,
} from '../learn/challenge';
import { challengeDocuments } from '.';

const rabbit = challengeDocuments
  .map((d) => parseChallenge(d))
  .flatMap((p) => (p.ok && p.challenge.id.startsWith('rabbitmq-') ? [p.challenge] : []));

describe('RabbitMQ challenges in the editor', () => {
  it('there are four', () => expect(rabbit.map((c) => c.id).sort()).toHaveLength(4));

  for (const c of rabbit)
    it(`${c.id}: the start round-trips through the editor with no moves; the solution is par moves within the rules`, () => {
      const start = challengeStart(c)!;
      const opened = compile(decompile(start));
      if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
      expect(challengeMoves(start, opened.scenario)).toEqual([]);
      const solved = applyActions(opened.scenario, c.solution);
      if (!solved.ok) throw new Error(c.id);
      const again = compile(decompile(solved.scenario));
      if (!again.ok) throw new Error(JSON.stringify(again.issues));
      const moves = challengeMoves(start, again.scenario);
      expect(moves).toEqual(c.solution);
      expect(constraintViolations(c.constraints, moves)).toEqual([]);
    });
});
