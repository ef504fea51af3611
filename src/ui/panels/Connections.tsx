import { edgeMeaning, entityName, kindInfo, type FlowKind, type Issue, type NodeKind } from '../../diagram';
import { setLinks } from '../../store/designActions';
import type { DiagramNode } from '../../store/designSlice';
import { selectEdges, selectNodes } from '../../store/selectors';
import { useAppStore } from '../../store/store';

interface Picker {
  dir: 'out' | 'in';
  flow: FlowKind;
  label: string;
  /** One at most (a producer's topic, a service's dead-letter topic). */
  single: boolean;
  field: string;
}

const PICKERS: Partial<Record<NodeKind, Picker[]>> = {
  producer: [{ dir: 'out', flow: 'produce', label: 'Writes to topic', single: true, field: 'topic' }],
  topic: [{ dir: 'out', flow: 'consume', label: 'Read by', single: false, field: 'readers' }],
  deadLetterTopic: [{ dir: 'out', flow: 'consume', label: 'Read by', single: false, field: 'readers' }],
  consumerGroup: [{ dir: 'in', flow: 'consume', label: 'Reads topics', single: false, field: 'topics' }],
  readModel: [{ dir: 'in', flow: 'consume', label: 'Reads topics', single: false, field: 'topics' }],
  service: [
    { dir: 'in', flow: 'consume', label: 'Reads topics', single: false, field: 'topics' },
    { dir: 'out', flow: 'emit', label: 'Emits to topics', single: false, field: 'emitTopics' },
    { dir: 'out', flow: 'deadLetter', label: 'Dead-letter topic', single: true, field: 'deadLetterTopic' },
  ],
};

/** Connections as form controls: the same edges as drawing on the canvas, only valid ones offered. */
export function Connections({ node, issues }: { node: DiagramNode; issues: readonly Issue[] }) {
  const nodes = useAppStore(selectNodes);
  const edges = useAppStore(selectEdges);
  const pickers = PICKERS[node.data.kind] ?? [];
  const invalid = issues.filter((i) => i.edgeId !== undefined);
  return (
    <section className="panel__section" aria-label="Connections">
      <h4 className="panel__sub">Connections</h4>
      {pickers.map((p) => {
        const candidates = nodes.filter((n) => {
          if (n.id === node.id) return false;
          const m = p.dir === 'out' ? edgeMeaning(node.data.kind, n.data.kind) : edgeMeaning(n.data.kind, node.data.kind);
          return m.ok && m.flow === p.flow;
        });
        const ids = candidates.map((n) => n.id);
        const linked = ids.filter((id) => edges.some((e) => (p.dir === 'out' ? e.source === node.id && e.target === id : e.source === id && e.target === node.id)));
        const errors = issues.filter((i) => i.field === p.field);
        return (
          <div key={p.field} className={`pfield${errors.length ? ' pfield--invalid' : ''}`}>
            <span className="pfield__label">{p.label}</span>
            {candidates.length === 0 && <p className="pfield__hint">No {p.flow === 'deadLetter' ? 'dead-letter topic' : p.dir === 'out' && p.flow === 'consume' ? 'consumer group' : 'topic'} in the diagram yet.</p>}
            {p.single && candidates.length > 0 ? (
              <select
                className="select select--block"
                value={linked[0] ?? ''}
                data-testid={`connect-${p.field}`}
                onChange={(e) => setLinks(node.id, p.dir, ids, e.target.value ? [e.target.value] : [])}
              >
                <option value="">— none —</option>
                {candidates.map((n) => (
                  <option key={n.id} value={n.id}>
                    {label(n)}
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
                      onChange={(e) => setLinks(node.id, p.dir, ids, e.target.checked ? [...linked, n.id] : linked.filter((x) => x !== n.id))}
                    />
                    <span>{label(n)}</span>
                  </label>
                ))}
              </div>
            )}
            {errors.map((i, k) => (
              <p key={k} className="pfield__error" role="alert" data-testid={`field-error-${p.field}`}>
                {i.message}
              </p>
            ))}
          </div>
        );
      })}
      {invalid.map((i, k) => (
        <p key={k} className="pfield__error" role="alert" data-testid="edge-error">
          {i.message}. Select the edge and press Delete.
        </p>
      ))}
    </section>
  );
}

const label = (n: DiagramNode) => `${entityName(n.data) || '(unnamed)'} · ${kindInfo(n.data.kind).label.toLowerCase()}`;
