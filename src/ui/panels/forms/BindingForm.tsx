import { useCallback } from 'react';
import type { BindingData, Issue, Segment } from '../../../diagram';
import type { AmqpTable } from '../../../engine';
import { useRenderMsg, useT } from '../../../i18n';
import { deleteSelection, updateEdgeData } from '../../../store/designActions';
import type { DiagramEdge } from '../../../store/designSlice';
import { selectEdgeInfo, selectExchangeType, selectNodeIssues } from '../../../store/selectors';
import { useAppStore } from '../../../store/store';
import { SelectInput, TextInput } from '../fields/inputs';
import { AMQP_NAME } from './amqpNames';

const NO_ISSUES: Issue[] = [];

/** A binding (an Exchange → Queue or Exchange → Exchange edge): its key, or its header arguments. */
export function BindingForm({ edge }: { edge: DiagramEdge }) {
  const t = useT();
  const render = useRenderMsg();
  const info = useAppStore(selectEdgeInfo(edge.id));
  const type = useAppStore(selectExchangeType(edge.source)) ?? 'direct';
  const sourceIssues = useAppStore(selectNodeIssues(edge.source));
  const targetKind = useAppStore((s) => s.nodes.find((x) => x.id === edge.target)?.data.kind);
  const issues = sourceIssues.filter((i) => i.edgeId === edge.id);
  const data = (edge.data ?? {}) as BindingData;
  const write = useCallback(
    (path: readonly Segment[], value: unknown) => updateEdgeData(edge.id, path, value),
    [edge.id],
  );
  const f = { data, issues: NO_ISSUES, write };
  const names = info && 'flow' in info ? info : null;
  return (
    <div className="panel__body" data-testid="properties-binding">
      <header className="panel__header">
        <span className="panel__kind panel__kind--binding">{t('panels.binding.title')}</span>
        {names && (
          <p className="panel__hint">
            {t('panels.binding.hint', {
              source: names.source,
              destination: names.target,
              kind: targetKind === 'queue' ? 'queue' : 'exchange',
            })}
          </p>
        )}
      </header>
      {issues.map((i, k) => (
        <p key={k} className="pfield__error" role="alert">
          {render(i.text ?? i.message)}
        </p>
      ))}
      <section className="panel__section">
        {type !== 'headers' && (
          <TextInput
            {...f}
            path={['routingKey']}
            label={t('panels.binding.routingKey')}
            hint={t('panels.binding.keyHint', { type })}
          />
        )}
        {type === 'headers' && <HeaderArguments args={data.arguments ?? {}} write={write} />}
      </section>
      <div className="panel__actions">
        <button
          type="button"
          className="button button--danger"
          onClick={deleteSelection}
          data-testid="delete-binding"
        >
          {t('panels.binding.delete')}
        </button>
      </div>
    </div>
  );
}

/** A headers binding: `x-match` and the header values it matches, one row each. */
function HeaderArguments({
  args,
  write,
}: {
  args: AmqpTable;
  write: (path: readonly Segment[], value: unknown) => void;
}) {
  const t = useT();
  const rows = Object.entries(args).filter(([k]) => k !== 'x-match');
  const setRows = (next: [string, string][]) => {
    const out: AmqpTable = {};
    if (args['x-match'] !== undefined) out['x-match'] = args['x-match'];
    for (const [k, v] of next) out[k] = v;
    write(['arguments'], out);
  };
  const plain = rows.map(([k, v]): [string, string] => [
    k,
    typeof v === 'string' ? v : JSON.stringify(v),
  ]);
  return (
    <>
      <SelectInput
        data={{ arguments: args }}
        issues={NO_ISSUES}
        write={write}
        path={['arguments', 'x-match']}
        label={AMQP_NAME.xMatch}
        options={[
          { value: 'all', label: t('panels.binding.xMatchAll') },
          { value: 'any', label: t('panels.binding.xMatchAny') },
          { value: 'all-with-x', label: 'all-with-x' },
          { value: 'any-with-x', label: 'any-with-x' },
        ]}
      />
      <h4 className="panel__sub">{t('panels.binding.headers')}</h4>
      {plain.length === 0 && <p className="pfield__hint">{t('panels.binding.noHeaders')}</p>}
      {plain.map(([k, v], i) => (
        <div className="header-row" key={i}>
          <input
            className="input"
            aria-label={t('panels.binding.header')}
            value={k}
            data-testid={`binding-header-name-${i}`}
            onChange={(e) => setRows(plain.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
          />
          <input
            className="input"
            aria-label={t('panels.binding.value')}
            value={v}
            data-testid={`binding-header-value-${i}`}
            onChange={(e) => setRows(plain.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
          />
          <button
            type="button"
            className="button button--icon"
            aria-label={t('panels.binding.removeHeader', { name: k })}
            onClick={() => setRows(plain.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button"
        data-testid="binding-add-header"
        onClick={() => setRows([...plain, [`h${plain.length + 1}`, '']])}
      >
        {t('panels.binding.addHeader')}
      </button>
    </>
  );
}
