/**
 * Export a scenario to real systems, for CI and scripts:
 *   npm run export -- <scenario.json> [--format asyncapi|kafka-topics|properties|client|definitions|all] [--out DIR]
 * Without --out, the files go to stdout (several: each after a `# ==> name <==` line); with it,
 * each is written into DIR (created if missing). Warnings go to stderr.
 * Exit codes: 0 ok, 1 a bad scenario file (the parser's path-named errors), 2 bad arguments,
 * 3 the files could not be written. Never a stack trace.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  bundleText,
  exportAll,
  exportScenario,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportResult,
} from '../diagram/export';
import { formatErrors, parseScenarioJson } from '../engine';

const USAGE = `usage: npm run export -- <scenario.json> [--format ${[...EXPORT_FORMATS, 'all'].join('|')}] [--out DIR]`;

interface Args {
  file: string;
  format: ExportFormat | 'all';
  out?: string;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let format: Args['format'] = 'all';
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--format' || a === '--out') {
      const v = argv[++i];
      if (v === undefined || v === '') return `${a} needs a value`;
      if (a === '--out') out = v;
      else if (v === 'all' || (EXPORT_FORMATS as readonly string[]).includes(v))
        format = v as Args['format'];
      else
        return `--format must be one of ${[...EXPORT_FORMATS, 'all'].join(', ')}; got ${JSON.stringify(v)}`;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (file === undefined) file = a;
    else return `unexpected argument ${a}`;
  }
  if (file === undefined) return 'missing <scenario.json>';
  return { file, format, ...(out === undefined ? {} : { out }) };
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
  // The same bounded reader and parser as the app (length and nesting before JSON.parse).
  const parsed = parseScenarioJson(text);
  if (!parsed.ok) {
    console.error(`${args.file}: not a valid scenario\n${formatErrors(parsed.errors)}`);
    return 1;
  }
  const r: ExportResult =
    args.format === 'all'
      ? exportAll(parsed.scenario)
      : exportScenario(parsed.scenario, args.format);
  for (const w of r.warnings) console.error(`warning: ${w}`);
  if (args.out === undefined) {
    if (r.files.length === 1) process.stdout.write(r.files[0]!.text);
    else if (r.files.length > 1) process.stdout.write(bundleText(r.files));
    return 0;
  }
  try {
    mkdirSync(args.out, { recursive: true });
    for (const f of r.files) {
      // File names are built from [A-Za-z0-9._-]; a name with a path in it is a bug, not a file.
      if (basename(f.name) !== f.name || f.name === '.' || f.name === '..')
        throw new Error(`refusing the file name ${JSON.stringify(f.name)}`);
      writeFileSync(join(args.out, f.name), f.text, {
        mode: f.name.endsWith('.sh') ? 0o755 : 0o644,
      });
      console.error(`wrote ${join(args.out, f.name)}`);
    }
  } catch (e) {
    console.error(`cannot write to ${args.out}: ${(e as Error).message}`);
    return 3;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  // A bug must still not print a stack trace at the user.
  console.error(`export failed: ${(e as Error)?.message ?? String(e)}`);
  process.exitCode = 3;
}
