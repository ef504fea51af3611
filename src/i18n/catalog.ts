/**
 * The message catalogs, merged from one file per area (messages/*.ts). `MessageKey` is every key
 * of the English source; each translation must have exactly those keys (a type error otherwise).
 */
import * as canvas from './messages/canvas';
import * as challenges from './messages/challenges';
import * as common from './messages/common';
import * as esInsight from './messages/esInsight';
import * as eventStore from './messages/eventStore';
import * as explain from './messages/explain';
import * as exportReal from './messages/exportReal';
import * as insight from './messages/insight';
import * as learn from './messages/learn';
import * as panels from './messages/panels';
import * as scenarios from './messages/scenarios';
import * as timeline from './messages/timeline';
import * as toolbar from './messages/toolbar';
import * as validation from './messages/validation';
import type { Locale } from './types';

const areas = {
  canvas,
  challenges,
  common,
  esInsight,
  eventStore,
  explain,
  exportReal,
  insight,
  learn,
  panels,
  scenarios,
  timeline,
  toolbar,
  validation,
};

export const en = {
  ...canvas.en,
  ...challenges.en,
  ...common.en,
  ...esInsight.en,
  ...eventStore.en,
  ...explain.en,
  ...exportReal.en,
  ...insight.en,
  ...learn.en,
  ...panels.en,
  ...scenarios.en,
  ...timeline.en,
  ...toolbar.en,
  ...validation.en,
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  ...canvas.zh,
  ...challenges.zh,
  ...common.zh,
  ...esInsight.zh,
  ...eventStore.zh,
  ...explain.zh,
  ...exportReal.zh,
  ...insight.zh,
  ...learn.zh,
  ...panels.zh,
  ...scenarios.zh,
  ...timeline.zh,
  ...toolbar.zh,
  ...validation.zh,
};

/** Prototype-free lookup tables, one per locale. */
export const catalogs: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: Object.assign(Object.create(null), en),
  'zh-CN': Object.assign(Object.create(null), zh),
};

/** Per area, for the catalog test (keys must start with their area's name). */
export const catalogAreas: Readonly<
  Record<string, { en: Record<string, string>; zh: Record<string, string> }>
> = areas;

export function isMessageKey(key: string): key is MessageKey {
  return key in catalogs.en;
}
