import { useT, type MessageKey } from '../../i18n';
import { selectHelpOpen } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { setHelpOpen } from '../../store/uiActions';

/**
 * The keys, and what each does. A key is written as typed (Ctrl+Z, Home) unless it has words
 * ("Right-click a node"): then it is a message too.
 */
export const SHORTCUTS: readonly [string | MessageKey, MessageKey][] = [
  ['panels.help.key.space', 'panels.help.playPause'],
  ['← / →', 'panels.help.stepEvent'],
  ['Shift+← / Shift+→', 'panels.help.step100'],
  [', / .', 'panels.help.stepMs'],
  ['N  /  Shift+N', 'panels.help.anomaly'],
  ['Home / End', 'panels.help.ends'],
  ['panels.help.key.rightClick', 'panels.help.fault'],
  ['Ctrl+Z', 'panels.help.undo'],
  ['panels.help.key.redo', 'panels.help.redo'],
  ['panels.help.key.delete', 'panels.help.delete'],
  ['Ctrl+C / Ctrl+V', 'panels.help.copyPaste'],
  ['Ctrl+D', 'panels.help.duplicate'],
  ['Ctrl+A', 'panels.help.selectAll'],
  ['panels.help.key.shiftDrag', 'panels.help.box'],
  ['panels.help.key.ctrlClick', 'panels.help.addSelect'],
  ['L', 'panels.help.layout'],
  ['F', 'panels.help.fit'],
  ['Esc', 'panels.help.escape'],
  ['?', 'panels.help.help'],
];

const RULES: readonly [MessageKey, MessageKey][] = [
  ['panels.help.rule.produce', 'panels.help.rule.produceWhat'],
  ['panels.help.rule.consume', 'panels.help.rule.consumeWhat'],
  ['panels.help.rule.emit', 'panels.help.rule.emitWhat'],
  ['panels.help.rule.dlq', 'panels.help.rule.dlqWhat'],
];

const isKey = (k: string): k is MessageKey => k.startsWith('panels.help.key.');

/** Keyboard shortcuts and what the edges mean. */
export function HelpPanel() {
  const t = useT();
  const open = useAppStore(selectHelpOpen);
  if (!open) return null;
  return (
    <div
      className="modal"
      role="dialog"
      aria-modal="true"
      aria-label={t('panels.help')}
      data-testid="help-panel"
      onClick={() => setHelpOpen(false)}
    >
      <div className="modal__card" onClick={(e) => e.stopPropagation()}>
        <header className="modal__header">
          <h2>{t('panels.help.title')}</h2>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setHelpOpen(false)}
            aria-label={t('panels.help.close')}
          >
            ✕
          </button>
        </header>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <kbd>{isKey(k) ? t(k) : k}</kbd>
                </td>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t('panels.help.edges')}</h3>
        <table className="shortcuts">
          <tbody>
            {RULES.map(([k, what]) => (
              <tr key={k}>
                <td>{t(k)}</td>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="modal__note">{t('panels.help.note')}</p>
      </div>
    </div>
  );
}
