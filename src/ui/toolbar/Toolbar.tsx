import { useT } from '../../i18n';
import { DesignsMenu } from './DesignsMenu';
import { EditTools } from './EditTools';
import { FileMenu } from './FileMenu';
import { LogoMark } from './icons';
import { LearnMenu } from '../learn/LearnMenu';
import { LanguageSwitcher } from './LanguageSwitcher';
import { LibraryToast } from './LibraryToast';
import { RunControls } from './RunControls';
import { ScenarioMenu } from './ScenarioMenu';
import { SimClock } from './SimClock';
import { ViewTools } from './ViewTools';

export function Toolbar() {
  const t = useT();
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="brand">
        <LogoMark />
        <span className="brand__name">{t('toolbar.brand')}</span>
      </div>
      <ScenarioMenu />
      <DesignsMenu />
      <FileMenu />
      <LearnMenu />
      <span className="toolbar__divider" />
      <EditTools />
      <span className="toolbar__divider" />
      <RunControls />
      <SimClock />
      <span className="toolbar__spacer" />
      <ViewTools />
      <LanguageSwitcher />
      <LibraryToast />
    </header>
  );
}
