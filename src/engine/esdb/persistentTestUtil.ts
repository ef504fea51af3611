/**
 * A tiny in-memory log for persistent-subscription tests: streams, `$all` positions from 0, and
 * `$>` link events (data `<number>@<stream>`, as `$by_category` writes them).
 */
import type { PersistentSource } from './persistentTypes';
import type { RecordedEvent, ResolvedEvent } from './types';

export class FakeLog implements PersistentSource {
  readonly all: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();
  private ids = 0;

  append(stream: string, eventType = 'Happened', eventId?: string): RecordedEvent {
    let list = this.streams.get(stream);
    if (list === undefined) {
      list = [];
      this.streams.set(stream, list);
    }
    const rec: RecordedEvent = {
      streamId: stream,
      eventNumber: list.length,
      eventId: eventId ?? `id-${this.ids++}`,
      eventType,
      data: {},
      metadata: {},
      position: this.all.length,
      createdUs: 0,
    };
    list.push(rec);
    this.all.push(rec);
    return rec;
  }

  /** A link to `target` in `stream` (e.g. `$ce-order`). */
  link(stream: string, target: RecordedEvent): RecordedEvent {
    const rec = this.append(stream, '$>');
    (rec as { data: unknown }).data = `${target.eventNumber}@${target.streamId}`;
    return rec;
  }

  private resolve(rec: RecordedEvent, resolveLinkTos: boolean): ResolvedEvent {
    if (!resolveLinkTos || rec.eventType !== '$>' || typeof rec.data !== 'string')
      return { event: rec };
    const at = rec.data.indexOf('@');
    const n = Number(rec.data.slice(0, at));
    const target = this.streams.get(rec.data.slice(at + 1))?.[n];
    return target ? { event: target, link: rec } : { event: rec };
  }

  read(stream: string, from: number, maxCount: number, resolveLinkTos: boolean): ResolvedEvent[] {
    const list = stream === '$all' ? this.all : (this.streams.get(stream) ?? []);
    const out: ResolvedEvent[] = [];
    const start = Math.max(0, from);
    for (let i = start; i < list.length && out.length < maxCount; i++) {
      const rec = list[i];
      if (rec) out.push(this.resolve(rec, resolveLinkTos));
    }
    return out;
  }

  end(stream: string): number {
    return stream === '$all' ? this.all.length : (this.streams.get(stream)?.length ?? 0);
  }
}
