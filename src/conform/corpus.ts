/** Loading conformance scripts (a file, or every *.json in a folder, by name), validated. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { opProblems, scriptProblems } from '../engine/amqp';
import type { AmqpScript } from '../engine/amqp/script';

export interface LoadedScript {
  file: string;
  script: AmqpScript;
}

const MAX_REAL_SLEEP_MS = 60_000;

/** The engine's own validator (every op's fields, by JSON path); the runner relies on it. */
export function checkScript(raw: unknown): string[] {
  const whole = scriptProblems(raw);
  if (whole.length) return whole;
  const ops = (raw as { ops: unknown[] }).ops;
  const out = ops.flatMap((op, i) => opProblems(op, i)).map((p) => `$.${p}`);
  // On a real broker advanceTime really sleeps.
  ops.forEach((op, i) => {
    const o = op as { op?: unknown; ms?: unknown };
    if (o.op === 'advanceTime' && typeof o.ms === 'number' && o.ms > MAX_REAL_SLEEP_MS) {
      out.push(
        `$.ops[${i}].ms: at most ${MAX_REAL_SLEEP_MS} against a real broker (it really waits), got ${o.ms}`,
      );
    }
  });
  return out;
}

export function loadScripts(target: string): { scripts: LoadedScript[]; errors: string[] } {
  const files = statSync(target).isDirectory()
    ? readdirSync(target)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  const scripts: LoadedScript[] = [];
  const errors: string[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      errors.push(`${file}: not JSON: ${(e as Error).message}`);
      continue;
    }
    const errs = checkScript(raw);
    if (errs.length) errors.push(...errs.map((e) => `${file}: ${e}`));
    else scripts.push({ file, script: raw as AmqpScript });
  }
  return { scripts, errors };
}
