import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { READ_MODEL_ROWS, type ReadModelView } from '../../worker/liveView';
import { formatCount } from '../format';

export interface TableRow {
  /** A key for React and the first cell's hover text. */
  key: string;
  cells: [ReactNode, ReactNode, ReactNode];
  /** The third (or second) cell's value as data, for tests. */
  testId?: string;
}

/**
 * A fixed-height table of three columns: always `rows` rows (blank ones padded), so a node keeps
 * its size (and the layout holds) while rows arrive. Read models, the event store's streams.
 */
export function RowsTable({
  title,
  headers,
  rows,
  size,
  empty,
  className,
  testId,
}: {
  title?: ReactNode;
  headers: [string, string, string];
  rows: readonly TableRow[];
  size: number;
  empty: string;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={`readmodel${className ? ` ${className}` : ''}`} data-testid={testId}>
      {title !== undefined && <div className="readmodel__title">{title}</div>}
      <table className="readmodel__table">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: size }, (_, i) => {
            const r = rows[i];
            return r ? (
              <tr key={i} data-testid={r.testId}>
                <td title={r.key}>{r.cells[0]}</td>
                <td className="num">{r.cells[1]}</td>
                <td className={typeof r.cells[2] === 'number' ? 'num' : undefined}>{r.cells[2]}</td>
              </tr>
            ) : (
              <tr key={i}>
                <td colSpan={3} className="readmodel__empty">
                  {i === 0 ? empty : '\u00a0'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

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
    <RowsTable
      testId={`readmodel-${group}`}
      title={
        <>
          {t('canvas.readModel.table')} <span className="num">{formatCount(view?.size ?? 0)}</span>{' '}
          {t('canvas.readModel.rowsNewest')}
        </>
      }
      headers={[
        t('canvas.readModel.key'),
        t('canvas.readModel.events'),
        t('canvas.readModel.lastEvent'),
      ]}
      rows={(view?.rows ?? []).map((r) => ({
        key: r.key,
        cells: [r.key, r.events, <span title={r.lastType}>{r.lastType}</span>],
      }))}
      size={READ_MODEL_ROWS}
      empty={t('canvas.readModel.empty')}
    />
  );
}
