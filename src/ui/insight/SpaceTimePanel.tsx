import { memo, useEffect, useLayoutEffect, useRef, useState, type WheelEvent } from 'react';
import type { Arrow, SpaceTime } from '../../insight';
import { useT, type MessageKey } from '../../i18n';
import { selectActiveRun, selectAnomalies, selectShownTimeUs } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { seekIndex } from '../../store/timelineActions';
import { ask } from '../../store/workerPort';

const LABEL_W = 150;
const MIN_SPAN_US = 5_000;
const MAX_SPAN_US = 20_000_000;
const ARROW_CLASS: Record<Arrow['kind'], string> = {
  append: 'st-append',
  fetch: 'st-fetch',
  process: 'st-process',
  commit: 'st-commit',
  deliver: 'st-deliver',
  ack: 'st-ack',
  requeue: 'st-requeue',
};
const ARROW_WORD: Record<Arrow['kind'], MessageKey> = {
  append: 'insight.st.append',
  fetch: 'insight.st.fetch',
  process: 'insight.st.process',
  commit: 'insight.st.commit',
  deliver: 'insight.st.deliver',
  ack: 'insight.st.ack',
  requeue: 'insight.st.requeue',
};

/**
 * The space-time diagram of the window around the cursor: one lane per producer, partition
 * (the broker side) and consumer member; arrows for appends, fetches, processing and commits;
 * for RabbitMQ, lanes for publishers, queues and consumer members beside Kafka's, and arrows
 * for publishes, deliveries (redeliveries flagged), acks and requeues.
 * The worker lays it out (src/insight spaceTime, d3 scales); React draws the SVG. Wheel zooms.
 */
