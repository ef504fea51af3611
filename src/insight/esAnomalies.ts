/**
 * The event store's anomalies (issue 13), found from its events (`es.*`) as RabbitMQ's are from
 * `amqp.*`: a stale read (a query answered from a read model behind the version the command
 * returned), a double count (a counter projection handling an event again after a crash between
 * handling and its checkpoint), a write conflict (WrongExpectedVersion: expected vs actual, and
 * who appended in between), a failed command (conflicts past maxRetries, or an event its code
 * cannot read), and a schema mismatch (an event of a version the code does not expect, with no
 * upcaster; a snapshot of a stale schema version ignored, count 0).
 *
 * Counts are the summary's `eventStore` counters: Σ stale-read = staleReads, double-count =
 * doubleCounted, write-conflict = conflicts, command-failed = failedCommands, schema-mismatch =
 * versionErrors (agreement.es.test.ts). An idempotent projection skipping an event it has seen
 * (`es.projected.duplicate` without `applied`: the summary's `deduplicated`) is no anomaly.
 *
 * Sources followed for the words: EventStoreDB's docs ("Appending events": the expected
 * version, WrongExpectedVersion with expected and actual; "Subscriptions": catch-up
 * subscriptions keep their own checkpoint, at-least-once after a restart), as the engine
 * (src/engine/esdb/system/decide.ts) follows them; Greg Young, "Versioning in an Event Sourced
 * System" (upcasting on read).
 */
import type { EsSimEvent, Model } from '../engine';
import { msg } from '../i18n/translate';
import type { Msg } from '../i18n/types';
import type { Anomaly, AnomalyCause, EsAnomalyKind } from './anomaly';
import { joinList, timeParam } from './format';

/** Handlers named in one conflict before "…" (more are rare: one read, one append). */
const MAX_OTHERS = 4;

interface Write {
  handler: string;
  index: number;
}

interface ProjectionFacts {
  /** The last checkpoint written (the `$all` position a restart resumes from). */
  checkpoint: number;
  /** Events handled since that checkpoint (what a crash now would make it handle again). */
  sinceCheckpoint: number;
  crash: {
    index: number;
    timeUs: number;
    checkpoint: number;
    position: number;
    rehandled: number;
  } | null;
  /** A rebuild running: when it started and the `$all` position it must reach. */
  rebuild: { timeUs: number; target: number } | null;
}

/** The stream's category: the text before its first '-' (EventStoreDB's `$by_category`). */
export function streamCategory(stream: string): string {
  const i = stream.indexOf('-');
  return i < 0 ? stream : stream.slice(0, i);
}

const versionText = (v: number | 'no_stream') => String(v);

function anomaly(
  kind: EsAnomalyKind,
  cause: AnomalyCause,
  e: { timeUs: number },
  index: number,
  stream: string,
  offset: number | undefined,
  actor: string,
  count: number,
  explanation: Msg,
  causeIndex?: number,
): Anomaly {
  const where = offset === undefined ? stream : `${stream}@${offset}`;
  return {
    id: `${kind}:${index}:es:${where}/${actor}`,
    kind,
    cause,
    index,
    timeUs: e.timeUs,
    topic: stream,
    partition: -1,
    ...(offset === undefined ? {} : { offset }),
    count,
    explanation,
    system: 'eventstore',
    actor,
    ...(causeIndex === undefined ? {} : { causeIndex }),
  };
}

/**
 * Watches a run's event store events (log order) and returns the anomalies each makes visible.
 * Memory: one entry per appended event (who wrote it: a conflict names the writer between the
 * read and the append), per projection, per stream's last snapshot and per aggregate.
 */
export class EsWatch {
  /** Per stream, by event number: the handler whose command appended it, and where. */
  private readonly writes = new Map<string, Write[]>();
  private readonly projections = new Map<string, ProjectionFacts>();
  /** The last snapshot per stream: its version and snapshot schema version. */
  private readonly snapshots = new Map<string, { version: number; schemaVersion: number }>();
  /** Snapshots already reported as ignored (stream, version, the code's schema version). */
  private readonly ignoredSeen = new Set<string>();
  /** Per aggregate: the code running (schema versions) and when it was deployed. */
  private readonly code = new Map<
    string,
    { eventVersion: number; snapshotSchemaVersion: number; deployedUs: number | null }
  >();
  /** The latest es.eventVersionError (a handler's failed read comes with its commandFailed). */
  private lastVersionError: Extract<EsSimEvent, { type: 'es.eventVersionError' }> | null = null;

  constructor(private readonly model: Model) {
    for (const a of model.eventStore?.aggregates ?? [])
      this.code.set(a.id, {
        eventVersion: a.eventVersion,
        snapshotSchemaVersion: a.snapshotSchemaVersion,
        deployedUs: null,
      });
  }

  private projection(id: string): ProjectionFacts {
    let p = this.projections.get(id);
    if (!p) {
      p = { checkpoint: 0, sinceCheckpoint: 0, crash: null, rebuild: null };
      this.projections.set(id, p);
    }
    return p;
  }

