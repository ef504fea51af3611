/**
 * Checks that a message (an anomaly's explanation, a lineage line) renders in every language:
 * every key is in the catalog, every parameter its pattern uses is given, nothing unfilled or
 * broken shows, it survives structured clone, it stays small and shallow, and the Chinese text
 * has no English words besides Kafka's own names and the run's names (topics, groups, members…).
 */
import { expect } from 'vitest';
import { catalogs, isMessageKey } from '../../i18n/catalog';
import { paramNames, parseMessage } from '../../i18n/icu';
import { renderMsg } from '../../i18n/translate';
import { isMsg, LOCALES, type Msg, type Param, type Params } from '../../i18n/types';
import { detectAnomalies as detectAll } from '../detector';

/** Parameters that choose a case of a select: their values are not names. */
export const SELECTORS = new Set([
  'absorbed',
  'late',
  'how',
  'zombie',
  'redelivered',
  'dedup',
  'event',
  'ok',
  'noAck',
  'mandatory',
]);

/** Kafka's own names (and RabbitMQ's, EventStoreDB's), kept as spelled in Chinese too. */
export const KAFKA_NAMES =
  /x-overflow|reject-publish|basic\.nack|enable\.idempotence=true|max\.poll\.interval\.ms|session\.timeout\.ms|max\.in\.flight\.requests\.per\.connection|auto\.offset\.reset=latest|unclean\.leader\.election\.enable|acks=0|ILLEGAL_GENERATION|UNKNOWN_MEMBER_ID|\bbroker\b|\bnull\b|\bpoll\b|\bKafka\b|\bms\b|redelivered=true|requeue=(?:true|false)|mandatory=true|\bmandatory\b|auto-ack|no-ack|x-death|x-delivery-limit|x-max-length-bytes|x-max-length|x-message-ttl|x-dead-letter-exchange|\bexpiration\b|basic\.return|basic\.ack|NO_ROUTE|\brejected\b|\bexpired\b|\bmaxlen\b|delivery_limit|RabbitMQ|\breject\b|\bnack\b|\(AMQP default\)|isolation\.level=read_uncommitted|read_committed|read_uncommitted|transaction\.timeout\.ms|transactional\.id|sendOffsetsToTransaction|initTransactions|\bproducer id\b|\bepoch\b|\bfence\b|KIP-447|OFFSET_OUT_OF_RANGE|auto\.offset\.reset=earliest|retention\.ms|retention\.bytes|enable\.idempotence|offsets\.retention\.minutes|\bmurmur2\b|delete\.retention\.ms=?|delivery\.timeout\.ms|commitTransaction|WrongExpectedVersion|EventStoreDB|no_stream|\$all\b|maxRetries|readYourWrites/g;

/** Words that mean a number or a name went missing on its way into a sentence. */
const BROKEN = /Infinity|NaN|undefined|\[object/;

/** Deepest nesting of messages, and the JSON size, a message may have (the worker sends it). */
export const MAX_MSG_DEPTH = 8;
export const MAX_MSG_JSON = 4000;

export function msgDepth(m: Msg): number {
  let d = 0;
  for (const v of Object.values(m.params ?? {})) if (isMsg(v)) d = Math.max(d, msgDepth(v));
  return d + 1;
}

/** Every key a message uses, nested ones included. */
export function msgKeys(m: Msg, into = new Set<string>()): Set<string> {
  into.add(m.key);
  for (const v of Object.values(m.params ?? {})) if (isMsg(v)) msgKeys(v, into);
  return into;
}

/** The message with the run's names (string parameters) replaced by a neutral mark. */
function masked(m: Msg): Msg {
  const params: Record<string, Param> = {};
  for (const [k, v] of Object.entries(m.params ?? {}))
    params[k] = isMsg(v) ? masked(v) : typeof v === 'string' && !SELECTORS.has(k) && v ? '•' : v;
  return { key: m.key, params };
}

function structure(m: Msg, out: string[]): void {
  if (!isMessageKey(m.key)) {
    out.push(`unknown key ${m.key}`);
    return;
  }
  const given: Params = m.params ?? {};
  for (const name of paramNames(parseMessage(catalogs.en[m.key]!)))
    if (given[name] === undefined) out.push(`${m.key}: parameter ${name} missing`);
  for (const v of Object.values(given)) if (isMsg(v)) structure(v, out);
}

/** What is wrong with `m`, as readable lines (empty when it renders well everywhere). */
export function msgProblems(m: Msg): string[] {
  const out: string[] = [];
  structure(m, out);
  if (msgDepth(m) > MAX_MSG_DEPTH) out.push(`nested ${msgDepth(m)} deep`);
  const json = JSON.stringify(m);
  if (json.length > MAX_MSG_JSON) out.push(`${json.length} characters of JSON`);
  const clone = structuredClone(m);
  for (const locale of LOCALES) {
    const text = renderMsg(locale, m);
    if (/[{}]/.test(text)) out.push(`${locale}: unfilled parameter in "${text}"`);
    if (/\bexplain\.[\w.]+/.test(text)) out.push(`${locale}: a key shows in "${text}"`);
    if (BROKEN.test(text)) out.push(`${locale}: broken value in "${text}"`);
    if (renderMsg(locale, clone) !== text) out.push(`${locale}: a structured clone renders apart`);
  }
  const zh = renderMsg('zh-CN', masked(m)).replace(KAFKA_NAMES, '');
  const english = /[A-Za-z]{2,}/.exec(zh);
  if (english) out.push(`zh-CN: English word "${english[0]}" in "${renderMsg('zh-CN', m)}"`);
  return out;
}

/**
 * `detectAnomalies`, checking every explanation it returns in both languages: the insight tests
 * that build logs by hand use this one, so each explanation they produce is rendered in English
 * and Chinese too.
 */
export function detectAnomalies(
  ...args: Parameters<typeof detectAll>
): ReturnType<typeof detectAll> {
  const found = detectAll(...args);
  for (const a of found)
    expect(msgProblems(a.explanation), `${a.id}: ${renderMsg('en', a.explanation)}`).toEqual([]);
  return found;
}
