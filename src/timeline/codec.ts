/**
 * The event log's encoding: one SimEvent → a few bytes. Generic over the event union (any
 * JSON-safe event with `type` and `timeUs` encodes), so new event types and fields the engine
 * gains keep working without a change here. What makes it small:
 * - shapes and strings are interned (intern.ts): an event starts with its shape id, which
 *   implies its `type` and key order, so decoding restores the exact same JSON;
 * - numbers are zigzag varints; `timeUs` is a delta from the previous event, other `…Us`
 *   fields (wakeUs, untilUs…) are deltas from the event's own time;
 * - an event that is itself the record in its partition log (a recordAppended: any event with
 *   topic, partition and offset whose object the log holds) is stored as a reference
 *   (partition, offset): records are shared with the engine's logs, never copied.
 *
 * Value word = (payload << 3) | tag, as one varint, so small values take one byte.
 */
import type { SimEvent, SimState } from '../engine';
import { ByteReader, ByteWriter, unzigzag, zigzag } from './bytes';
import type { InternTable, Shape } from './intern';

const T_INT = 0;
const T_STR = 1;
const T_CONST = 2;
const T_FLOAT = 3;
const T_ARRAY = 4;
const T_OBJECT = 5;
/** Integers beyond this are written as floats (the tag shift would lose precision). */
const MAX_INT = 2 ** 48;
const CONSTS = [null, false, true, undefined, Infinity, -Infinity, NaN] as const;

/** The index in CONSTS (NaN is not found by indexOf). */
function constIndex(v: unknown): number {
  return Number.isNaN(v) ? 6 : CONSTS.indexOf(v as never);
}

/** Event header 0 = a record reference; otherwise shape id + 1. */
const H_RECORD = 0;

interface LogPlace {
  topic: string;
  partition: number;
  offset: number;
}

/** Where decoded record references come from: the run's partition logs (see run.ts). */
export interface RecordSource {
  logs: SimState['logs'];
  /** Offset of each log's first element (records below it were released). */
  logStart: SimState['logStart'];
  model: SimState['model'];
}

export class EventCodec {
  /** The last shape seen per event type, and a few recent nested shapes: checked first. */
  private readonly lastShape = new Map<string, number>();
  private readonly recentNested: number[] = [];

  constructor(readonly table: InternTable) {}

  /** Appends `e`; `prevTimeUs` is the time of the event before it (or of the state it follows). */
  encode(w: ByteWriter, e: SimEvent, prevTimeUs: number, src: RecordSource): void {
    const gp = this.sharedRecord(e, src);
    if (gp >= 0) {
      w.uint(H_RECORD);
      w.uint(gp);
      w.uint((e as unknown as LogPlace).offset);
      return;
    }
    const o = e as unknown as Record<string, unknown>;
    let id = this.lastShape.get(e.type);
    if (id === undefined || !this.hasKeys(o, id)) {
      id = this.table.shapeId(e.type, Object.keys(o));
      this.lastShape.set(e.type, id);
    }
    w.uint(id + 1);
    this.fields(w, o, this.table.shapes[id]!, prevTimeUs, e.timeUs);
  }

