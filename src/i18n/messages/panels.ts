/** Messages of the panels area (see README.md). */
import type { Messages } from '../types';

export const en = {} as const;

export const zh: Messages<typeof en> = {};
