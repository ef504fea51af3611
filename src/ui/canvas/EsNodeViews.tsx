/**
 * The event store's nodes (issue 13), each reading the frame at the timeline cursor
 * (`view.eventStore`, worker/esView.ts): the Event store's streams (head version, events; the
 * most recently written, then "and K more") and `$all` as a lane of its newest records; an
 * Aggregate's commands, appends, WrongExpectedVersion conflicts and failures; a Projection's
 * position and checkpoint against the head, its lag (events, ms), a rebuild's progress and its
 * read model's rows; a Query's answers and stale reads.
 */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import {
  esInputName,
  NODE_WIDTH,
  type AggregateData,
  type ProjectionData,
  type QueryData,
} from '../../diagram';
import { useRenderMsg, useT } from '../../i18n';
import type { DiagramNode } from '../../store/designSlice';
import { useAppStore, type AppState } from '../../store/store';
import { ES_ALL_LANE, ES_STREAM_ROWS } from '../../worker/esView';
import { READ_MODEL_ROWS } from '../../worker/liveView';
import { formatCount } from '../format';
import { describeCommands, describeFrom, describeProjection } from './esDescribe';
import { NodeFrame } from './NodeFrame';
import { RowsTable } from './ReadModelTable';
import { Stat } from './Stat';

const selectEs = (s: AppState) => s.view?.eventStore;
const selectInput = (id: string) => (s: AppState) => esInputName(s.nodes, s.edges, id);

export const EventStoreNodeView = memo(function EventStoreNodeView({ id }: NodeProps<DiagramNode>) {
  const t = useT();
  const es = useAppStore(selectEs);
  const appenders = useAppStore(
    (s) =>
      s.edges.filter(
        (e) => e.target === id && s.nodes.find((n) => n.id === e.source)?.data.kind === 'aggregate',
      ).length,
  );
  const streams = es?.streams;
  const more = streams ? streams.total - streams.recent.length : 0;
  return (
    <NodeFrame
      id={id}
      kind="eventStore"
      title={t('eventStore.node.title')}
      testId="es-store-node"
      width={NODE_WIDTH.eventStore}
      sub={<span className="node__sub">{t('eventStore.node.aggregates', { n: appenders })}</span>}
    >
      <div className="es-title">{t('eventStore.node.streams')}</div>
      <RowsTable
        testId="es-streams"
        className="es-streams"
        headers={[
          t('eventStore.node.stream'),
          t('eventStore.node.version'),
          t('eventStore.node.events'),
        ]}
        rows={(streams?.recent ?? []).map((r) => ({
          key: r.id,
          testId: `es-stream-${r.id}`,
          cells: [
            r.id,
            <span data-testid={`es-stream-version-${r.id}`} data-value={r.version}>
              {formatCount(r.version)}
            </span>,
            r.events,
          ],
        }))}
        size={ES_STREAM_ROWS}
        empty={t('eventStore.node.noStreams')}
      />
      <p className="es-more" data-testid="es-more-streams">
        {more > 0 ? t('eventStore.node.moreStreams', { n: more }) : '\u00a0'}
      </p>
      <div className="es-title" data-testid="es-all-total" data-value={es?.all.total ?? 0}>
        {t('eventStore.node.allLane', { n: es?.all.total ?? 0 })}
      </div>
      <ol className="es-lane" data-testid="es-all-lane">
        {Array.from({ length: ES_ALL_LANE }, (_, i) => {
          const r = es?.all.records[i];
          return r ? (
            <li key={i} title={`${r.stream} · ${r.type}`}>
              <span className="es-lane__pos num">{r.position}</span>
              <span className="es-lane__stream">{r.stream}</span>
              <span className="es-lane__type">{r.type}</span>
            </li>
          ) : (
            <li key={i} className="es-lane__empty">
              {i === 0 && (es?.all.total ?? 0) === 0 ? t('eventStore.node.allEmpty') : '\u00a0'}
            </li>
          );
        })}
      </ol>
    </NodeFrame>
  );
});

export const AggregateNodeView = memo(function AggregateNodeView({
  id,
  data,
}: NodeProps<DiagramNode>) {
  const t = useT();
  const render = useRenderMsg();
  const d = data as AggregateData;
  const topic = useAppStore(selectInput(id));
  const live = useAppStore((s) => selectEs(s)?.aggregates[d.id]);
  const handlers = Number(d.handlers ?? 1);
  return (
    <NodeFrame
      id={id}
      kind="aggregate"
      title={d.id}
      testId={`es-aggregate-${d.id}`}
      width={NODE_WIDTH.aggregate}
      sub={
        <span className="node__sub">
          {t('eventStore.node.category', { category: d.id })} ·{' '}
          {t('eventStore.node.handlers', { n: Number.isFinite(handlers) ? handlers : 1 })}
        </span>
      }
    >
      <p className="node__emit">{render(describeCommands(d, topic))}</p>
      <div className="stats es-stats--2">
        <Stat
          label={t('eventStore.node.commands')}
          value={live?.commands ?? null}
          testId={`es-commands-${d.id}`}
        />
        <Stat
          label={t('eventStore.node.appended')}
          value={live?.succeeded ?? null}
          testId={`es-appended-${d.id}`}
        />
        <Stat
          label={t('eventStore.node.conflicts')}
          value={live?.conflicts ?? null}
          alert="warn"
          title={t('eventStore.node.conflictsTitle')}
          testId={`es-conflicts-${d.id}`}
        />
        <Stat
          label={t('eventStore.node.failed')}
          value={live ? live.failed + live.rejected : null}
          alert="danger"
          testId={`es-failed-${d.id}`}
        />
      </div>
    </NodeFrame>
  );
});

