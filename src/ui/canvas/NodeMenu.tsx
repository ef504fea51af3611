import { useEffect, useState } from 'react';
import type { FaultSpec, Scenario } from '../../engine';
import { injectFault } from '../../store/forkActions';
import { useAppStore } from '../../store/store';

type FaultNow = FaultSpec extends infer F ? (F extends unknown ? Omit<F, 'atMs'> : never) : never;

export interface NodeMenuAt {
  x: number;
  y: number;
  /** The engine entity: a group id, producer id or topic name. */
  kind: 'group' | 'producer' | 'topic';
  name: string;
}

interface Item {
  label: string;
  fault: FaultNow;
  testId: string;
}

/** How long a pause or a cut link lasts, picked at the top of the menu. */
const DURATIONS_MS = [500, 2000, 5000] as const;

function items(at: NodeMenuAt, scenario: Scenario, durationMs: number): Item[] {
  const out: Item[] = [];
  const secs = `${durationMs / 1000} s`;
  const brokers = scenario.cluster?.brokers ?? 0;
  if (at.kind === 'group') {
    const g = scenario.groups.find((x) => x.id === at.name);
    const members = g ? (Array.isArray(g.members) ? g.members.map((m) => m.id) : Array.from({ length: g.members }, (_, i) => `${g.id}-${i + 1}`)) : [];
    for (const member of members) {
      out.push({ label: `Crash ${member}`, fault: { kind: 'crash', group: at.name, member }, testId: `inject-crash-${member}` });
      out.push({ label: `Pause ${member} for ${secs}`, fault: { kind: 'pause', group: at.name, member, durationMs }, testId: `inject-pause-${member}` });
      out.push({ label: `Restart ${member}`, fault: { kind: 'restart', group: at.name, member }, testId: `inject-restart-${member}` });
      out.push({ label: `Cut ${member} off from the coordinator for ${secs}`, fault: { kind: 'networkPartition', between: [member, 'coordinator'], durationMs }, testId: `inject-cut-${member}` });
    }
  } else if (at.kind === 'producer') {
    out.push({ label: 'Send a poison message', fault: { kind: 'poisonMessage', producer: at.name }, testId: `inject-poison-${at.name}` });
    out.push({ label: 'Lose the next 5 acks', fault: { kind: 'ackLoss', producer: at.name, count: 5 }, testId: `inject-ackloss-${at.name}` });
    for (let b = 1; b <= brokers; b++)
      out.push({ label: `Cut off from broker-${b} for ${secs}`, fault: { kind: 'networkPartition', between: [at.name, `broker-${b}`], durationMs }, testId: `inject-cut-${at.name}-broker-${b}` });
  }
  for (let b = 1; b <= brokers && at.kind === 'topic'; b++)
    out.push({ label: `Take broker ${b} down`, fault: { kind: 'brokerDown', broker: b }, testId: `inject-broker-down-${b}` });
  return out;
}

/** Right-click a node → inject a fault now: the run forks at the cursor, the old future is kept. */
export function NodeMenu({ at, onClose }: { at: NodeMenuAt; onClose: () => void }) {
  const scenario = useAppStore((s) => (s.compiled.ok ? s.compiled.scenario : null));
  useEffect(() => {
    const close = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [onClose]);
  const [durationMs, setDurationMs] = useState<number>(2000);
  const list = scenario ? items(at, scenario, durationMs) : [];
  return (
    <div className="node-menu" style={{ left: at.x, top: at.y }} role="menu" data-testid="node-menu" onContextMenu={(e) => e.preventDefault()}>
      <p className="node-menu__title">Inject now into {at.name}</p>
      {at.kind !== 'topic' && (
        <label className="node-menu__duration">
          Pauses and cut links last
          <select className="select" value={durationMs} onChange={(e) => setDurationMs(Number(e.target.value))} data-testid="inject-duration">
            {DURATIONS_MS.map((ms) => (
              <option key={ms} value={ms}>
                {ms / 1000} s
              </option>
            ))}
          </select>
        </label>
      )}
      {!scenario && <p className="node-menu__hint">The design has problems: fix them to inject faults.</p>}
      {scenario && list.length === 0 && <p className="node-menu__hint">Nothing to inject here.</p>}
      {list.map((it) => (
        <button
          key={it.testId}
          type="button"
          role="menuitem"
          className="menu__item"
          data-testid={it.testId}
          onClick={() => {
            onClose();
            injectFault(it.fault, it.label);
          }}
        >
          {it.label}
        </button>
      ))}
      <p className="node-menu__hint">Forks the timeline at the cursor; the previous future stays as the other run.</p>
    </div>
  );
}
