/** Loading conformance scripts (a file, or every *.json in a folder, by name). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AmqpScript } from '../engine/amqp/script';

export interface LoadedScript {
  file: string;
  script: AmqpScript;
}

const OPS = new Set([
  'declareExchange',
  'deleteExchange',
  'declareQueue',
  'deleteQueue',
  'purgeQueue',
  'bind',
  'unbind',
  'openChannel',
  'closeChannel',
  'publish',
  'consume',
  'cancel',
  'get',
  'ack',
  'nack',
  'reject',
  'restartBroker',
  'advanceTime',
  'queueStats',
]);

/** A shape check (the simulator validates fully); problems name the JSON path. */
export function checkScript(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return ['$: must be an object with "ops"'];
  const s = raw as Record<string, unknown>;
  if (!Array.isArray(s.ops)) return ['$.ops: must be an array'];
  const errs: string[] = [];
  if (s.profile !== undefined && s.profile !== '3.10' && s.profile !== '4.x')
    errs.push(`$.profile: must be "3.10" or "4.x"`);
  s.ops.forEach((op: unknown, i) => {
    const o = op as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || typeof o.op !== 'string' || !OPS.has(o.op)) {
      errs.push(`$.ops[${i}].op: must be one of ${[...OPS].join(', ')}`);
    } else if (o.op === 'advanceTime' && (typeof o.ms !== 'number' || o.ms < 0 || o.ms > 60_000)) {
      errs.push(`$.ops[${i}].ms: must be a number 0…60000`);
    }
  });
  return errs;
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
