/**
 * The one app store, composed of slices. It holds data only: actions are plain module-level
 * functions (scenarioActions, simActions, diagramActions) that call setState.
 */
import { create } from 'zustand';
import { buildDiagram } from '../ui/canvas/diagram';
import { DEFAULT_SCENARIO_ID, findScenario } from './catalog';
import { diagramSlice, type DiagramSlice } from './diagramSlice';
import { scenarioSlice, type ScenarioSlice } from './scenarioSlice';
import { simSlice, type SimSlice } from './simSlice';

export type AppState = ScenarioSlice & DiagramSlice & SimSlice;

function initialState(): AppState {
  const entry = findScenario(DEFAULT_SCENARIO_ID);
  if (!entry?.ok) {
    const error = entry ? entry.error : `built-in scenario "${DEFAULT_SCENARIO_ID}" is missing`;
    return { ...scenarioSlice(DEFAULT_SCENARIO_ID, null, error), ...diagramSlice(), ...simSlice() };
  }
  const { nodes, edges } = buildDiagram(entry.scenario);
  return {
    ...scenarioSlice(entry.id, entry.scenario, null),
    ...diagramSlice(nodes, edges),
    ...simSlice(Math.round((entry.scenario.durationMs ?? 10_000) * 1000)),
  };
}

export const useAppStore = create<AppState>()(initialState);
