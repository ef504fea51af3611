import { useState } from 'react';
import { forkAtCursor } from '../../store/forkActions';
import { selectCompiledOk } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/** Settings changes a fork at the cursor can make to a consumer group. */
const CHANGES = [
  { id: 'after', label: 'commit after processing', set: { commit: 'after-processing' as const } },
  { id: 'idem', label: 'idempotent consumer', set: { idempotent: true } },
  { id: 'both', label: 'commit after processing + idempotent consumer', set: { commit: 'after-processing' as const, idempotent: true } },
];

/** "What if…": fork the shown run at the cursor with one group's commit or dedup changed. */
export function WhatIfMenu() {
  const [open, setOpen] = useState(false);
  const ok = useAppStore(selectCompiledOk);
  const groups = useAppStore((s) => (s.compiled.ok ? s.compiled.scenario.groups : null));
  return (
    <div className="menu">
      <button type="button" className="button" disabled={!ok} aria-expanded={open} onClick={() => setOpen(!open)} data-testid="what-if">
        What if…
      </button>
      {open && groups && (
        <div className="menu__list menu__list--up" role="menu" onMouseLeave={() => setOpen(false)}>
          {groups.flatMap((g) =>
            CHANGES.map((c) => (
              <button
                key={`${g.id}-${c.id}`}
                type="button"
                role="menuitem"
                className="menu__item"
                data-testid={`what-if-${g.id}-${c.id}`}
                onClick={() => {
                  setOpen(false);
                  forkAtCursor({ kind: 'setGroup', group: g.id, set: c.set }, `${g.id}: ${c.label}`);
                }}
              >
                <b>{g.id}</b>: {c.label}
              </button>
            )),
          )}
        </div>
      )}
    </div>
  );
}
