/**
 * The event store's timeline marks on its built-ins: one per conflict and failed command, a
 * crash naming the checkpoint it restarts from, a rebuild's start and end (events replayed),
 * deploys with their schema versions; labels render in both languages.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type SimEvent } from '../engine';
import { renderMsg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import { builtInScenarios } from '../scenarios';
import { EsMarks } from './esMarks';
import type { TimelineMark } from './insightStream';

function marksOf(id: string): { marks: TimelineMark[]; events: SimEvent[] } {
  const r = parseScenario(builtInScenarios[id]);
  if (!r.ok) throw new Error(id);
  const run = simulate(r.scenario);
  const m = new EsMarks();
  const marks: TimelineMark[] = [];
  run.events.forEach((e, i) => {
    const x = m.push(e, i);
    if (x) marks.push(x);
  });
  return { marks, events: run.events };
}

const en = (m: TimelineMark) => renderMsg('en', m.label as Msg);
const zh = (m: TimelineMark) => renderMsg('zh-CN', m.label as Msg);

describe('event store timeline marks', () => {
  it('a conflict mark per WrongExpectedVersion, a failure mark per failed command', () => {
    const { marks, events } = marksOf('es-optimistic-concurrency');
    const conflicts = events.filter((e) => e.type === 'es.appendConflicted');
    const failed = events.filter((e) => e.type === 'es.commandFailed');
    const c = marks.filter((m) => en(m).includes('WrongExpectedVersion'));
    expect(c.map((m) => m.index)).toEqual(conflicts.map((e) => events.indexOf(e)));
    expect(en(c[0]!)).toMatch(
      /^order-handler-\d: WrongExpectedVersion on order-1 \(expected no_stream, actual 0\)$/,
    );
    expect(zh(c[0]!)).toContain('期望 no_stream，实际 0');
    const f = marks.filter((m) => en(m).includes('failed after'));
    expect(f).toHaveLength(failed.length);
    expect(en(f[0]!)).toContain('failed after 3 attempts');
    expect(marks.every((m) => m.kind === 'eventStore')).toBe(true);
  });

  it('projection crashes name the checkpoint they restart from', () => {
    const { marks } = marksOf('es-double-count');
    expect(marks.map(en)).toEqual([
      'item-counter crashed at $all position 23; it restarts from checkpoint 20',
      'item-count-idempotent crashed at $all position 23; it restarts from checkpoint 20',
    ]);
    expect(marks.every((m) => m.kind === 'fault')).toBe(true);
    expect(zh(marks[0]!)).toBe('item-counter 在 $all 位置 23 崩溃；从检查点 20 重启');
  });

  it('a rebuild: started (the target) and done (events replayed, how long)', () => {
    const { marks, events } = marksOf('es-rebuild-read-model');
    expect(marks).toHaveLength(2);
    const start = events[marks[0]!.index]!;
    expect(start.type).toBe('es.rebuildStarted');
    expect(en(marks[0]!)).toBe(
      'order-totals: read model dropped, rebuild from $all position 0 to 40',
    );
    const done = events[marks[1]!.index]!;
    expect(done).toMatchObject({ rebuildCompleted: true });
    // Replayed: the projection's events from the rebuild's start to the end mark.
    const replayed = events
      .slice(marks[0]!.index, marks[1]!.index + 1)
      .filter((e) => e.type === 'es.projected').length;
    expect(en(marks[1]!)).toMatch(
      new RegExp(`^order-totals: rebuild done, ${replayed} events replayed in [\\d,.]+ ms$`),
    );
    expect(replayed).toBeGreaterThanOrEqual(40);
  });

  it('deploys with the schema versions the new code writes and expects', () => {
    const { marks } = marksOf('es-upcasting');
    const deploys = marks.filter((m) => m.kind === 'fault');
    expect(deploys.map(en)).toEqual([
      'payment: new code deployed (event schema version 2, snapshot schema version 2)',
      'invoice: new code deployed (event schema version 2, snapshot schema version 1)',
    ]);
    const failed = marks.filter((m) => m.kind === 'eventStore');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((m) => en(m).includes('(an event it cannot read)'))).toBe(true);
  });
});