  /** Reads one event; `prevTimeUs` as for encode. */
  decode(r: ByteReader, prevTimeUs: number, src: RecordSource): SimEvent {
    const h = r.uint();
    if (h === H_RECORD) {
      const gp = r.uint();
      const offset = r.uint();
      const rec = src.logs[gp]?.[offset - (src.logStart[gp] ?? 0)];
      if (!rec) throw new Error(`event log: record ${gp}@${offset} is not in the partition log`);
      return rec as unknown as SimEvent;
    }
    const shape = this.table.shapes[h - 1]!;
    const o: Record<string, unknown> = {};
    let timeUs = prevTimeUs;
    const { keys, mode } = shape;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k === 'type') {
        o.type = shape.type;
        continue;
      }
      const m = mode[i];
      const v = this.value(r, m === 'prev' ? prevTimeUs : m === 'time' ? timeUs : 0);
      if (m === 'prev') timeUs = v as number;
      o[k] = v;
    }
    return o as unknown as SimEvent;
  }

  /**
   * The global partition of the log that holds `e` itself at its offset (then a reference
   * suffices), else -1. Checked by identity: a record the log holds as another object (e.g. a
   * fork's equal record) is encoded in full.
   */
  private sharedRecord(e: SimEvent, src: RecordSource): number {
    const p = e as unknown as Partial<LogPlace>;
    if (
      typeof p.topic !== 'string' ||
      typeof p.offset !== 'number' ||
      typeof p.partition !== 'number'
    )
      return -1;
    const ti = src.model.topicIndex.get(p.topic);
    if (ti === undefined) return -1;
    const gp = src.model.topics[ti]!.firstGp + p.partition;
    return (src.logs[gp]?.[p.offset - (src.logStart[gp] ?? 0)] as unknown) === e ? gp : -1;
  }

  private fields(
    w: ByteWriter,
    o: Record<string, unknown>,
    shape: Shape,
    prevTimeUs: number,
    timeUs: number,
  ): void {
    const { keys, mode } = shape;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k === 'type' && shape.type !== undefined) continue;
      const m = mode[i];
      this.put(w, o[k], m === 'prev' ? prevTimeUs : m === 'time' ? timeUs : 0);
    }
  }

  /** Whether `o`'s own keys are exactly shape `id`'s, in order (no allocation: the hot path). */
  private hasKeys(o: Record<string, unknown>, id: number): boolean {
    const keys = this.table.shapes[id]!.keys;
    let i = 0;
    for (const k in o) if (keys[i++] !== k) return false;
    return i === keys.length;
  }

  private nestedShape(o: Record<string, unknown>): number {
    for (const id of this.recentNested) if (this.hasKeys(o, id)) return id;
    const id = this.table.shapeId(undefined, Object.keys(o));
    this.recentNested.unshift(id);
    if (this.recentNested.length > 4) this.recentNested.pop();
    return id;
  }

  /** Writes one value; integers are written relative to `base`. */
  private put(w: ByteWriter, v: unknown, base: number): void {
    switch (typeof v) {
      case 'number':
        if (Number.isInteger(v) && Math.abs(v - base) < MAX_INT) {
          w.uint(zigzag(v - base) * 8 + T_INT);
        } else if (!Number.isFinite(v)) {
          w.uint(constIndex(v) * 8 + T_CONST);
        } else {
          w.uint(T_FLOAT);
          w.float(v);
        }
        return;
      case 'string':
        w.uint(this.table.stringId(v) * 8 + T_STR);
        return;
      case 'boolean':
      case 'undefined':
        w.uint(constIndex(v) * 8 + T_CONST);
        return;
      case 'object': {
        if (v === null) {
          w.uint(T_CONST);
          return;
        }
        if (Array.isArray(v)) {
          w.uint(v.length * 8 + T_ARRAY);
          for (const x of v) this.put(w, x, 0);
          return;
        }
        // Plain objects, also prototype-free ones (name maps built with Object.create(null)).
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null)
          throw new Error(
            `event log: cannot store a ${Object.prototype.toString.call(v)} (events are plain JSON)`,
          );
        const o = v as Record<string, unknown>;
        const id = this.nestedShape(o);
        w.uint(id * 8 + T_OBJECT);
        this.fields(w, o, this.table.shapes[id]!, 0, 0);
        return;
      }
      default:
        throw new Error(`event log: cannot store a ${typeof v} (events are plain JSON)`);
    }
  }

  private value(r: ByteReader, base: number): unknown {
    const word = r.uint();
    const tag = word % 8;
    const payload = (word - tag) / 8;
    switch (tag) {
      case T_INT:
        return unzigzag(payload) + base;
      case T_STR:
        return this.table.strings[payload];
      case T_CONST:
        return CONSTS[payload];
      case T_FLOAT:
        return r.float();
      case T_ARRAY: {
        const a: unknown[] = new Array(payload);
        for (let i = 0; i < payload; i++) a[i] = this.value(r, 0);
        return a;
      }
      case T_OBJECT: {
        const shape = this.table.shapes[payload]!;
        const o: Record<string, unknown> = {};
        for (const k of shape.keys) o[k] = this.value(r, 0);
        return o;
      }
      default:
        throw new Error(`event log: corrupt value tag ${tag}`);
    }
  }
}
