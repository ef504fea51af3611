import { useReactFlow } from '@xyflow/react';
import type { DragEvent, ReactNode } from 'react';
import { isEsKind, KINDS, NODE_WIDTH, type NodeKind } from '../../diagram';
import { addNode, selectOnly } from '../../store/designActions';
import { setSettingsOpen } from '../../store/uiActions';
import { useAppStore } from '../../store/store';
import { DRAG_MIME } from '../canvas/FlowCanvas';
import { useT } from '../../i18n';
import { KIND_LABEL } from '../canvas/kindLabel';
import { KindIcon } from './KindIcon';
import { KIND_HINT } from './kindHint';
import { CanvasNavigator } from '../canvas/CanvasNavigator';

/** Node kinds to drag onto the canvas (or click: the node lands in view, in its column). */
export function Palette() {
  const t = useT();
  const { screenToFlowPosition } = useReactFlow();
  const issues = useAppStore((s) => s.designIssues.length);
  /** A click adds the node in view, in its column of the flow: producers, then topics, then readers. */
  const addInView = (kind: NodeKind) => {
    const el = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const topLeft = el ? screenToFlowPosition({ x: el.left + 48, y: el.top + 48 }) : { x: 0, y: 0 };
    const column =
      kind === 'producer'
        ? 0
        : kind === 'topic' || kind === 'deadLetterTopic' || kind === 'exchange'
          ? 1
          : kind === 'queue' || kind === 'eventStore'
            ? 2
            : kind === 'query'
              ? 4
              : 3;
    addNode(kind, { x: topLeft.x + column * (NODE_WIDTH.topic + 72), y: topLeft.y });
  };
  const onDragStart = (e: DragEvent, kind: NodeKind) => {
    e.dataTransfer.setData(DRAG_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label={t('panels.palette')} data-testid="palette">
      <h3 className="palette__title">{t('panels.palette.add')}</h3>
      {KINDS.map((k, i) => (
        <PaletteItem
          key={k.kind}
          kind={k.kind}
          first={i === 0 || k.kind === 'exchange' || k.kind === 'aggregate'}
        >
          <button
            type="button"
            className={`palette__item palette__item--${k.kind}`}
            draggable
            onDragStart={(e) => onDragStart(e, k.kind)}
            onClick={() => addInView(k.kind)}
            title={t('panels.palette.itemTitle', { hint: t(KIND_HINT[k.kind]) })}
            data-testid={`palette-${k.kind}`}
          >
            <KindIcon kind={k.kind} />
            <span>{t(KIND_LABEL[k.kind])}</span>
          </button>
        </PaletteItem>
      ))}
      <p className="palette__hint">{t('panels.palette.hint')}</p>
      <span className="palette__spacer" />
      <CanvasNavigator />
      <button
        type="button"
        className="button palette__settings"
        onClick={() => (selectOnly(null), setSettingsOpen(true))}
        data-testid="design-settings"
      >
        {issues > 0
          ? t('panels.palette.settingsIssues', { n: issues })
          : t('panels.palette.settings')}
      </button>
    </nav>
  );
}

/** An item, under its system's heading when it is the first of its section (Kafka, RabbitMQ,
 *  Event store). */
function PaletteItem({
  kind,
  first,
  children,
}: {
  kind: NodeKind;
  first: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const amqp = kind === 'exchange' || kind === 'queue';
  const es = isEsKind(kind);
  return (
    <>
      {first && (
        <h4 className={`palette__section palette__section--${es ? 'es' : amqp ? 'amqp' : 'kafka'}`}>
          {es
            ? t('eventStore.palette.group')
            : amqp
              ? t('panels.palette.rabbitmq')
              : t('panels.palette.kafka')}
        </h4>
      )}
      {children}
    </>
  );
}
