import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario, type SimEvent } from '../engine';
import { renderMsg } from '../i18n/translate';
import { builtInScenarios } from '../scenarios';
import { Timeline } from '../timeline';
import { RunInsight, type TimelineMark } from './insightStream';
import { RetentionMarks } from './retentionMarks';

function load(id: string, change?: (doc: Record<string, unknown>) => void): Scenario {
  const doc = structuredClone(builtInScenarios[id]) as Record<string, unknown>;
  change?.(doc);
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
  return r.scenario;
}

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;
const en = (m: TimelineMark) => renderMsg('en', m.label);
const zh = (m: TimelineMark) => renderMsg('zh-CN', m.label);

/** The marks of a whole log, fed in one go (then flushed). */
function marksOf(events: readonly SimEvent[]): TimelineMark[] {
  const rm = new RetentionMarks();
  const out: TimelineMark[] = [];
  events.forEach((e, i) => out.push(...rm.push(e, i)));
  out.push(...rm.flush());
  return out;
}

describe('timeline marks of retention', () => {
  const r = simulate(load('retention-outruns-consumer'));
  const marks = marksOf(r.events);
  const deletions = r.events.filter(
    (e): e is Ev<'segmentsDeleted'> => e.type === 'segmentsDeleted',
  );
  const resets = r.events.filter((e): e is Ev<'offsetOutOfRange'> => e.type === 'offsetOutOfRange');

  it('one mark per retention check that deleted segments, naming the setting, the counts and the partitions', () => {
    const checks = new Map<number, Ev<'segmentsDeleted'>[]>();
    for (const d of deletions) checks.set(d.timeUs, [...(checks.get(d.timeUs) ?? []), d]);
    const del = marks.filter((m) => en(m).includes('deleted from'));
    expect(del).toHaveLength(checks.size);
    expect(checks.size).toBeGreaterThan(3);
    for (const m of del) {
      expect(m.kind).toBe('retention');
      const ds = checks.get(m.timeUs)!;
      expect(m.index).toBe(r.events.indexOf(ds[0]!));
      const segs = ds.reduce((n, d) => n + d.baseOffsets.length, 0);
      const recs = ds.reduce((n, d) => n + d.logStartOffset - d.fromOffset, 0);
      const where = ds.map((d) => `clicks-${d.partition}`).join(', ');
      expect(en(m)).toBe(
        `retention.ms=3000: ${segs} segment${segs === 1 ? '' : 's'} (${recs} record${recs === 1 ? '' : 's'}) deleted from ${where}; the log start offset moves up`,
      );
      expect(zh(m)).toBe(
        `retention.ms=3000：从 ${where} 删除了 ${segs} 个日志段（${recs} 条记录），日志起始偏移量随之上移`,
      );
    }
  });

  it('one mark per member and poll whose positions were out of range, with the reset', () => {
    const polls = new Map<string, Ev<'offsetOutOfRange'>[]>();
    for (const e of resets) {
      const k = `${e.member}@${e.timeUs}`;
      polls.set(k, [...(polls.get(k) ?? []), e]);
    }
    const oor = marks.filter((m) => en(m).includes('OFFSET_OUT_OF_RANGE'));
    expect(oor).toHaveLength(polls.size);
    expect(polls.size).toBeGreaterThan(3);
    for (const m of oor) {
      const list = [...polls.values()].find(
        (l) => l[0]!.timeUs === m.timeUs && en(m).startsWith(`${l[0]!.member}:`),
      )!;
      const e = list[0]!;
      expect(m.index).toBe(r.events.indexOf(e));
      if (list.length === 1)
        expect(en(m)).toBe(
          `${e.member}: OFFSET_OUT_OF_RANGE on clicks-${e.partition}: position ${e.position} < log start offset ${e.logStartOffset}; auto.offset.reset=${e.policy} → ${e.resetTo}`,
        );
      else
        expect(en(m)).toBe(
          `${e.member}: OFFSET_OUT_OF_RANGE on ${list.length} partitions (${list
            .map((x) => `clicks-${x.partition}`)
            .join(', ')}): positions below the log start offset; auto.offset.reset=${e.policy}`,
        );
      expect(zh(m)).toContain('OFFSET_OUT_OF_RANGE');
      expect(zh(m)).toContain('日志起始偏移量');
    }
    // Both policies show: earliest (archiver) and latest (archiver-latest).
    expect(oor.some((m) => en(m).includes('auto.offset.reset=latest'))).toBe(true);
    expect(oor.some((m) => en(m).includes('auto.offset.reset=earliest'))).toBe(true);
  });

  it('100 partitions: a check is one mark and a poll is one mark, however many partitions they touch', () => {
    const sc = load('retention-outruns-consumer', (doc) => {
      (doc.topics as { partitions: number }[])[0]!.partitions = 100;
      (doc.producers as { rate: { perSec: number } }[])[0]!.rate.perSec = 400;
    });
    const big = simulate(sc);
    const m = marksOf(big.events);
    const checks = new Set(
      big.events.filter((e) => e.type === 'segmentsDeleted').map((e) => e.timeUs),
    );
    expect(m.filter((x) => en(x).includes('deleted from'))).toHaveLength(checks.size);
    const many = m.filter((x) => en(x).includes(' partitions ('));
    expect(many.length).toBeGreaterThan(0);
    // A mark names at most 3 partitions (then "…"): its size does not grow with partitions.
    for (const x of m) expect(en(x).match(/clicks-\d+/g)?.length ?? 0).toBeLessThanOrEqual(3);
    expect(m.some((x) => en(x).includes('deleted from') && en(x).includes(', …'))).toBe(true);
  });

  it('the worker’s RunInsight sends them, batch by batch, as the one-go fold does', () => {
    const tl = new Timeline({ maxBytes: 32 * 2 ** 20 });
    const run = tl.start(load('retention-outruns-consumer'));
    const insight = new RunInsight(run);
    const got: TimelineMark[] = [];
    for (let t = 0; t <= 12_000_000; t += 250_000) {
      run.record(t);
      const b = insight.catchUp();
      if (b) got.push(...b.marks.filter((m) => m.kind === 'retention'));
    }
    const want = marksOf(Array.from({ length: run.length }, (_, i) => run.cursor(i).next()!));
    expect(got.map((m) => [m.index, en(m)]).sort()).toEqual(
      want.map((m) => [m.index, en(m)]).sort(),
    );
  });
});
