import { useEffect, useState } from 'react';
import { useRenderMsg, useT } from '../../i18n';
import { updateSettings } from '../../store/designActions';
import { injectFault } from '../../store/forkActions';
import { esMenuItems } from '../panels/forms/EsForms';
import { useAppStore } from '../../store/store';
import { injectItems, type NodeTarget } from '../../store/liveFaults';

export interface NodeMenuAt extends NodeTarget {
  x: number;
  y: number;
  /** An event store node: its faults are scheduled in the design (esMenuItems). */
  es?: { kind: string; mode?: string; eventVersion: number };
}

/** How long a pause or a cut link lasts, picked at the top of the menu. */
const DURATIONS_MS = [500, 2000, 5000] as const;

/** Right-click a node → inject a fault now: the run forks at the cursor, the old future is kept. */
export function NodeMenu({ at, onClose }: { at: NodeMenuAt; onClose: () => void }) {
  const t = useT();
  const render = useRenderMsg();
  const scenario = useAppStore((s) => (s.compiled.ok ? s.compiled.scenario : null));
  useEffect(() => {
    const close = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [onClose]);
  const [durationMs, setDurationMs] = useState<number>(2000);
  const list = scenario && !at.es ? injectItems(at, scenario, durationMs) : [];
  const cursorUs = useAppStore((s) => s.cursor?.timeUs ?? 0);
  const esFaults = useAppStore((s) => s.settings.eventStoreFaults);
  const esItems = at.es
    ? esMenuItems(
        at.es.kind,
        at.name,
        Math.floor(cursorUs / 1000) + 1,
        at.es.mode,
        at.es.eventVersion,
      )
    : [];
  return (
    <div
      className="node-menu"
      style={{ left: at.x, top: at.y }}
      role="menu"
      data-testid="node-menu"
      onContextMenu={(e) => e.preventDefault()}
    >
      <p className="node-menu__title">{t('canvas.menu.title', { name: at.name })}</p>
      {at.kind !== 'topic' && at.kind !== 'amqp' && !at.es && (
        <label className="node-menu__duration">
          {t('canvas.menu.duration')}
          <select
            className="select"
            value={durationMs}
            onChange={(e) => setDurationMs(Number(e.target.value))}
            data-testid="inject-duration"
          >
            {DURATIONS_MS.map((ms) => (
              <option key={ms} value={ms}>
                {t('canvas.menu.seconds', { s: ms / 1000 })}
              </option>
            ))}
          </select>
        </label>
      )}
      {!scenario && <p className="node-menu__hint">{t('canvas.menu.invalid')}</p>}
      {esItems.map((it) => (
        <button
          key={it.testId}
          type="button"
          role="menuitem"
          className="menu__item"
          data-testid={it.testId}
          disabled={it.fault === null}
          onClick={() => {
            onClose();
            if (it.fault) updateSettings(['eventStoreFaults'], [...(esFaults ?? []), it.fault]);
          }}
        >
          {render(it.label)}
        </button>
      ))}
      {esItems.length > 0 && <p className="node-menu__hint">{t('eventStore.menu.scheduled')}</p>}
      {scenario && list.length === 0 && esItems.length === 0 && (
        <p className="node-menu__hint">{t('canvas.menu.nothing')}</p>
      )}
      {list.map((it) => (
        <button
          key={it.testId}
          type="button"
          role="menuitem"
          className="menu__item"
          data-testid={it.testId}
          onClick={() => {
            onClose();
            injectFault(it.fault, render(it.label));
          }}
        >
          {render(it.label)}
        </button>
      ))}
      <p className="node-menu__hint">{t('canvas.menu.hint')}</p>
    </div>
  );
}
