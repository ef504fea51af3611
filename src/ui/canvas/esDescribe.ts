/**
 * The event store's nodes in words (messages, in the UI's language): shared by their canvas
 * views and the SVG export. Data may be mid-edit: never assume it is valid.
 */
import { ALL_STREAM, type EsData } from '../../diagram';
import { msg, type Msg } from '../../i18n';
import type { EsView } from '../../worker/esView';
import { describeKeys } from './describe';

/** An aggregate's commands: from its topic, or its own rate over its keys. */
export function describeCommands(
  d: Extract<EsData, { kind: 'aggregate' }>,
  topic: string | null,
): Msg {
  if (topic !== null) return msg('eventStore.node.fromTopic', { topic });
  const c = d.commands;
  const perSec = Number(c?.rate?.perSec);
  return msg('eventStore.node.rate', {
    perSec: Number.isFinite(perSec) ? perSec : 0,
    keys: describeKeys(c?.keys, undefined),
  });
}

/** A projection's mode and handling: "async · counter". */
export function describeProjection(d: Extract<EsData, { kind: 'projection' }>): Msg[] {
  return [
    msg(d.mode === 'inline' ? 'eventStore.node.inline' : 'eventStore.node.async'),
    msg(
      d.projectionKind === 'idempotent' ? 'eventStore.node.idempotent' : 'eventStore.node.counter',
    ),
  ];
}

/** What a node reads: `$all` as EventStoreDB spells it, a category as its streams `c-…`. */
export function describeFrom(from: string | null): Msg | null {
  if (from === null) return null;
  return msg('eventStore.node.reads', {
    from: from === ALL_STREAM ? ALL_STREAM : msg('eventStore.node.category', { category: from }),
  });
}

/** The lines of an event store node in the SVG export (its settings, then its live figures). */
export function esFacts(
  d: EsData,
  input: string | null,
  view: EsView | undefined,
): (Msg | string)[] {
  const out: (Msg | string)[] = [];
  switch (d.kind) {
    case 'aggregate': {
      out.push(msg('eventStore.node.category', { category: d.id }), describeCommands(d, input));
      const v = view?.aggregates[d.id];
      if (v)
        out.push(
          msg('canvas.change.set', { name: msg('eventStore.node.appended'), value: v.succeeded }),
          msg('canvas.change.set', { name: 'WrongExpectedVersion', value: v.conflicts }),
        );
      break;
    }
    case 'eventStore':
      if (view) {
        out.push(msg('eventStore.node.allLane', { n: view.all.total }));
        for (const s of view.streams.recent) out.push(`${s.id} @${s.version}`);
      }
      break;
    case 'projection': {
      const from = describeFrom(input);
      if (from) out.push(from);
      out.push(...describeProjection(d));
      const v = view?.projections[d.id];
      if (v)
        out.push(
          msg('canvas.change.set', {
            name: msg('eventStore.node.checkpoint'),
            value: v.checkpoint,
          }),
          msg('canvas.change.set', { name: msg('eventStore.node.behind'), value: v.behindEvents }),
        );
      break;
    }
    case 'query': {
      const v = view?.queries[d.id];
      if (input !== null) out.push(msg('eventStore.form.reads', { projection: input }));
      if (v)
        out.push(msg('canvas.change.set', { name: msg('eventStore.node.stale'), value: v.stale }));
      break;
    }
  }
  return out;
}