export const ProjectionNodeView = memo(function ProjectionNodeView({
  id,
  data,
}: NodeProps<DiagramNode>) {
  const t = useT();
  const render = useRenderMsg();
  const d = data as ProjectionData;
  const from = useAppStore(selectInput(id));
  const live = useAppStore((s) => selectEs(s)?.projections[d.id]);
  const fromText = describeFrom(from);
  const head = live ? live.head + 1 : 0;
  const pct = (v: number) => (head <= 0 ? 0 : Math.min(100, (v / head) * 100));
  return (
    <NodeFrame
      id={id}
      kind="projection"
      title={d.id}
      testId={`es-projection-${d.id}`}
      width={NODE_WIDTH.projection}
      sub={
        <span className="node__sub">
          {describeProjection(d).map(render).join(' · ')}
          {fromText ? ` · ${render(fromText)}` : ''}
        </span>
      }
    >
      <div
        className="es-progress"
        title={`${t('eventStore.node.checkpoint')} / ${t('eventStore.node.position')} / ${t('eventStore.node.head')}`}
      >
        <span className="es-progress__pos" style={{ width: `${pct(live?.position ?? 0)}%` }} />
        <span
          className="es-progress__checkpoint"
          style={{ left: `${pct(live?.checkpoint ?? 0)}%` }}
        />
      </div>
      <p className="es-rebuild" data-testid={`es-rebuild-${d.id}`}>
        {live?.rebuildProgress != null
          ? t('eventStore.node.rebuild', { pct: Math.round(live.rebuildProgress * 100) })
          : '\u00a0'}
      </p>
      <div className="stats es-stats--4">
        <Stat
          label={t('eventStore.node.position')}
          value={live?.position ?? null}
          testId={`es-position-${d.id}`}
        />
        <Stat
          label={t('eventStore.node.checkpoint')}
          value={live?.checkpoint ?? null}
          testId={`es-checkpoint-${d.id}`}
        />
        <Stat
          label={t('eventStore.node.behind')}
          value={live?.behindEvents ?? null}
          alert="warn"
          testId={`es-behind-${d.id}`}
        />
        <Stat
          label={t('eventStore.node.lagMs')}
          value={live ? Math.round(live.lagMs) : null}
          testId={`es-lag-${d.id}`}
        />
      </div>
      <RowsTable
        testId={`es-readmodel-${d.id}`}
        title={`${t('eventStore.node.readModel')} · ${t('eventStore.node.rows', { n: live?.rows ?? 0 })}`}
        headers={[
          t('eventStore.node.stream'),
          t('eventStore.node.events'),
          t('eventStore.node.version'),
        ]}
        rows={(live?.newest ?? []).map((r) => ({
          key: r.stream,
          cells: [r.stream, r.count, r.lastVersion],
        }))}
        size={READ_MODEL_ROWS}
        empty={t('eventStore.node.empty')}
      />
    </NodeFrame>
  );
});

export const QueryNodeView = memo(function QueryNodeView({ id, data }: NodeProps<DiagramNode>) {
  const t = useT();
  const d = data as QueryData;
  const projection = useAppStore(selectInput(id));
  const live = useAppStore((s) => selectEs(s)?.queries[d.id]);
  const perSec = Number(d.rate?.perSec);
  return (
    <NodeFrame
      id={id}
      kind="query"
      title={d.id}
      testId={`es-query-${d.id}`}
      width={NODE_WIDTH.query}
      sub={
        <span className="node__sub">
          {t('eventStore.node.queryRate', { perSec: Number.isFinite(perSec) ? perSec : 0 })} ·{' '}
          {d.readYourWrites ? t('eventStore.node.readYourWrites') : t('eventStore.node.eventual')}
        </span>
      }
    >
      <p className="node__emit">
        {projection !== null
          ? t('eventStore.form.reads', { projection })
          : t('eventStore.form.readsNothing')}
      </p>
      <div className="stats">
        <Stat
          label={t('eventStore.node.answered')}
          value={live?.answered ?? null}
          testId={`es-answered-${d.id}`}
        />
        <Stat
          label={t('eventStore.node.stale')}
          value={live?.stale ?? null}
          alert="warn"
          title={t('eventStore.node.staleTitle')}
          testId={`es-stale-${d.id}`}
        />
      </div>
    </NodeFrame>
  );
});
