import { selectHelpOpen } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { setHelpOpen } from '../../store/uiActions';

export const SHORTCUTS: readonly [string, string][] = [
  ['Space', 'Play / pause (live, or a replay from the cursor)'],
  ['← / →', 'One event back / forward'],
  ['Shift+← / Shift+→', '100 ms back / forward'],
  [', / .', 'One sim millisecond back / forward'],
  ['N  /  Shift+N', 'Next / previous anomaly'],
  ['Home / End', 'Start of the run / the live head'],
  ['Right-click a node', 'Inject a fault now (forks the run at the cursor)'],
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z  or  Ctrl+Y', 'Redo'],
  ['Delete  or  Backspace', 'Delete the selected nodes and edges'],
  ['Ctrl+C / Ctrl+V', 'Copy / paste the selected nodes (and the edges between them)'],
  ['Ctrl+D', 'Duplicate the selection'],
  ['Ctrl+A', 'Select every node'],
  ['Shift+drag', 'Select with a box'],
  ['Ctrl+click', 'Add to the selection'],
  ['L', 'Auto-layout'],
  ['F', 'Fit the diagram to the view'],
  ['Esc', 'Clear the selection, close this panel'],
  ['?', 'This help'],
];

const RULES: readonly [string, string][] = [
  ['Producer → Topic', 'the producer writes to the topic (one topic per producer)'],
  ['Topic → Consumer group / Service / Read model', 'the group subscribes to the topic'],
  ['Service → Topic', 'the service emits its events there'],
  ['Service → Dead-letter topic', 'records it fails to handle after its retries go there'],
];

/** Keyboard shortcuts and what the edges mean. */
export function HelpPanel() {
  const open = useAppStore(selectHelpOpen);
  if (!open) return null;
  return (
    <div className="modal" role="dialog" aria-modal="true" aria-label="Help" data-testid="help-panel" onClick={() => setHelpOpen(false)}>
      <div className="modal__card" onClick={(e) => e.stopPropagation()}>
        <header className="modal__header">
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="button button--ghost" onClick={() => setHelpOpen(false)} aria-label="Close help">
            ✕
          </button>
        </header>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Edges</h3>
        <table className="shortcuts">
          <tbody>
            {RULES.map(([k, what]) => (
              <tr key={k}>
                <td>{k}</td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="modal__note">Any other edge is kept but outlined in red, with the reason on its node; Play explains what to fix. The design saves itself in this browser as you work.</p>
      </div>
    </div>
  );
}
