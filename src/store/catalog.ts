/**
 * The built-in scenarios as the menu lists them. Each is validated with the engine's parser like
 * any untrusted input; one that fails stays listed with its errors instead of breaking the app.
 */
import { formatErrors, parseScenario, type Scenario } from '../engine';
import { builtInScenarios } from '../scenarios';

export type CatalogEntry =
  | { id: string; name: string; ok: true; scenario: Scenario }
  | { id: string; name: string; ok: false; error: string };

export const DEFAULT_SCENARIO_ID = 'order-flow';

export const catalog: readonly CatalogEntry[] = Object.entries(builtInScenarios).map(([id, json]): CatalogEntry => {
  const r = parseScenario(json);
  return r.ok ? { id, name: r.scenario.name, ok: true, scenario: r.scenario } : { id, name: id, ok: false, error: formatErrors(r.errors) };
});

export function findScenario(id: string): CatalogEntry | undefined {
  return catalog.find((e) => e.id === id);
}
