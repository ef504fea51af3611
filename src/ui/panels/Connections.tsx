import { edgeMeaning, entityName, type FlowKind, type Issue, type NodeKind } from '../../diagram';
import { useRenderMsg, useT, type MessageKey, type Translate } from '../../i18n';
import { setLinks } from '../../store/designActions';
import type { DiagramNode } from '../../store/designSlice';
import { selectEdges, selectNodes } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { KIND_LABEL } from '../canvas/kindLabel';

interface Picker {
  dir: 'out' | 'in';
  flow: FlowKind;
  label: MessageKey;
  /** One at most (a producer's topic, a service's dead-letter topic). */
  single: boolean;
  field: string;
}

const PICKERS: Partial<Record<NodeKind, Picker[]>> = {
  producer: [
    {
      dir: 'out',
      flow: 'produce',
      label: 'panels.connections.writesTo',
      single: true,
      field: 'topic',
    },
  ],
  topic: [
    {
      dir: 'out',
      flow: 'consume',
      label: 'panels.connections.readBy',
      single: false,
      field: 'readers',
    },
  ],
  deadLetterTopic: [
    {
      dir: 'out',
      flow: 'consume',
      label: 'panels.connections.readBy',
      single: false,
      field: 'readers',
    },
  ],
  consumerGroup: [
    {
      dir: 'in',
      flow: 'consume',
      label: 'panels.connections.readsTopics',
      single: false,
      field: 'topics',
    },
  ],
  readModel: [
    {
      dir: 'in',
      flow: 'consume',
      label: 'panels.connections.readsTopics',
      single: false,
      field: 'topics',
    },
  ],
  service: [
    {
      dir: 'in',
      flow: 'consume',
      label: 'panels.connections.readsTopics',
      single: false,
      field: 'topics',
    },
    {
      dir: 'out',
      flow: 'emit',
      label: 'panels.connections.emitsTo',
      single: false,
      field: 'emitTopics',
    },
    {
      dir: 'out',
      flow: 'deadLetter',
      label: 'panels.connections.deadLetter',
      single: true,
      field: 'deadLetterTopic',
    },
  ],
};

/** Connections as form controls: the same edges as drawing on the canvas, only valid ones offered. */
export function Connections({ node, issues }: { node: DiagramNode; issues: readonly Issue[] }) {
  const t = useT();
  const render = useRenderMsg();
  const nodes = useAppStore(selectNodes);
  const edges = useAppStore(selectEdges);
  const pickers = PICKERS[node.data.kind] ?? [];
  const invalid = issues.filter((i) => i.edgeId !== undefined);
  return (
    <section className="panel__section" aria-label={t('panels.connections')}>
      <h4 className="panel__sub">{t('panels.connections')}</h4>
      {pickers.map((p) => {
        const candidates = nodes.filter((n) => {
          if (n.id === node.id) return false;
          const m =
            p.dir === 'out'
              ? edgeMeaning(node.data.kind, n.data.kind)
              : edgeMeaning(n.data.kind, node.data.kind);
          return m.ok && m.flow === p.flow;
        });
        const ids = candidates.map((n) => n.id);
        const linked = ids.filter((id) =>
          edges.some((e) =>
            p.dir === 'out'
              ? e.source === node.id && e.target === id
              : e.source === id && e.target === node.id,
          ),
        );
        const errors = issues.filter((i) => i.field === p.field);
        return (
          <div key={p.field} className={`pfield${errors.length ? ' pfield--invalid' : ''}`}>
            <span className="pfield__label">{t(p.label)}</span>
            {candidates.length === 0 && (
              <p className="pfield__hint">
                {t(
                  p.flow === 'deadLetter'
                    ? 'panels.connections.noneDeadLetter'
                    : p.dir === 'out' && p.flow === 'consume'
                      ? 'panels.connections.noneGroup'
                      : 'panels.connections.noneTopic',
                )}
              </p>
            )}
            {p.single && candidates.length > 0 ? (
              <select
                className="select select--block"
                value={linked[0] ?? ''}
                data-testid={`connect-${p.field}`}
                onChange={(e) =>
                  setLinks(node.id, p.dir, ids, e.target.value ? [e.target.value] : [])
                }
              >
                <option value="">{t('panels.connections.none')}</option>
                {candidates.map((n) => (
                  <option key={n.id} value={n.id}>
                    {label(n, t)}
                  </option>
                ))}
              </select>
            ) : (
              <div className="checks" data-testid={`connect-${p.field}`}>
                {candidates.map((n) => (
                  <label key={n.id} className="check">
                    <input
                      type="checkbox"
                      checked={linked.includes(n.id)}
                      data-testid={`connect-${p.field}-${entityName(n.data)}`}
                      onChange={(e) =>
                        setLinks(
                          node.id,
                          p.dir,
                          ids,
                          e.target.checked ? [...linked, n.id] : linked.filter((x) => x !== n.id),
                        )
                      }
                    />
                    <span>{label(n, t)}</span>
                  </label>
                ))}
              </div>
            )}
            {errors.map((i, k) => (
              <p
                key={k}
                className="pfield__error"
                role="alert"
                data-testid={`field-error-${p.field}`}
              >
                {render(i.text ?? i.message)}
              </p>
            ))}
          </div>
        );
      })}
      {invalid.map((i, k) => (
        <p key={k} className="pfield__error" role="alert" data-testid="edge-error">
          {t('panels.connections.edgeError', { message: i.text ?? i.message })}
        </p>
      ))}
    </section>
  );
}

const label = (n: DiagramNode, t: Translate) =>
  t('panels.connections.option', {
    name: entityName(n.data) || t('panels.connections.unnamed'),
    kind: t(KIND_LABEL[n.data.kind]).toLowerCase(),
  });
