import { runAmqpScriptDetailed, type AmqpRunResult } from './runScript';
import type { AmqpObservation, AmqpOp, AmqpProfile } from './script';

export function run(ops: AmqpOp[], profile: AmqpProfile = '3.10'): AmqpRunResult {
  return runAmqpScriptDetailed({ profile, ops });
}

export const ofKind = <K extends AmqpObservation['kind']>(r: AmqpRunResult, kind: K) =>
  r.observations.filter((o): o is Extract<AmqpObservation, { kind: K }> => o.kind === kind);

/** Bodies delivered (deliveries and gets), in order. */
export const bodies = (r: AmqpRunResult): string[] =>
  r.observations.flatMap((o) => (o.kind === 'delivery' || o.kind === 'get' ? [o.body] : []));

export const pub = (
  channel: string,
  exchange: string,
  routingKey: string,
  body: string,
  extra: object = {},
): AmqpOp => ({
  op: 'publish',
  channel,
  exchange,
  routingKey,
  body,
  ...extra,
});

export const stats = (r: AmqpRunResult, queue: string) =>
  ofKind(r, 'queueStats')
    .filter((o) => o.queue === queue)
    .at(-1);