  private isProjection(id: string): boolean {
    return this.model.eventStore?.projectionIndex.has(id) ?? false;
  }

  /** The anomalies event `index` makes visible; then folds it into the facts. */
  push(e: EsSimEvent, index: number): Anomaly[] {
    const out: Anomaly[] = [];
    switch (e.type) {
      case 'es.commandSucceeded': {
        let list = this.writes.get(e.stream);
        if (!list) {
          list = [];
          this.writes.set(e.stream, list);
        }
        list[e.nextExpectedVersion] = { handler: e.handler, index };
        break;
      }
      case 'es.appendConflicted':
        out.push(this.conflict(e, index));
        break;
      case 'es.commandFailed':
        out.push(this.failed(e, index));
        break;
      case 'es.eventVersionError':
        this.lastVersionError = e;
        out.push(this.mismatch(e, index));
        break;
      case 'es.commandHandling': {
        if (!e.snapshotIgnored) break;
        const a = this.ignored(e, index);
        if (a) out.push(a);
        break;
      }
      case 'es.snapshotTaken':
        this.snapshots.set(e.stream, { version: e.version, schemaVersion: e.schemaVersion });
        break;
      case 'es.deployed':
        this.code.set(e.aggregate, {
          eventVersion: e.eventVersion,
          snapshotSchemaVersion: e.snapshotSchemaVersion,
          deployedUs: e.timeUs,
        });
        break;
      case 'es.projected': {
        if (e.duplicate && e.applied) out.push(this.doubleCount(e, index));
        const m = this.model.eventStore;
        if (m?.projections[m.projectionIndex.get(e.projection) ?? -1]?.inline) break;
        const p = this.projection(e.projection);
        if (e.rebuildCompleted) p.rebuild = null;
        if (e.checkpoint !== null) {
          p.checkpoint = e.checkpoint;
          p.sinceCheckpoint = 0;
        } else p.sinceCheckpoint++;
        break;
      }
      case 'es.projectionCrashed': {
        const p = this.projection(e.projection);
        p.crash = {
          index,
          timeUs: e.timeUs,
          checkpoint: e.checkpoint,
          position: e.position,
          rehandled: p.sinceCheckpoint,
        };
        p.checkpoint = e.checkpoint;
        p.sinceCheckpoint = 0;
        break;
      }
      case 'es.rebuildStarted': {
        const p = this.projection(e.projection);
        p.checkpoint = 0;
        p.sinceCheckpoint = 0;
        p.crash = null;
        p.rebuild = { timeUs: e.timeUs, target: e.target };
        break;
      }
      case 'es.projectionCaughtUp': {
        if (e.rebuildCompleted) this.projection(e.projection).rebuild = null;
        break;
      }
      case 'es.queryAnswered':
        if (e.stale && e.stream !== null) out.push(this.stale(e, index));
        break;
      default:
        break;
    }
    return out;
  }

  private stale(e: Extract<EsSimEvent, { type: 'es.queryAnswered' }>, index: number): Anomaly {
    const stream = e.stream!;
    const rebuild = this.projection(e.projection).rebuild;
    const explanation = msg('esInsight.staleRead', {
      query: e.query,
      projection: e.projection,
      stream,
      version: e.commandVersion,
      model:
        e.modelVersion < 0
          ? msg('esInsight.staleRead.noRow')
          : msg('esInsight.staleRead.model', { v: e.modelVersion }),
      behind: e.behindEvents,
      behindMs: timeParam(e.behindMs * 1000),
      position: e.modelPosition,
      checkpoint: this.projection(e.projection).checkpoint,
      rebuild: rebuild
        ? msg('esInsight.staleRead.rebuilding', {
            at: timeParam(rebuild.timeUs),
            target: rebuild.target,
          })
        : '',
    });
    const cause = this.writes.get(stream)?.[e.commandVersion]?.index;
    return anomaly(
      'stale-read',
      'projection-lag',
      e,
      index,
      stream,
      e.commandVersion,
      e.query,
      1,
      explanation,
      cause,
    );
  }

  private doubleCount(e: Extract<EsSimEvent, { type: 'es.projected' }>, index: number): Anomaly {
    const crash = this.projections.get(e.projection)?.crash ?? null;
    const explanation = msg('esInsight.doubleCount', {
      projection: e.projection,
      stream: e.stream,
      n: e.eventNumber,
      position: e.position,
      crash:
        crash === null
          ? msg('esInsight.doubleCount.unknown')
          : msg('esInsight.doubleCount.crash', {
              at: timeParam(crash.timeUs),
              upTo: crash.position - 1,
              checkpoint: crash.checkpoint,
              n: crash.rehandled,
            }),
    });
    return anomaly(
      'double-count',
      'projection-crash',
      e,
      index,
      e.stream,
      e.eventNumber,
      e.projection,
      1,
      explanation,
      crash?.index,
    );
  }

