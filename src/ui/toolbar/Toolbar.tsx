import { LogoMark } from './icons';
import { RunControls } from './RunControls';
import { ScenarioMenu } from './ScenarioMenu';
import { SimClock } from './SimClock';
import { SpeedMenu } from './SpeedMenu';

export function Toolbar() {
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="brand">
        <LogoMark />
        <span className="brand__name">EventFlow</span>
      </div>
      <ScenarioMenu />
      <span className="toolbar__divider" />
      <RunControls />
      <SpeedMenu />
      <span className="toolbar__spacer" />
      <SimClock />
    </header>
  );
}
