/**
 * Forking a run: "what if, at this point, …". The fork shares its parent's log before the fork
 * point (blocks by reference, partition records through the engine's copy-on-write logs) and
 * re-simulates from there under the changed scenario. Deterministic: the same fork of the same
 * run gives the same log, so a fork is stored as (parent, index, change) and re-created on load.
 */
import { compileModel, initialState, type Model } from '../engine';
import type { FaultModel } from '../engine/kafka/model';
import { rebaseState } from '../engine/kafka/rebase';
import { applyChange, type ForkChange } from './change';
import type { EventCodec } from './codec';
import { TimelineRun, type RunPolicy } from './run';

/**
 * A new run that shares `parent`'s events before the step boundary at or after `index` and
 * continues from there under `change`. Not yet recorded past the fork point (call record()).
 */
export function forkRun(
  id: number,
  parent: TimelineRun,
  index: number,
  change: ForkChange,
  codec: EventCodec,
  policy: RunPolicy,
): TimelineRun {
  const scenario = applyChange(parent.scenario, change);
  const model = compileModel(scenario, parent.model.seed);
  // A change that switches the broker request path on or off (a lost-ack or network fault in a
  // scenario without a cluster) changes how every record was produced from time 0: the fork
  // is the changed scenario simulated from the start, as if it had been scheduled all along.
  const at = restartsFromZero(parent.model, model) ? 0 : parent.boundaryAtOrAfter(index);
  // The fork point's instant: every event at or before it is shared (none for a fork at 0).
  const forkUs = at === 0 ? -1 : parent.timeAtIndexUs(at);
  checkPastFaults(parent.model, model, forkUs);
  const start = at === 0 ? initialState(model) : rebaseState(parent.stateAt(at), model);
  return new TimelineRun(id, scenario, model, start, codec, policy, {
    parent,
    at,
    change,
    prefix: parent.prefixBlocks(at),
  });
}

/** The fork cannot continue the parent's state: it has to be simulated from time 0. */
export function restartsFromZero(prev: Model, next: Model): boolean {
  return prev.cluster.detailed !== next.cluster.detailed;
}

/** Faults at or before the fork point have happened (or not) already: a change may not move them. */
function checkPastFaults(prev: Model, next: Model, forkUs: number): void {
  const past = (m: Model) => m.faults.filter((f) => f.atUs <= forkUs);
  const a = past(prev);
  const b = past(next);
  const describe = (m: Model, f: FaultModel) =>
    `${f.kind} of ${m.members[f.member]?.id ?? '?'} at ${f.atUs / 1000} ms`;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const same =
      x &&
      y &&
      x.kind === y.kind &&
      x.atUs === y.atUs &&
      x.member === y.member &&
      x.durationUs === y.durationUs;
    if (same) continue;
    const which = x ? describe(prev, x) : describe(next, y!);
    throw new Error(
      `the fault change touches the ${which}, which is at or before the fork point (${forkUs / 1000} ms): fork at an earlier point`,
    );
  }
}
