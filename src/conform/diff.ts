/**
 * Comparing two observation lists (real broker vs simulator), both first put through the
 * engine's normalizeObservations, and printing the differences so a person sees at which step
 * and in which field they part.
 */
import type { AmqpObservation } from '../engine/amqp/script';

export interface DiffLine {
  index: number;
  real?: AmqpObservation;
  sim?: AmqpObservation;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Position-by-position differences of two normalized lists (empty when equal). */
export function diffObservations(
  real: readonly AmqpObservation[],
  sim: readonly AmqpObservation[],
): DiffLine[] {
  const out: DiffLine[] = [];
  for (let i = 0; i < Math.max(real.length, sim.length); i++) {
    if (!same(real[i], sim[i])) out.push({ index: i, real: real[i], sim: sim[i] });
  }
  return out;
}

function fieldDiff(a: AmqpObservation, b: AmqpObservation): string {
  const ka = a as unknown as Record<string, unknown>;
  const kb = b as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ka), ...Object.keys(kb)])];
  return keys
    .filter((k) => !same(ka[k], kb[k]))
    .map((k) => `${k}: real ${JSON.stringify(ka[k])} ≠ sim ${JSON.stringify(kb[k])}`)
    .join('; ');
}

/** A readable report of the differences, at most `limit` lines. */
export function formatDiff(lines: readonly DiffLine[], limit = 20): string {
  const out: string[] = [];
  for (const d of lines.slice(0, limit)) {
    if (d.real && d.sim && d.real.kind === d.sim.kind && d.real.step === d.sim.step) {
      out.push(`  #${d.index} step ${d.real.step} ${d.real.kind}: ${fieldDiff(d.real, d.sim)}`);
    } else {
      out.push(`  #${d.index} real: ${d.real ? JSON.stringify(d.real) : '(nothing)'}`);
      out.push(`  #${d.index} sim:  ${d.sim ? JSON.stringify(d.sim) : '(nothing)'}`);
    }
  }
  if (lines.length > limit) out.push(`  … and ${lines.length - limit} more`);
  return out.join('\n');
}
