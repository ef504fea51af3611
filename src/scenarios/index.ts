import type { Scenario } from '../engine';
import commitTiming from './commit-timing.json';
import hotPartition from './hot-partition.json';
import orderFlow from './order-flow.json';

/** Built-in scenarios, validated by the tests against parseScenario and the JSON Schema. */
export const builtInScenarios: Record<string, unknown> = {
  'order-flow': orderFlow,
  'commit-timing': commitTiming,
  'hot-partition': hotPartition,
};

export const defaultScenarioJson: unknown = orderFlow;
export type { Scenario };
