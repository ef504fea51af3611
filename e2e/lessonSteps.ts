import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * A lesson's file and the step walk the Chinese lesson specs share: wait until a step is shown
 * (its count, its cursor time, its title), go to the next one. Waits for states only.
 */
type Text = { en: string; 'zh-CN': string };
export interface LessonFile {
  id: string;
  title: Text;
  steps: { atMs?: number; title: Text; narration: Text; task?: { text: Text; hints?: Text[] } }[];
}

export function loadLesson(file: string): LessonFile {
  return JSON.parse(
    readFileSync(new URL(`../src/lessons/${file}`, import.meta.url), 'utf8'),
  ) as LessonFile;
}

/** The one number a narration quotes right before `after`. */
export function quoted(narration: string, after: string): number {
  const m = new RegExp(`(\\d[\\d,]*)\\s*${after}`).exec(narration);
  if (!m) throw new Error(`no number before "${after}" in: ${narration}`);
  return Number(m[1]!.replace(/,/g, ''));
}

export function lessonSteps(lesson: LessonFile) {
  const of = lesson.steps.length;
  const atStep = async (page: Page, n: number): Promise<void> => {
    await expect(page.getByTestId('lesson-step-count')).toHaveText(`第 ${n} 步，共 ${of} 步`);
    await expect(page.getByTestId('lesson-status')).toHaveAttribute('data-entering', 'false', {
      timeout: 120_000,
    });
    await expect(page.getByTestId('cursor-time')).toHaveAttribute(
      'data-time-us',
      String((lesson.steps[n - 1]!.atMs ?? 0) * 1000),
    );
    await expect(page.getByTestId('lesson-step-title')).toHaveText(
      lesson.steps[n - 1]!.title['zh-CN'],
    );
  };
  const next = async (page: Page, n: number): Promise<void> => {
    await page.getByTestId('lesson-next').click();
    await atStep(page, n);
  };
  return { of, atStep, next, zh: (i: number) => lesson.steps[i]!.narration['zh-CN'] };
}
