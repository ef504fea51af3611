import {
  memo,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { FaultSpec } from '../../engine';
import { useRenderMsg, useT } from '../../i18n';
import { updateSettings } from '../../store/designActions';
import { selectEndUs, selectSettings } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import {
  faultFor,
  faultLabel,
  laneOfFault,
  lanesOf,
  msAt,
  PALETTE,
  type FaultLane,
  type PaletteFault,
} from './faultLanes';

const FAULT_MIME = 'application/x-eventflow-fault';

/**
 * Scheduled faults on lanes under the scrubber (same time scale): drag one from the palette onto
 * a lane at a time, drag a fault along its lane to move it, × or Delete removes it. They are the
 * design's faults: an edit is one undo step and the run starts again with them.
 */
export const FaultLanes = memo(function FaultLanes() {
  const t = useT();
  const scenario = useAppStore((s) => (s.compiled.ok ? s.compiled.scenario : null));
  const settings = useAppStore(selectSettings);
  const endMs = useAppStore(selectEndUs) / 1000;
  const lanes = useMemo(() => (scenario ? lanesOf(scenario) : []), [scenario]);
  const faults = settings.faults as unknown as FaultSpec[];
  if (!scenario) return <p className="lanes__note">{t('timeline.lanes.none')}</p>;
  const write = (next: FaultSpec[]) => updateSettings(['faults'], next);
  return (
    <div className="lanes" data-testid="fault-lanes">
      <div className="lanes__palette" aria-label={t('timeline.lanes.palette')}>
        <span className="muted">{t('timeline.lanes.drag')}</span>
        {PALETTE.filter((p) => lanes.some((l) => l.kind === p.lane)).map((p) => (
          <span
            key={p.kind}
            className={`fault-chip fault-chip--palette fault-chip--${p.lane}`}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(FAULT_MIME, p.kind);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            data-testid={`fault-palette-${p.kind}`}
          >
            {t(p.label)}
          </span>
        ))}
      </div>
      {lanes.map((lane) => (
        <Lane key={lane.id} lane={lane} faults={faults} lanes={lanes} endMs={endMs} write={write} />
      ))}
    </div>
  );
});

interface LaneProps {
  lane: FaultLane;
  faults: FaultSpec[];
  lanes: FaultLane[];
  endMs: number;
  write: (next: FaultSpec[]) => void;
}

function Lane({ lane, faults, lanes, endMs, write }: LaneProps) {
  const t = useT();
  const render = useRenderMsg();
  const track = useRef<HTMLDivElement>(null);
  const [refused, setRefused] = useState(false);
  const xMs = (clientX: number) => {
    const r = track.current!.getBoundingClientRect();
    return msAt(clientX - r.left, r.width, endMs);
  };
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(FAULT_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    const kind = e.dataTransfer.getData(FAULT_MIME) as PaletteFault;
    if (!kind) return;
    e.preventDefault();
    const f = faultFor(kind, lane, xMs(e.clientX));
    if (!f) {
      setRefused(true);
      setTimeout(() => setRefused(false), 1200);
      return;
    }
    write([...faults, f]);
  };
  return (
    <div
      className={`lane${refused ? ' lane--refused' : ''}`}
      ref={track}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid={`fault-lane-${lane.id}`}
    >
      <span className="lane__label">{render(lane.label)}</span>
      {refused && (
        <span className="lane__refused">
          {t(
            lane.kind === 'group'
              ? 'timeline.lanes.onlyGroup'
              : lane.kind === 'producer'
                ? 'timeline.lanes.onlyProducer'
                : lane.kind === 'topic'
                  ? 'timeline.lanes.onlyTopic'
                  : 'timeline.lanes.onlyCluster',
          )}
        </span>
      )}
      {faults.map((f, i) =>
        laneOfFault(f, lanes) === lane.id ? (
          <FaultChip
            key={i}
            fault={f}
            endMs={endMs}
            xMs={xMs}
            move={(atMs) => write(faults.map((g, k) => (k === i ? { ...g, atMs } : g)))}
            resize={(partitions) =>
              write(
                faults.map((g, k) =>
                  k === i && g.kind === 'addPartitions' ? { ...g, partitions } : g,
                ),
              )
            }
            remove={() => write(faults.filter((_, k) => k !== i))}
          />
        ) : null,
      )}
    </div>
  );
}

interface ChipProps {
  fault: FaultSpec;
  endMs: number;
  xMs: (clientX: number) => number;
  move: (atMs: number) => void;
  remove: () => void;
  /** addPartitions: set the new partition count. */
  resize: (partitions: number) => void;
}

function FaultChip({ fault, endMs, xMs, move, remove, resize }: ChipProps) {
  const t = useT();
  const render = useRenderMsg();
  const [dragMs, setDragMs] = useState<number | null>(null);
  const at = dragMs ?? fault.atMs;
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('.fault-chip__x, .fault-chip__step')) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragMs(fault.atMs);
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragMs !== null) setDragMs(xMs(e.clientX));
  };
  const onUp = () => {
    if (dragMs !== null && dragMs !== fault.atMs) move(dragMs);
    setDragMs(null);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      remove();
    }
  };
  const label = render(faultLabel(fault));
  return (
    <div
      className={`fault-chip fault-chip--placed${dragMs !== null ? ' is-dragging' : ''}`}
      style={{ left: `${endMs > 0 ? (at / endMs) * 100 : 0}%` }}
      tabIndex={0}
      role="button"
      aria-label={t('timeline.chip.aria', { label, at })}
      title={t('timeline.chip.title', { label, at })}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onKeyDown={onKey}
      data-testid="fault-chip"
      data-at-ms={at}
      data-kind={fault.kind}
    >
      {label}
      {fault.kind === 'addPartitions' && (
        <>
          <button
            type="button"
            className="fault-chip__step"
            aria-label={t('timeline.chip.fewerPartitions')}
            title={t('timeline.chip.fewerPartitions')}
            onClick={() => resize(Math.max(1, fault.partitions - 1))}
            data-testid="fault-partitions-down"
          >
            −
          </button>
          <button
            type="button"
            className="fault-chip__step"
            aria-label={t('timeline.chip.morePartitions')}
            title={t('timeline.chip.morePartitions')}
            onClick={() => resize(Math.min(10_000, fault.partitions + 1))}
            data-testid="fault-partitions-up"
          >
            +
          </button>
        </>
      )}
      <button
        type="button"
        className="fault-chip__x"
        aria-label={t('timeline.chip.remove', { label })}
        onClick={remove}
        data-testid="fault-remove"
      >
        ×
      </button>
    </div>
  );
}
