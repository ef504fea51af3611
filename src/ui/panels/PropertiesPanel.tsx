import { useCallback } from 'react';
import { esInputName, isGroupData, isTopicData, type Segment } from '../../diagram';
import { useRenderMsg, useT } from '../../i18n';
import { copySelection, deleteSelection, updateNodeData } from '../../store/designActions';
import {
  selectAmqpLink,
  selectEdge,
  selectNode,
  selectNodeIssues,
  selectSelectedCount,
  selectSingleSelectedEdgeId,
  selectSingleSelectedId,
} from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { KIND_LABEL } from '../canvas/kindLabel';
import { Connections } from './Connections';
import { BindingForm } from './forms/BindingForm';
import { AggregateForm, EventStoreForm, ProjectionForm, QueryForm } from './forms/EsForms';
import { ExchangeForm } from './forms/ExchangeForm';
import { GroupForm } from './forms/GroupForm';
import { QueueForm } from './forms/QueueForm';
import { ProducerForm } from './forms/ProducerForm';
import { TopicForm } from './forms/TopicForm';
import { KIND_HINT } from './kindHint';
import { SettingsForm } from './SettingsForm';

/** The selected node's settings (or the design's, when nothing is selected), validated per field. */
export function PropertiesPanel() {
  const t = useT();
  const id = useAppStore(selectSingleSelectedId);
  const count = useAppStore(selectSelectedCount);
  const settingsOpen = useAppStore((s) => s.settingsOpen);
  const edgeId = useAppStore(selectSingleSelectedEdgeId);
  const edge = useAppStore(selectEdge(edgeId));
  const binding = edge !== undefined && edge.data !== undefined ? edge : undefined;
  if (id === null && count <= 1 && !settingsOpen && !binding) return null;
  return (
    <aside className="panel" aria-label={t('panels.properties')} data-testid="properties">
      {id !== null ? (
        <NodeProperties id={id} />
      ) : binding ? (
        <BindingForm edge={binding} />
      ) : count > 1 ? (
        <MultiSelection count={count} />
      ) : (
        <SettingsForm />
      )}
    </aside>
  );
}

function NodeProperties({ id }: { id: string }) {
  const t = useT();
  const render = useRenderMsg();
  const node = useAppStore(selectNode(id));
  const issues = useAppStore(selectNodeIssues(id));
  const link = useAppStore(selectAmqpLink(id));
  const input = useAppStore((s) => esInputName(s.nodes, s.edges, id));
  const write = useCallback(
    (path: readonly Segment[], value: unknown) => updateNodeData(id, path, value),
    [id],
  );
  if (!node) return null;
  const d = node.data;
  const unpinned = issues.filter((i) => i.field === undefined || i.field === 'faults');
  return (
    <div className="panel__body" data-testid={`properties-${d.kind}`}>
      <header className="panel__header">
        {/* A group fed by a Queue is RabbitMQ consumers: no group.id, no partitions. */}
        <span className={`panel__kind panel__kind--${d.kind}`}>
          {t(
            d.kind === 'consumerGroup' && link && 'queue' in link
              ? 'canvas.kind.amqpConsumers'
              : KIND_LABEL[d.kind],
          )}
        </span>
        <p className="panel__hint">
          {t(
            isGroupData(d) && link && 'queue' in link
              ? 'panels.kind.amqpConsumers.hint'
              : KIND_HINT[d.kind],
          )}
        </p>
      </header>
      {unpinned.map((i, k) => (
        <p key={k} className="pfield__error" role="alert">
          {render(i.text ?? i.message)}
        </p>
      ))}
      <section className="panel__section">
        {d.kind === 'producer' && (
          <ProducerForm
            data={d}
            issues={issues}
            write={write}
            exchange={link && 'exchange' in link ? link.exchange : undefined}
          />
        )}
        {isTopicData(d) && <TopicForm data={d} issues={issues} write={write} />}
        {isGroupData(d) && (
          <GroupForm
            data={d}
            issues={issues}
            write={write}
            queue={link && 'queue' in link ? link.queue : undefined}
          />
        )}
        {d.kind === 'exchange' && <ExchangeForm data={d} issues={issues} write={write} />}
        {d.kind === 'queue' && <QueueForm data={d} issues={issues} write={write} />}
        {d.kind === 'aggregate' && (
          <AggregateForm data={d} issues={issues} write={write} input={input} />
        )}
        {d.kind === 'eventStore' && <EventStoreForm />}
        {d.kind === 'projection' && (
          <ProjectionForm data={d} issues={issues} write={write} input={input} />
        )}
        {d.kind === 'query' && <QueryForm data={d} issues={issues} write={write} input={input} />}
      </section>
      <Connections node={node} issues={issues} />
      <div className="panel__actions">
        <button type="button" className="button" onClick={() => copySelection()}>
          {t('panels.copy')}
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={deleteSelection}
          data-testid="delete-node"
        >
          {t('panels.delete')}
        </button>
      </div>
    </div>
  );
}

function MultiSelection({ count }: { count: number }) {
  const t = useT();
  return (
    <div className="panel__body">
      <header className="panel__header">
        <span className="panel__kind">{t('panels.multi.title', { n: count })}</span>
        <p className="panel__hint">{t('panels.multi.hint')}</p>
      </header>
      <div className="panel__actions">
        <button type="button" className="button" onClick={() => copySelection()}>
          {t('panels.copy')}
        </button>
        <button type="button" className="button button--danger" onClick={deleteSelection}>
          {t('panels.multi.delete', { n: count })}
        </button>
      </div>
    </div>
  );
}