export const SpaceTimePanel = memo(function SpaceTimePanel() {
  const tr = useT();
  const run = useAppStore(selectActiveRun);
  const t = useAppStore(selectShownTimeUs);
  const anomalies = useAppStore(selectAnomalies);
  const [spanUs, setSpanUs] = useState(400_000);
  const [width, setWidth] = useState(800);
  const [st, setSt] = useState<{ fromUs: number; toUs: number; data: SpaceTime } | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(0);
  const busy = useRef(false);
  const pendingRef = useRef<(() => void) | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(300, el.clientWidth - LABEL_W - 16)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const fromUs = Math.max(0, Math.round(t - spanUs / 2));
  const toUs = fromUs + spanUs;
  useEffect(() => {
    // One request in flight; the newest window is asked for when it returns.
    const want = { fromUs, toUs, width, run };
    const send = () => {
      busy.current = true;
      const id = ask(
        {
          type: 'spaceTime',
          run: want.run,
          fromUs: want.fromUs,
          toUs: want.toUs,
          width: want.width,
        },
        (r) => {
          busy.current = false;
          if (r.type === 'spaceTime' && id === latest.current)
            setSt({ fromUs: r.fromUs, toUs: r.toUs, data: r.spaceTime });
          if (pendingRef.current) {
            const p = pendingRef.current;
            pendingRef.current = null;
            p();
          }
        },
      );
      latest.current = id;
    };
    if (busy.current) pendingRef.current = send;
    else send();
  }, [fromUs, toUs, width, run]);

  const onWheel = (e: WheelEvent) => {
    const f = e.deltaY > 0 ? 1.25 : 0.8;
    setSpanUs((s) => Math.min(MAX_SPAN_US, Math.max(MIN_SPAN_US, Math.round(s * f))));
  };
  const data = st?.data;
  const cursorX = st ? ((t - st.fromUs) / (st.toUs - st.fromUs)) * (data?.width ?? width) : 0;
  const marks = st
    ? anomalies.filter((a) => a.timeUs >= st.fromUs && a.timeUs <= st.toUs).slice(0, 200)
    : [];
  return (
    <div className="spacetime" ref={box} onWheel={onWheel} data-testid="space-time">
      <div className="spacetime__bar">
        <span className="muted">{tr('insight.st.window', { ms: spanUs / 1000 })}</span>
        <button
          type="button"
          className="button button--small"
          onClick={() => setSpanUs((s) => Math.max(MIN_SPAN_US, Math.round(s / 2)))}
          data-testid="st-zoom-in"
        >
          {tr('insight.st.zoomIn')}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => setSpanUs((s) => Math.min(MAX_SPAN_US, s * 2))}
          data-testid="st-zoom-out"
        >
          {tr('insight.st.zoomOut')}
        </button>
        <span className="st-legend">
          <i className="st-key st-key--append" /> {tr('insight.st.append')}{' '}
          <i className="st-key st-key--fetch" /> {tr('insight.st.fetch')}{' '}
          <i className="st-key st-key--process" /> {tr('insight.st.processed')}{' '}
          <i className="st-key st-key--commit" /> {tr('insight.st.commit')}
          {data?.lanes.some((l) => l.kind === 'queue') && (
            <>
              {' '}
              <i className="st-key st-key--deliver" /> {tr('insight.st.deliver')}{' '}
              <i className="st-key st-key--ack" /> {tr('insight.st.ack')}{' '}
              <i className="st-key st-key--requeue" /> {tr('insight.st.requeue')}
            </>
          )}
          <i className="st-key st-key--flagged" /> {tr('insight.st.flagged')}
        </span>
        {data?.summarised && (
          <span className="muted">{tr('insight.st.summarised', { n: data.total })}</span>
        )}
      </div>
      {data && (
        <svg
          width={LABEL_W + data.width + 8}
          height={data.height + 24}
          className="spacetime__svg"
          role="img"
          aria-label={tr('insight.st.diagram')}
        >
          <g transform={`translate(${LABEL_W},0)`}>
            {data.lanes.map((l) => (
              <g key={l.id} className={`st-lane st-lane--${l.kind}`}>
                <line x1={0} x2={data.width} y1={l.y} y2={l.y} />
                <text x={-8} y={l.y + 4} textAnchor="end">
                  {l.label}
                </text>
              </g>
            ))}
            {data.buckets.map((b, i) => (
              <line
                key={`b${i}`}
                className={`${ARROW_CLASS[b.kind]} st-bucket`}
                x1={b.x1}
                x2={b.x2}
                y1={b.y1}
                y2={b.y2}
                strokeWidth={Math.min(6, 1 + Math.log2(b.count))}
              />
            ))}
            {data.arrows.map((a, i) => (
              <line
                key={i}
                className={`${ARROW_CLASS[a.kind]}${a.redelivered || a.reordered || a.rejected ? ' st-flagged' : ''}`}
                x1={a.x1}
                x2={a.x2}
                y1={a.y1}
                y2={a.y2}
                markerEnd="url(#st-head)"
                onClick={() => seekIndex(a.index + 1)}
              >
                <title>
                  {[
                    `${tr(ARROW_WORD[a.kind])}${a.offset === undefined ? '' : ` @${a.offset}`}`,
                    ...(a.redelivered ? [tr('insight.st.redelivered')] : []),
                    ...(a.reordered ? [tr('insight.st.reordered')] : []),
                  ].join(' ')}
                </title>
              </line>
            ))}
            {marks.map((a) => {
              const x = ((a.timeUs - st!.fromUs) / (st!.toUs - st!.fromUs)) * data.width;
              return (
                <circle
                  key={a.id}
                  className={`st-anomaly st-anomaly--${a.kind}`}
                  cx={x}
                  cy={data.height + 8}
                  r={4}
                />
              );
            })}
            {data.ticks.map((k) => (
              <text key={k.x} className="st-tick" x={k.x} y={data.height + 20} textAnchor="middle">
                {k.label}
              </text>
            ))}
            {cursorX >= 0 && cursorX <= data.width && (
              <line className="st-cursor" x1={cursorX} x2={cursorX} y1={0} y2={data.height} />
            )}
          </g>
          <defs>
            <marker
              id="st-head"
              viewBox="0 0 6 6"
              refX="5"
              refY="3"
              markerWidth="5"
              markerHeight="5"
              orient="auto"
            >
              <path d="M0,0 L6,3 L0,6 z" fill="context-stroke" />
            </marker>
          </defs>
        </svg>
      )}
    </div>
  );
});
