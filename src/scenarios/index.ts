import type { Scenario } from '../engine';
import orderFlow from './order-flow.json';

/** Built-in scenarios, validated by the tests against parseScenario and the JSON Schema. */
export const builtInScenarios: Record<string, unknown> = {
  'order-flow': orderFlow,
};

export const defaultScenarioJson: unknown = orderFlow;
export type { Scenario };
