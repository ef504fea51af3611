/**
 * The UI's languages. `en` is the source language; `zh-CN` is Simplified Chinese. Kafka's own
 * names (setting names, error codes, `acks`, ISR) are spelled as Kafka spells them in both.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** A value put into a message: text, a number, or another message (rendered in the same locale). */
export type Param = string | number | Msg;
export type Params = Readonly<Record<string, Param>>;

/**
 * A message to show, as data: a catalog key and its parameters. Code that runs outside React
 * (the store, the worker, insight) returns these; the UI renders them in the current locale, so
 * switching language re-renders everything already on screen.
 */
export interface Msg {
  readonly key: string;
  readonly params?: Params;
}

export function isMsg(v: unknown): v is Msg {
  return typeof v === 'object' && v !== null && typeof (v as Msg).key === 'string';
}

/** A translation of a source catalog: exactly the same keys. */
export type Messages<T> = { readonly [K in keyof T]: string };
