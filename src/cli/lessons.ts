/**
 * `npm run lessons -- --check [--json]`: replays every shipped challenge's reference solution on
 * the engine, headless, and parses every lesson. Exits 1 naming the challenge (or lesson) and
 * the reason when a solution does not solve its challenge, the empty solution already does, a
 * solution breaks the constraints, par is not the solution's length, or a lesson does not parse,
 * resolve or name an existing challenge. Exit 2: bad arguments.
 */
import { challengeDocuments } from '../challenges';
import { challengeIds } from '../challenges';
import { lessons } from '../lessons';
import { verifyChallenges, verifyLessons } from '../learn/verify';

const USAGE = 'usage: npm run lessons -- --check [--json]';

function main(argv: string[]): number {
  const args = new Set(argv);
  for (const a of args)
    if (a !== '--check' && a !== '--json') {
      process.stderr.write(`unknown argument ${JSON.stringify(a)}\n${USAGE}\n`);
      return 2;
    }
  if (!args.has('--check')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const challenges = verifyChallenges(challengeDocuments);
  const lessonReports = verifyLessons(lessons, challengeIds);
  const ok = challenges.every((c) => c.ok) && lessonReports.every((l) => l.ok);
  if (args.has('--json')) {
    process.stdout.write(
      `${JSON.stringify({ ok, challenges, lessons: lessonReports }, null, 2)}\n`,
    );
  } else {
    for (const c of challenges) {
      if (c.ok)
        process.stdout.write(
          `ok    challenge ${c.id}: solved in ${c.moves} (par ${c.par}), the empty design does not solve it\n`,
        );
      else for (const p of c.problems) process.stdout.write(`FAIL  challenge ${c.id}: ${p}\n`);
    }
    for (const l of lessonReports) {
      if (l.ok) process.stdout.write(`ok    lesson ${l.id}\n`);
      else for (const p of l.problems) process.stdout.write(`FAIL  lesson ${l.id}: ${p}\n`);
    }
    const bad = challenges.filter((c) => !c.ok).length + lessonReports.filter((l) => !l.ok).length;
    process.stdout.write(
      ok
        ? `${challenges.length} challenges and ${lessonReports.length} lessons check out\n`
        : `${bad} of ${challenges.length + lessonReports.length} failed\n`,
    );
  }
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
