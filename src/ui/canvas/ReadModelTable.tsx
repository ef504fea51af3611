import { useT } from '../../i18n';
import { READ_MODEL_ROWS, type ReadModelView } from '../../worker/liveView';
import { formatCount } from '../format';

/** The newest rows of a read model's table (the projection's state), and its size. */
export function ReadModelTable({
  view,
  group,
}: {
  view: ReadModelView | undefined;
  group: string;
}) {
  const t = useT();
  return (
    <div className="readmodel" data-testid={`readmodel-${group}`}>
      <div className="readmodel__title">
        {t('canvas.readModel.table')} <span className="num">{formatCount(view?.size ?? 0)}</span>{' '}
        {t('canvas.readModel.rowsNewest')}
      </div>
      <table className="readmodel__table">
        <thead>
          <tr>
            <th>{t('canvas.readModel.key')}</th>
            <th>{t('canvas.readModel.events')}</th>
            <th>{t('canvas.readModel.lastEvent')}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: READ_MODEL_ROWS }, (_, i) => {
            // Always READ_MODEL_ROWS rows, so the node keeps its size (and the layout holds) as rows arrive.
            const r = view?.rows[i];
            return r ? (
              <tr key={i}>
                <td title={r.key}>{r.key}</td>
                <td className="num">{r.events}</td>
                <td title={r.lastType}>{r.lastType}</td>
              </tr>
            ) : (
              <tr key={i}>
                <td colSpan={3} className="readmodel__empty">
                  {i === 0 ? t('canvas.readModel.empty') : '\u00a0'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
