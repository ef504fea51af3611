/**
 * Timeline marks for retention (issue 12): a retention check that deleted segments, and a
 * member's positions found below the log start offset (OFFSET_OUT_OF_RANGE, then
 * auto.offset.reset). Gathered so a check or a poll makes one mark however many partitions it
 * touched (100 partitions must not fill the bar's MAX_MARKS): a check's deletions close with its
 * retentionChecked (retentionStep emits them together); a member's resets with the next event
 * that is not one of them, or the end of a batch (flush).
 */
import type { SimEvent } from '../engine';
import { msg } from '../i18n/translate';
import type { TimelineMark } from './insightStream';

/** Partitions named in a mark before "…". */
const NAMED = 3;

interface CheckMarks {
  index: number;
  timeUs: number;
  segments: number;
  records: number;
  where: string[];
  configs: string[];
}

interface ResetMarks {
  index: number;
  timeUs: number;
  member: string;
  policy: 'earliest' | 'latest';
  first: Extract<SimEvent, { type: 'offsetOutOfRange' }>;
  where: string[];
}

const named = (where: readonly string[]) =>
  where.length <= NAMED ? where.join(', ') : `${where.slice(0, NAMED).join(', ')}, …`;

export class RetentionMarks {
  private check: CheckMarks | null = null;
  private reset: ResetMarks | null = null;

  /** Feeds one event (log order); returns the marks it completed. */
  push(e: SimEvent, index: number): TimelineMark[] {
    const out: TimelineMark[] = [];
    if (
      this.reset &&
      !(e.type === 'offsetsSkipped' && e.outOfRange !== undefined) &&
      !(
        e.type === 'offsetOutOfRange' &&
        e.member === this.reset.member &&
        e.timeUs === this.reset.timeUs &&
        e.policy === this.reset.policy
      )
    )
      out.push(this.closeReset());
    switch (e.type) {
      case 'segmentsDeleted': {
        const c = (this.check ??= {
          index,
          timeUs: e.timeUs,
          segments: 0,
          records: 0,
          where: [],
          configs: [],
        });
        c.segments += e.baseOffsets.length;
        c.records += e.logStartOffset - e.fromOffset;
        c.where.push(`${e.topic}-${e.partition}`);
        const config = `${e.reason}=${e.limit}`;
        if (!c.configs.includes(config)) c.configs.push(config);
        break;
      }
      case 'retentionChecked':
        if (this.check) out.push(this.closeCheck());
        break;
      case 'offsetOutOfRange':
        if (this.reset) this.reset.where.push(`${e.topic}-${e.partition}`);
        else
          this.reset = {
            index,
            timeUs: e.timeUs,
            member: e.member,
            policy: e.policy,
            first: e,
            where: [`${e.topic}-${e.partition}`],
          };
        break;
      default:
        break;
    }
    return out;
  }

  /** The marks still gathering (the end of a batch: what the log holds so far). */
  flush(): TimelineMark[] {
    const out: TimelineMark[] = [];
    if (this.check) out.push(this.closeCheck());
    if (this.reset) out.push(this.closeReset());
    return out;
  }

  private closeCheck(): TimelineMark {
    const c = this.check!;
    this.check = null;
    return {
      kind: 'retention',
      index: c.index,
      timeUs: c.timeUs,
      label: msg('timeline.mark.segmentsDeleted', {
        config: c.configs.join(', '),
        segments: c.segments,
        records: c.records,
        where: named(c.where),
      }),
    };
  }

  private closeReset(): TimelineMark {
    const r = this.reset!;
    this.reset = null;
    const at = { kind: 'retention' as const, index: r.index, timeUs: r.timeUs };
    if (r.where.length === 1)
      return {
        ...at,
        label: msg('timeline.mark.offsetOutOfRange', {
          member: r.member,
          tp: r.where[0]!,
          position: r.first.position,
          logStart: r.first.logStartOffset,
          policy: r.policy,
          resetTo: r.first.resetTo,
        }),
      };
    return {
      ...at,
      label: msg('timeline.mark.offsetOutOfRangeMany', {
        member: r.member,
        n: r.where.length,
        where: named(r.where),
        policy: r.policy,
      }),
    };
  }
}
