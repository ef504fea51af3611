/**
 * Headless runs on the same engine as the app:
 *   npm run sim -- <scenario.json> [--seed N] [--until <ms>] [--json] [--allow-large]
 * Exit codes: 0 ok, 1 bad scenario file, 2 bad arguments, 3 the engine stopped (a bug: the
 * message says what broke; no stack trace), 4 too large to simulate (src/engine/scenario/cost.ts;
 * `--allow-large` runs it anyway).
 * Lag is "-" for a partition with no committed offset, as kafka-consumer-groups prints it.
 */
import { readFileSync } from 'node:fs';
import {
  CLI_LIMITS,
  costProblems,
  estimateCost,
  formatErrors,
  parseScenarioJson,
  releaseRecords,
  simulate,
  type Summary,
} from '../engine';

interface Args {
  file: string;
  seed?: number;
  untilMs?: number;
  json: boolean;
  allowLarge: boolean;
}

const USAGE =
  'usage: npm run sim -- <scenario.json> [--seed N] [--until <ms>] [--json] [--allow-large]';

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  const out: Partial<Args> = { json: false, allowLarge: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--allow-large') out.allowLarge = true;
    else if (a === '--seed' || a === '--until') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0)
        return `${a} needs a non-negative number, got ${argv[i] ?? 'nothing'}`;
      if (a === '--seed') {
        if (!Number.isInteger(v) || v > 0xffffffff)
          return `--seed must be an integer from 0 to 4294967295, got ${argv[i]}`;
        out.seed = v;
      } else out.untilMs = v;
    } else if (a === '--help' || a === '-h') return USAGE;
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `unexpected argument ${a}`;
  }
  if (file === undefined) return 'missing <scenario.json>';
  return { ...out, file } as Args;
}

/** A figure as the table prints it: null (unknown, e.g. lag before any commit) is "-". */
const cell = (v: string | number | null): string | number => v ?? '-';

function table(s: Summary): string {
  const rows: [string, string | number][] = [
    ['sim time (ms)', (s.timeUs / 1000).toFixed(1)],
    ['produced', s.produced],
    ['appended', s.appended],
    ['processed', s.processed],
    ['duplicates', s.duplicates],
    ['duplicate side effects', s.duplicateSideEffects],
    ['dedup absorbed', s.dedupAbsorbed],
    ['reordered', s.reordered],
    ['lost', s.lost],
    ['pending', s.pending],
    ['max lag', cell(s.lagMax)],
    ['rebalances', s.rebalances],
    ['rejected commits', s.rejectedCommits],
    ['dead-lettered', s.dlq],
    ['acknowledged (producers)', s.acknowledged],
    ['log duplicates', s.logDuplicates],
    ['lost acknowledged', s.lostAcked],
    ['reordered in log', s.reorderedInLog],
    ['failed sends', s.failedSends],
    ['events', s.events],
    ['log hash', s.logHash],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  const cols = [
    'group',
    'processed',
    'duplicates',
    'reordered',
    'lost',
    'pending',
    'lagMax',
    'rebalances',
    'dlq',
  ] as const;
  const widths = cols.map((c) =>
    Math.max(c.length, ...s.groups.map((g) => String(cell(g[c])).length)),
  );
  const fmt = (vals: (string | number)[]) =>
    vals.map((v, i) => String(v).padStart(widths[i]!)).join('  ');
  lines.push('', fmt([...cols]), ...s.groups.map((g) => fmt(cols.map((c) => cell(g[c])))));
  return lines.join('\n');
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args === USAGE ? USAGE : `${args}\n${USAGE}`);
    return args === USAGE ? 0 : 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    console.error(`${args.file}: cannot read: ${(e as Error).message}`);
    return 1;
  }
  const parsed = parseScenarioJson(text);
  if (!parsed.ok) {
    console.error(`${args.file}: invalid scenario\n${formatErrors(parsed.errors)}`);
    return 1;
  }
  const cost = estimateCost({
    ...parsed.scenario,
    durationMs: args.untilMs ?? parsed.scenario.durationMs,
  });
  const heavy = costProblems(cost, CLI_LIMITS, 'in the CLI');
  if (heavy.length > 0 && !args.allowLarge) {
    console.error(
      `${args.file}: too large to simulate\n${heavy.map((h) => `  ${h}`).join('\n')}\n` +
        'Run with --allow-large to simulate it anyway.',
    );
    return 4;
  }
  // No log is kept, so records no consumer can read any more are released as the run goes:
  // memory stays bounded however long --until is (src/engine/retain.ts; the hash is unchanged).
  let events = 0;
  let summary: Summary;
  try {
    summary = simulate(parsed.scenario, {
      seed: args.seed,
      untilMs: args.untilMs,
      keepEvents: false,
      onEvent: (_e, s) => {
        if ((++events & 0xffff) === 0) releaseRecords(s);
      },
    }).summary;
  } catch (e) {
    // Valid input never stops the engine: if it does, say so plainly, without a stack trace.
    const seed = args.seed ?? parsed.scenario.seed ?? 1;
    console.error(
      `${args.file}: the simulation stopped: ${e instanceof Error ? e.message : String(e)}\n` +
        `This is a bug in the engine, not in the scenario; please report it with this file ` +
        `and --seed ${seed}.`,
    );
    return 3;
  }
  console.log(args.json ? JSON.stringify(summary) : table(summary));
  return 0;
}

process.exitCode = main();
