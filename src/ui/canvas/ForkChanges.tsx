import { useMemo } from 'react';
import { useRenderMsg, useT } from '../../i18n';
import { selectShownForkName } from '../../store/runSelectors';
import { useAppStore } from '../../store/store';
import { settingChanges } from './runChanges';

/** On a node: what the shown fork changed there ("run B: commit after processing"). */
export function ForkChanges({
  root,
  run,
  testId,
}: {
  root: object | undefined;
  run: object | undefined;
  testId: string;
}) {
  const t = useT();
  const render = useRenderMsg();
  const name = useAppStore(selectShownForkName);
  const changes = useMemo(
    () => settingChanges(root as Record<string, unknown>, run as Record<string, unknown>),
    [root, run],
  );
  if (name === null || changes.length === 0) return null;
  return (
    <span className="node__fork" data-testid={testId} title={t('canvas.fork.title', { name })}>
      {t('canvas.fork.text', { name, changes: changes.map(render).join(' · ') })}
    </span>
  );
}
