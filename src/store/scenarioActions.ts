/** Opening scenarios. A scenario that fails validation leaves the open one untouched. */
import { buildDiagram } from '../ui/canvas/diagram';
import { findScenario } from './catalog';
import { diagramSlice } from './diagramSlice';
import { simSlice } from './simSlice';
import { loadIntoSimulation } from './simActions';
import { useAppStore } from './store';

export function openBuiltIn(id: string): void {
  const entry = findScenario(id);
  if (!entry) {
    useAppStore.setState({ scenarioError: `There is no built-in scenario "${id}".` });
    return;
  }
  if (!entry.ok) {
    useAppStore.setState({ scenarioError: `Scenario "${id}" is invalid:\n${entry.error}` });
    return;
  }
  const { nodes, edges } = buildDiagram(entry.scenario);
  const { speed } = useAppStore.getState();
  useAppStore.setState({
    scenarioId: id,
    scenario: entry.scenario,
    scenarioError: null,
    ...diagramSlice(nodes, edges),
    ...simSlice(Math.round((entry.scenario.durationMs ?? 10_000) * 1000)),
    speed,
  });
  loadIntoSimulation(entry.scenario);
}