  private conflict(
    e: Extract<EsSimEvent, { type: 'es.appendConflicted' }>,
    index: number,
  ): Anomaly {
    const from = e.expected === 'no_stream' ? 0 : e.expected + 1;
    const to = e.actual === 'no_stream' ? -1 : e.actual;
    const list = this.writes.get(e.stream) ?? [];
    const names: string[] = [];
    let first: number | undefined;
    for (let v = from; v <= to; v++) {
      const w = list[v];
      if (!w) continue;
      first ??= w.index;
      if (!names.includes(w.handler)) names.push(w.handler);
    }
    const shown = names.slice(0, MAX_OTHERS);
    if (names.length > MAX_OTHERS) shown.push('…');
    const agg = this.model.eventStore?.aggregates.find((a) => a.id === e.aggregate);
    const explanation = msg('esInsight.conflict', {
      handler: e.handler,
      command: e.commandId,
      stream: e.stream,
      attempt: e.attempt,
      expected: versionText(e.expected),
      actual: versionText(e.actual),
      others: shown.length === 0 ? msg('esInsight.conflict.others') : joinList(shown),
      then: e.retry
        ? msg('esInsight.conflict.retry', { next: e.attempt + 1 })
        : msg('esInsight.conflict.gaveUp', { max: agg?.maxRetries ?? e.attempt - 1 }),
    });
    return anomaly(
      'write-conflict',
      'wrong-expected-version',
      e,
      index,
      e.stream,
      e.expected === 'no_stream' ? undefined : e.expected,
      e.handler,
      1,
      explanation,
      first,
    );
  }

  private failed(e: Extract<EsSimEvent, { type: 'es.commandFailed' }>, index: number): Anomaly {
    if (e.reason === 'WrongExpectedVersion') {
      const agg = this.model.eventStore?.aggregates.find((a) => a.id === e.aggregate);
      return anomaly(
        'command-failed',
        'retries-exhausted',
        e,
        index,
        e.stream,
        undefined,
        e.handler,
        1,
        msg('esInsight.failed.conflicts', {
          command: e.commandId,
          stream: e.stream,
          handler: e.handler,
          attempts: e.attempts,
          max: agg?.maxRetries ?? e.attempts - 1,
        }),
      );
    }
    const v = this.lastVersionError;
    const same = v !== null && v.stream === e.stream && v.reader === e.handler;
    return anomaly(
      'command-failed',
      'upcaster-missing',
      e,
      index,
      e.stream,
      same ? v.eventNumber : undefined,
      e.handler,
      1,
      msg('esInsight.failed.version', {
        command: e.commandId,
        stream: e.stream,
        handler: e.handler,
        n: same ? v.eventNumber : '?',
        v: same ? v.eventVersion : '?',
        expected: same ? v.expected : '?',
      }),
    );
  }

  private mismatch(
    e: Extract<EsSimEvent, { type: 'es.eventVersionError' }>,
    index: number,
  ): Anomaly {
    const aggregate = streamCategory(e.stream);
    const am = this.model.eventStore?.aggregates.find((a) => a.id === aggregate);
    const code = this.code.get(aggregate);
    const up = am?.upcast ?? null;
    const explanation = msg('esInsight.mismatch', {
      reader: e.reader,
      stream: e.stream,
      n: e.eventNumber,
      v: e.eventVersion,
      expected: e.expected,
      deploy:
        code?.deployedUs == null
          ? ''
          : msg('esInsight.mismatch.deploy', { at: timeParam(code.deployedUs) }),
      upcaster:
        up === null
          ? msg('esInsight.mismatch.noUpcaster', { v: e.eventVersion, expected: e.expected })
          : msg('esInsight.mismatch.otherUpcaster', {
              from: up.from,
              to: up.to,
              v: e.eventVersion,
              expected: e.expected,
            }),
      effect: this.isProjection(e.reader)
        ? msg('esInsight.mismatch.projection')
        : msg('esInsight.mismatch.handler'),
    });
    return anomaly(
      'schema-mismatch',
      'upcaster-missing',
      e,
      index,
      e.stream,
      e.eventNumber,
      e.reader,
      1,
      explanation,
    );
  }

  private ignored(
    e: Extract<EsSimEvent, { type: 'es.commandHandling' }>,
    index: number,
  ): Anomaly | null {
    const snap = this.snapshots.get(e.stream);
    const code = this.code.get(e.aggregate);
    if (!snap || !code) return null;
    const k = `${e.stream}\u0000${snap.version}\u0000${code.snapshotSchemaVersion}`;
    if (this.ignoredSeen.has(k)) return null;
    this.ignoredSeen.add(k);
    return anomaly(
      'schema-mismatch',
      'stale-snapshot',
      e,
      index,
      e.stream,
      snap.version,
      e.handler,
      0,
      msg('esInsight.staleSnapshot', {
        handler: e.handler,
        stream: e.stream,
        n: snap.version,
        v: snap.schemaVersion,
        expected: code.snapshotSchemaVersion,
        read: e.eventsRead,
      }),
    );
  }
}
