import { catalog } from '../../store/catalog';
import { openBuiltIn } from '../../store/scenarioActions';
import { selectScenarioId } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/** The built-in scenarios. */
export function ScenarioMenu() {
  const id = useAppStore(selectScenarioId);
  return (
    <label className="field">
      <span className="field__label">Scenario</span>
      <select className="select select--wide" value={id} onChange={(e) => openBuiltIn(e.target.value)} data-testid="scenario-menu">
        {catalog.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
            {e.ok ? '' : ' (invalid)'}
          </option>
        ))}
      </select>
    </label>
  );
}
