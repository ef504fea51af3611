import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { useT } from '../../i18n';
import { setBottomPx } from '../../store/lessonActions';
import { useLessonStore } from '../../store/lessonStore';

const STEP_PX = 20;

/**
 * Presenter mode: a drag handle above the timeline that sets the height of the bottom panels
 * (remembered); arrow keys move it too. The height reaches the insight panel as a CSS variable.
 */
export function BottomResizer() {
  const t = useT();
  const presenter = useLessonStore((s) => s.presenter);
  const px = useLessonStore((s) => s.bottomPx);
  const drag = useRef<{ y: number; px: number } | null>(null);
  useEffect(() => {
    const root = document.documentElement;
    if (presenter) root.style.setProperty('--presenter-bottom-px', `${px}px`);
    else root.style.removeProperty('--presenter-bottom-px');
  }, [presenter, px]);
  if (!presenter) return null;
  const onDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, px };
  };
  const onMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) setBottomPx(d.px + (d.y - e.clientY), false);
  };
  const onUp = () => {
    if (!drag.current) return;
    drag.current = null;
    setBottomPx(useLessonStore.getState().bottomPx);
  };
  return (
    <div
      className="bottom-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('learn.presenter.resize')}
      aria-valuenow={px}
      tabIndex={0}
      data-testid="bottom-resizer"
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onKeyDown={(e) => {
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          e.stopPropagation();
          setBottomPx(px + (e.key === 'ArrowUp' ? STEP_PX : -STEP_PX));
        }
      }}
    />
  );
}
