/**
 * What a fork changed on one node, as messages (pure, tested): the settings of the shown run's
 * group, producer or topic against the original run's. The canvas shows these on the node so a
 * fork's canvas never shows the original's settings as if they were the fork's.
 */
import { msg, type Msg } from '../../i18n';
import { describeCommit, describeDist, describeKeys, describeRate } from './describe';

type Spec = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

/** One phrase per changed setting ("commit after processing", "max.poll.records = 2"). */
export function settingChanges(root: Spec | undefined, run: Spec | undefined): (Msg | string)[] {
  if (!root || !run) return [];
  const out: (Msg | string)[] = [];
  const rootCfg = (root.config ?? {}) as Spec;
  const runCfg = (run.config ?? {}) as Spec;
  const commitOf = (s: Spec) =>
    describeCommit(
      s.commit as string | undefined,
      ((s.config ?? {}) as Spec)['enable.auto.commit'],
    );
  if (commitOf(root).key !== commitOf(run).key) out.push(commitOf(run));
  const keys = new Set([...Object.keys(root), ...Object.keys(run)]);
  for (const k of keys) {
    if (k === 'config' || k === 'commit' || same(root[k], run[k])) continue;
    switch (k) {
      case 'idempotent':
        out.push(msg(run[k] === true ? 'canvas.change.idempotent' : 'canvas.change.notIdempotent'));
        break;
      case 'processingMs':
        out.push(msg('canvas.processing', { time: describeDist(run[k] as never) }));
        break;
      case 'rate':
        out.push(msg('canvas.change.rate', { rate: describeRate(run[k] as never) }));
        break;
      case 'keys':
        out.push(describeKeys(run[k] as never, run.sendKey as boolean | undefined));
        break;
      default:
        out.push(msg('canvas.change.set', { name: k, value: show(run[k]) }));
    }
  }
  for (const k of new Set([...Object.keys(rootCfg), ...Object.keys(runCfg)])) {
    if (k === 'enable.auto.commit' || same(rootCfg[k], runCfg[k])) continue;
    out.push(
      msg('canvas.change.set', {
        name: k,
        value: runCfg[k] === undefined ? msg('canvas.change.default') : show(runCfg[k]),
      }),
    );
  }
  return out;
}
