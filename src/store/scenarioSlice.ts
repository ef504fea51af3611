/** Which scenario is open. The scenario is always a validated one; bad input never lands here. */
import type { Scenario } from '../engine';

export interface ScenarioSlice {
  scenarioId: string;
  scenario: Scenario | null;
  /** Why the last load failed, naming the fields; the open scenario stays as it was. */
  scenarioError: string | null;
}

export function scenarioSlice(id: string, scenario: Scenario | null, error: string | null): ScenarioSlice {
  return { scenarioId: id, scenario, scenarioError: error };
}
