/**
 * Runs an event-store script (public/eventstore-script.schema.json) on the simulated
 * EventStoreDB and prints what the client sees, one observation per line (JSON):
 *   npm run eventstore -- <script.json> [--events]
 * `--events` prints the run's events instead (State = fold(events)). Problems (a malformed op,
 * a bound reached) go to stderr, each naming its op. Exit codes: 0 ok, 1 an unreadable or
 * invalid file or a problem in the script, 2 bad arguments.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseJsonBounded, runEventStoreScriptDetailed } from '../engine';

const USAGE = 'usage: npm run eventstore -- <script.json> [--events]';

export interface CliResult {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** The CLI without the process: argv in, exit code and lines out (the tests call this). */
export function eventStoreCli(argv: string[], read = (f: string) => readFileSync(f, 'utf8')) {
  const out: CliResult = { code: 0, stdout: [], stderr: [] };
  const flags = argv.filter((a) => a.startsWith('--'));
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || flags.some((f) => f !== '--events')) {
    out.stderr.push(USAGE);
    out.code = 2;
    return out;
  }
  let text: string;
  try {
    text = read(files[0]!);
  } catch (e) {
    out.stderr.push(`${files[0]}: ${(e as Error).message}`);
    out.code = 1;
    return out;
  }
  const json = parseJsonBounded(text);
  if (!json.ok) {
    out.stderr.push(`${files[0]}: ${json.error.path}: ${json.error.message}`);
    out.code = 1;
    return out;
  }
  const run = runEventStoreScriptDetailed(json.value);
  const lines = flags.includes('--events') ? run.runEvents : run.observations;
  for (const l of lines) out.stdout.push(JSON.stringify(l));
  for (const p of run.problems) out.stderr.push(p);
  if (run.problems.length > 0) out.code = 1;
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = eventStoreCli(process.argv.slice(2));
  if (r.stdout.length > 0) process.stdout.write(`${r.stdout.join('\n')}\n`);
  if (r.stderr.length > 0) process.stderr.write(`${r.stderr.join('\n')}\n`);
  process.exitCode = r.code;
}
