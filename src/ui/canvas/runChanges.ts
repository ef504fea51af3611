/**
 * What a fork changed on one node, in words (pure, tested): the settings of the shown run's
 * group, producer or topic against the original run's. The canvas shows these on the node so a
 * fork's canvas never shows the original's settings as if they were the fork's.
 */
import { describeCommit, describeDist, describeKeys, describeRate } from './describe';

type Spec = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** One phrase per changed setting ("commit after processing", "max.poll.records = 2"). */
export function settingChanges(root: Spec | undefined, run: Spec | undefined): string[] {
  if (!root || !run) return [];
  const out: string[] = [];
  const rootCfg = (root.config ?? {}) as Spec;
  const runCfg = (run.config ?? {}) as Spec;
  const commitOf = (s: Spec) =>
    describeCommit(
      s.commit as string | undefined,
      ((s.config ?? {}) as Spec)['enable.auto.commit'],
    );
  if (commitOf(root) !== commitOf(run)) out.push(commitOf(run));
  const keys = new Set([...Object.keys(root), ...Object.keys(run)]);
  for (const k of keys) {
    if (k === 'config' || k === 'commit' || same(root[k], run[k])) continue;
    switch (k) {
      case 'idempotent':
        out.push(run[k] === true ? 'idempotent consumer' : 'not idempotent');
        break;
      case 'processingMs':
        out.push(`processing ${describeDist(run[k] as never)}`);
        break;
      case 'rate':
        out.push(`rate ${describeRate(run[k] as never)}`);
        break;
      case 'keys':
        out.push(describeKeys(run[k] as never, run.sendKey as boolean | undefined));
        break;
      default:
        out.push(`${k} = ${show(run[k])}`);
    }
  }
  for (const k of new Set([...Object.keys(rootCfg), ...Object.keys(runCfg)])) {
    if (k === 'enable.auto.commit' || same(rootCfg[k], runCfg[k])) continue;
    out.push(`${k} = ${runCfg[k] === undefined ? 'default' : show(runCfg[k])}`);
  }
  return out;
}
