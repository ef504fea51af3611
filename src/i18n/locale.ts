/**
 * The chosen language: a tiny store of its own (the app store's slices need not know it).
 * The default follows the browser (any zh-* → zh-CN, else en); a choice is remembered in
 * localStorage. Untrusted: anything stored that is not a known locale is ignored.
 */
import { create } from 'zustand';
import { LOCALES, type Locale } from './types';

export const LOCALE_STORAGE_KEY = 'eventflow.locale';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The browser's preference: the first of its languages we have, zh-* meaning zh-CN. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = String(lang).toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage blocked: fall through to the browser's languages
  }
  const nav = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } })
    .navigator;
  return localeFromLanguages(
    nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [],
  );
}

interface LocaleState {
  locale: Locale;
}

export const useLocaleStore = create<LocaleState>(() => ({ locale: initialLocale() }));

export function getLocale(): Locale {
  return useLocaleStore.getState().locale;
}

export function setLocale(locale: Locale): void {
  if (!isLocale(locale)) return;
  useLocaleStore.setState({ locale });
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // not remembered: the choice still applies to this tab
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
