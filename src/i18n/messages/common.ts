/** Messages shared across the app (see README.md). */
import type { Messages } from '../types';

export const en = {
  'common.language': 'Language',
  'common.language.en': 'English',
  'common.language.zh-CN': '中文',
} as const;

export const zh: Messages<typeof en> = {
  'common.language': '语言',
  'common.language.en': 'English',
  'common.language.zh-CN': '中文',
};
