import { useT } from '../../i18n';
import { useLessonStore } from '../../store/lessonStore';

/** The open lesson step's time range, shaded on the scrubber's track. */
export function LessonRange({ endUs }: { endUs: number }) {
  const t = useT();
  const range = useLessonStore((s) => s.range);
  if (!range || endUs <= 0) return null;
  const pct = (ms: number) => Math.min(100, Math.max(0, ((ms * 1000) / endUs) * 100));
  const left = pct(range.fromMs);
  const width = Math.max(0.5, pct(range.toMs) - left);
  return (
    <div
      className="scrub__lesson-range"
      style={{ left: `${left}%`, width: `${width}%` }}
      title={t('learn.player.range')}
      data-testid="lesson-range"
      data-from-ms={range.fromMs}
      data-to-ms={range.toMs}
    />
  );
}
