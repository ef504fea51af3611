/**
 * A challenge's allow pattern in words, for the rules list: `groups[id=*].commit` reads
 * "any consumer group: commit"; `producers[id=shop].config[*]` reads "producer shop: any client
 * setting (config)". Field names stay as the scenario format and Kafka spell them. A pattern
 * this does not recognise is shown as written (it is still exact).
 */
import { msg, type MessageKey, type Msg } from '../i18n';

const ENTITY: Record<string, { any: MessageKey; one: MessageKey }> = {
  topics: { any: 'challenges.rule.anyTopic', one: 'challenges.rule.topic' },
  producers: { any: 'challenges.rule.anyProducer', one: 'challenges.rule.producer' },
  groups: { any: 'challenges.rule.anyGroup', one: 'challenges.rule.group' },
};

const PATTERN = /^(topics|producers|groups)\[(?:id|name)=([^\]]+)\](.*)$/;

function fieldText(rest: string): Msg | string {
  if (rest === '' || rest === '.*' || rest === '[*]') return msg('challenges.rule.anySetting');
  if (rest === '.config[*]' || rest === '.config.*' || rest === '.config')
    return msg('challenges.rule.anyConfig');
  const m = /^(?:\.config)?(?:\.([A-Za-z_$][\w$]*)|\["([^"]+)"\])$/.exec(rest);
  if (m) return m[1] ?? m[2] ?? rest;
  const c = /^\.config(?:\.([A-Za-z_$][\w$]*)|\["([^"]+)"\])$/.exec(rest);
  if (c) return c[1] ?? c[2] ?? rest;
  return rest.replace(/^\./, '');
}

export function allowText(pattern: string): Msg | string {
  const m = PATTERN.exec(pattern);
  if (!m) return pattern;
  const [, kind, name, rest] = m as unknown as [string, keyof typeof ENTITY, string, string];
  const e = ENTITY[kind]!;
  const entity = name === '*' ? msg(e.any) : msg(e.one, { name });
  return msg('challenges.rule.entityField', { entity, field: fieldText(rest) });
}
