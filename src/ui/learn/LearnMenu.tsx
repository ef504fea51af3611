import { useEffect, useMemo, useRef, type ChangeEvent } from 'react';
import { useLocale, useT } from '../../i18n';
import { localize, parseLesson } from '../../learn/lesson';
import { lessons } from '../../lessons';
import { closeLesson, openLesson, openLessonText } from '../../store/lessonActions';
import { useLessonStore } from '../../store/lessonStore';
import { ChallengeList } from './challenges/ChallengeList';

/** Lesson files larger than this are refused before they are read. */
const MAX_LESSON_FILE_BYTES = 5_000_000;

/** The shipped lessons, parsed once like any other input (a broken one is listed, disabled). */
const shipped = lessons.map((raw, i) => ({ raw, i, parsed: parseLesson(raw) }));

/**
 * Learn ▾ in the toolbar: the shipped lessons, a lesson file to open, and the challenges
 * (helper G's list). Opening either opens its scenario as a new document; the user's designs stay.
 */
export function LearnMenu() {
  const t = useT();
  const locale = useLocale();
  const menu = useRef<HTMLDetailsElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const openId = useLessonStore((s) => s.lesson?.id ?? null);
  const items = useMemo(
    () =>
      shipped.map((l) =>
        l.parsed.ok
          ? { key: l.parsed.lesson.id, title: localize(l.parsed.lesson.title, locale), ok: true, l }
          : { key: `broken-${l.i}`, title: t('learn.menu.broken', { n: l.i + 1 }), ok: false, l },
      ),
    [locale, t],
  );
  // A <details> menu stays open by itself: Esc and a click anywhere else close it.
  useEffect(() => {
    const shut = () => menu.current?.removeAttribute('open');
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && menu.current?.open) shut();
    };
    const onDown = (e: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) shut();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, []);
  const close = () => menu.current?.removeAttribute('open');
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_LESSON_FILE_BYTES) {
      useLessonStore.setState({
        problem: {
          source: file.name,
          errors: [
            {
              path: '$',
              message: `the file is ${file.size} bytes; at most ${MAX_LESSON_FILE_BYTES} are read`,
              code: 'textTooLong',
              params: { chars: file.size, max: MAX_LESSON_FILE_BYTES },
            },
          ],
        },
      });
      return;
    }
    openLessonText(await file.text(), file.name);
  };
  return (
    <div className="button-group">
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => void onFile(e)}
        data-testid="lesson-file-input"
      />
      <details className="menu" ref={menu} data-testid="learn-menu-details">
        <summary className="button" data-testid="learn-menu">
          {t('learn.menu.button')}
        </summary>
        <div className="menu__list learn-menu" role="menu">
          <span className="learn-menu__heading">{t('learn.menu.lessons')}</span>
          {items.map((it) => (
            <button
              key={it.key}
              type="button"
              role="menuitem"
              className={`menu__item${it.key === openId ? ' is-active' : ''}`}
              disabled={!it.ok}
              data-testid={`lesson-open-${it.key}`}
              onClick={() => {
                close();
                openLesson(it.l.raw, it.key);
              }}
            >
              {it.title}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            data-testid="lesson-open-file"
            onClick={() => {
              close();
              input.current?.click();
            }}
          >
            {t('learn.menu.openFile')}
          </button>
          <hr className="menu__sep" />
          <span className="learn-menu__heading">{t('learn.menu.challenges')}</span>
          <ChallengeList
            onOpen={() => {
              closeLesson();
              close();
            }}
          />
        </div>
      </details>
    </div>
  );
}
