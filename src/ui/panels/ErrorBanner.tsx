import { selectError } from '../../store/selectors';
import { useAppStore } from '../../store/store';

const dismiss = () => useAppStore.setState({ scenarioError: null, simError: null });

/** Problems the user should know about (a bad scenario, a failed run); the diagram stays. */
export function ErrorBanner() {
  const error = useAppStore(selectError);
  if (!error) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="app-error">
      <pre className="banner__text">{error}</pre>
      <button type="button" className="button button--ghost" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
