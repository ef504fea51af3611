/** Shared helpers for the timeline's tests (not shipped: imported only by *.test.ts). */
import { parseScenario, simulate, type Scenario } from '../engine';
import orderFlow from '../scenarios/order-flow.json';

export function defaultScenario(): Scenario {
  const r = parseScenario(orderFlow);
  if (!r.ok) throw new Error('order-flow.json does not parse');
  return r.scenario;
}

/** The reference: the engine's own simulate(), which keeps every event. */
export function reference(scenario: Scenario, untilMs: number, seed?: number) {
  return simulate(scenario, { untilMs, ...(seed === undefined ? {} : { seed }) });
}

/** fast-check settings: a fixed seed per suite so CI is reproducible (failures print the path). */
export const FC_SEED = 20261124;
