import { catalog } from '../../store/catalog';
import { openBuiltIn } from '../../store/fileActions';
import { selectOrigin } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/** The built-in scenarios. Opening one replaces the diagram (Ctrl+Z brings it back). */
export function ScenarioMenu() {
  const origin = useAppStore(selectOrigin);
  return (
 <label className="field" title="Built-in scenarios">
      <select className="select select--wide" aria-label="Scenario" value={origin ?? ''} onChange={(e) => e.target.value && openBuiltIn(e.target.value)} data-testid="scenario-menu">
        <option value="" disabled>
          Your design
        </option>
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
