import type { Scenario } from '../engine';
import brokerFailure from './broker-failure.json';
import crashBeforeCommit from './crash-before-commit.json';
import hotPartition from './hot-partition.json';
import orderFlow from './order-flow.json';
import orderingNeedsAKey from './ordering-needs-a-key.json';

/** Built-in scenarios, validated by the tests against parseScenario and the JSON Schema. */
export const builtInScenarios: Record<string, unknown> = {
  'order-flow': orderFlow,
  'crash-before-commit': crashBeforeCommit,
  'ordering-needs-a-key': orderingNeedsAKey,
  'hot-partition': hotPartition,
  'broker-failure': brokerFailure,
};

export const defaultScenarioJson: unknown = orderFlow;
export type { Scenario };
