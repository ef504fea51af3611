/**
 * Timeline marks for the event store (issue 13): write conflicts (WrongExpectedVersion, expected
 * vs actual), failed commands, projection crashes (the checkpoint they restart from), rebuilds
 * (started, and done with how many events were replayed in how long) and deploys (the schema
 * versions the new code writes and expects). Faults and actions (crash, rebuild start, deploy)
 * are `fault` marks like Kafka's and RabbitMQ's; what the clients met (conflicts, failures, a
 * rebuild's end) are `eventStore` marks.
 */
import type { SimEvent } from '../engine';
import { formatMs } from '../insight';
import { msg } from '../i18n/translate';
import type { TimelineMark } from './insightStream';

export class EsMarks {
  /** Rebuilds running, per projection: when each started and how many events it replayed. */
  private readonly rebuilds = new Map<string, { timeUs: number; replayed: number }>();

  /** Feeds one event (log order); returns the mark it makes, if any. */
  push(e: SimEvent, index: number): TimelineMark | null {
    const at = { index, timeUs: e.timeUs };
    switch (e.type) {
      case 'es.appendConflicted':
        return {
          kind: 'eventStore',
          ...at,
          label: msg('esInsight.mark.conflict', {
            handler: e.handler,
            stream: e.stream,
            expected: String(e.expected),
            actual: String(e.actual),
          }),
        };
      case 'es.commandFailed':
        return {
          kind: 'eventStore',
          ...at,
          label:
            e.reason === 'WrongExpectedVersion'
              ? msg('esInsight.mark.failedConflicts', {
                  handler: e.handler,
                  command: e.commandId,
                  stream: e.stream,
                  attempts: e.attempts,
                })
              : msg('esInsight.mark.failedVersion', {
                  handler: e.handler,
                  command: e.commandId,
                  stream: e.stream,
                }),
        };
      case 'es.projectionCrashed':
        return {
          kind: 'fault',
          ...at,
          label: msg('esInsight.mark.crashed', {
            projection: e.projection,
            position: e.position,
            checkpoint: e.checkpoint,
          }),
        };
      case 'es.rebuildStarted':
        this.rebuilds.set(e.projection, { timeUs: e.timeUs, replayed: 0 });
        return {
          kind: 'fault',
          ...at,
          label: msg('esInsight.mark.rebuildStarted', {
            projection: e.projection,
            target: e.target,
          }),
        };
      case 'es.projected':
      case 'es.projectionCaughtUp': {
        const r = this.rebuilds.get(e.projection);
        if (!r) return null;
        if (e.type === 'es.projected') r.replayed++;
        if (!e.rebuildCompleted) return null;
        this.rebuilds.delete(e.projection);
        return {
          kind: 'eventStore',
          ...at,
          label: msg('esInsight.mark.rebuildDone', {
            projection: e.projection,
            n: r.replayed,
            ms: formatMs(e.timeUs - r.timeUs),
          }),
        };
      }
      case 'es.deployed':
        return {
          kind: 'fault',
          ...at,
          label: msg('esInsight.mark.deployed', {
            aggregate: e.aggregate,
            v: e.eventVersion,
            s: e.snapshotSchemaVersion,
          }),
        };
      default:
        return null;
    }
  }
}
