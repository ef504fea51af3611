/**
 * A rough size in bytes of a state's own (unshared) part, for the snapshot policy and the
 * memory bound. Walks the state generically, so fields the engine gains are counted without
 * a change here. Skips `model` (shared by every state of a run) and the partition logs' records
 * (shared by every snapshot). Sizes follow V8 on 64-bit: 8 bytes a slot, typed arrays by length.
 */
import type { SimState } from '../engine';

/**
 * Heap per partition record (a recordAppended event held by its log), measured in Node 20 on
 * the default scenario (159 B) and the bench's 12-partition run (177 B): the larger is used.
 */
export const RECORD_BYTES = 176;

export function approxStateBytes(s: SimState): number {
  let n = 64;
  for (const [k, v] of Object.entries(s)) {
    if (k === 'model') continue;
    n += k === 'logs' ? 32 + 8 * s.logs.length : approxBytes(v);
  }
  return n;
}

function approxBytes(v: unknown): number {
  if (v === null || typeof v !== 'object') return 8;
  if (ArrayBuffer.isView(v)) return 96 + v.byteLength;
  if (v instanceof Set) return 64 + 24 * v.size;
  if (v instanceof Map) {
    let n = 64 + 32 * v.size;
    for (const x of v.values()) n += approxBytes(x);
    return n;
  }
  if (Array.isArray(v)) {
    let n = 32 + 8 * v.length;
    for (const x of v) if (x !== null && typeof x === 'object') n += approxBytes(x);
    return n;
  }
  let n = 32;
  for (const x of Object.values(v))
    n += 8 + (x !== null && typeof x === 'object' ? approxBytes(x) : 0);
  return n;
}
