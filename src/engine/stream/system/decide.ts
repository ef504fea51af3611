/**
 * What stream jobs do next (their actors): report what their operator did (the facts waiting in
 * the job's outbox, each with the Kafka record it writes: an alert to the sink, a late element
 * to the side output, a pattern's match), move the operator's processing time or Esper's clock
 * to a due timer, or emit the periodic watermarks (see evolve.ts for Flink's rules).
 */
import type { RecordAppended, SimEvent } from '../../kafka/events';
import { partitionForKey } from '../../kafka/murmur2';
import type { SimState } from '../../kafka/state';
import type { StreamFact, StreamRecordRef, StreamSimEvent } from './events';
import { combinedWatermark, idleAtUs, partitionCandidate } from './evolve';
import type { StreamSimModel } from './model';
import { windowOperator } from './state';

const nowMsOf = (us: number) => Math.floor(us / 1000);

/** Appends records for one step: offsets and event ids as Kafka's evolve will give them. */
class StepRecords {
  private nextId: number;
  private readonly perGp = new Map<number, number>();
  readonly out: SimEvent[] = [];
  constructor(
    private readonly s: SimState,
    private readonly t: number,
  ) {
    this.nextId = s.nextEventId;
  }
  append(
    topicIndex: number,
    producer: string,
    key: string | null,
    eventType: string,
    causationId: number | null,
  ): StreamRecordRef {
    const topic = this.s.model.topics[topicIndex]!;
    const count = this.s.livePartitions[topicIndex]!;
    const eventId = this.nextId++;
    const partition = key !== null ? partitionForKey(key, count) : eventId % count;
    const gp = topic.firstGp + partition;
    const before = this.perGp.get(gp) ?? 0;
    this.perGp.set(gp, before + 1);
    const rec: RecordAppended = {
      type: 'recordAppended',
      timeUs: this.t,
      producer,
      topic: topic.name,
      partition,
      offset: this.s.leo[gp]! + before,
      key,
      entity: key,
      keyId: -1,
      eventId,
      eventType,
      causationId,
      correlationId: causationId ?? eventId,
    };
    this.out.push(rec);
    return { topic: topic.name, partition, offset: rec.offset, eventId };
  }
}

/** Reports the outbox: each fact, then the record it writes. */
function report(
  s: SimState,
  facts: readonly StreamFact[],
  t: number,
  sink: number,
  side: number,
  alertType: string,
): SimEvent[] {
  const out: SimEvent[] = [];
  const recs = new StepRecords(s, t);
  for (const f of facts) {
    const before = recs.out.length;
    let ev: StreamSimEvent;
    switch (f.type) {
      case 'stream.windowFired': {
        const record =
          f.alert && sink >= 0 ? recs.append(sink, f.job, String(f.key), alertType, null) : null;
        ev = { ...f, timeUs: t, record };
        break;
      }
      case 'stream.lateElement': {
        const record =
          f.outcome === 'sideOutput' && side >= 0
            ? recs.append(side, f.job, String(f.key), 'LateElement', null)
            : null;
        ev = { ...f, timeUs: t, record };
        break;
      }
      case 'stream.patternMatched': {
        const last = f.tags.reduce((a, b) => Math.max(a, b.eventId), -1);
        const record =
          sink >= 0 ? recs.append(sink, f.job, null, alertType, last < 0 ? null : last) : null;
        ev = { ...f, timeUs: t, record };
        break;
      }
      case 'stream.rowsEmitted': {
        const records =
          sink >= 0 ? f.insert.map(() => recs.append(sink, f.job, null, alertType, null)) : [];
        ev = { ...f, timeUs: t, records };
        break;
      }
      default:
        ev = { ...f, timeUs: t };
    }
    out.push(ev);
    for (let i = before; i < recs.out.length; i++) out.push(recs.out[i]!);
  }
  return out;
}

export function windowJobStep(s: SimState, sm: StreamSimModel, ji: number, t: number): SimEvent[] {
  const m = sm.windows[ji]!;
  const j = s.streams!.windows[ji]!;
  if (j.outbox.length > 0) return report(s, j.outbox, t, m.sink, m.side, m.alertType);
  const pt = windowOperator(m, j).nextProcessingTimer();
  if (pt !== null && pt * 1000 <= t)
    return [{ type: 'stream.processingTimeAdvanced', timeUs: t, job: m.id, timeMs: nowMsOf(t) }];
  // A periodic emission: every partition's BoundedOutOfOrdernessWatermarks (or its idleness).
  const partitions: { partition: number; watermark: number | null; idle: boolean }[] = [];
  const wm = j.partWm.slice();
  const idle = j.idle.slice();
  const aligned = j.aligned.slice();
  const live = Math.min(m.partitions, s.livePartitions[m.sourceTopic]!);
  for (let p = 0; p < live; p++) {
    if (j.idle[p]) continue;
    if (idleAtUs(m, j, p) <= t) {
      idle[p] = true;
      aligned[p] = false;
      partitions.push({ partition: p, watermark: null, idle: true });
      continue;
    }
    const c = partitionCandidate(m, j, p);
    if (c > wm[p]!) {
      wm[p] = c;
      if (c >= j.watermark) aligned[p] = true;
      partitions.push({ partition: p, watermark: c, idle: false });
    }
  }
  const operator = combinedWatermark(wm, idle, aligned, j.watermark, live);
  return [{ type: 'stream.watermarkAdvanced', timeUs: t, job: m.id, partitions, operator }];
}

export function patternJobStep(s: SimState, sm: StreamSimModel, pi: number, t: number): SimEvent[] {
  const m = sm.patterns[pi]!;
  const j = s.streams!.patterns[pi]!;
  if (j.outbox.length > 0) return report(s, j.outbox, t, m.sink, -1, m.outputType);
  return [{ type: 'stream.eplTimeAdvanced', timeUs: t, job: m.id, timeMs: nowMsOf(t) }];
}
