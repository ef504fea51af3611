import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { useLocale } from '../i18n';
import { startAutosave } from '../store/autosave';
import { storeAutosaveSource } from '../store/libraryActions';
import { selectTheme } from '../store/selectors';
import { openShareLink, startUrlSync } from '../store/shareActions';
import { startSimulation } from '../store/simActions';
import { useAppStore } from '../store/store';
import { FlowCanvas } from './canvas/FlowCanvas';
import { ErrorBoundary } from './ErrorBoundary';
import { InsightPanel } from './insight/InsightPanel';
import { BottomResizer } from './learn/BottomResizer';
import { LearnPanel } from './learn/LearnPanel';
import { HelpPanel } from './panels/HelpPanel';
import { NoticeBanner } from './panels/NoticeBanner';
import { Palette } from './panels/Palette';
import { PropertiesPanel } from './panels/PropertiesPanel';
import { SummaryBar } from './panels/SummaryBar';
import { Shortcuts } from './Shortcuts';
import { TimelineBar } from './timeline/TimelineBar';
import { Toolbar } from './toolbar/Toolbar';

/** The app shell: toolbar, summary, messages; palette, canvas and properties. */
export function App() {
  const theme = useAppStore(selectTheme);
  useEffect(startSimulation, []);
  useEffect(() => {
    const stop = startUrlSync();
    void openShareLink();
    return stop;
  }, []);
  useEffect(() => startAutosave(storeAutosaveSource), []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ReactFlowProvider>
      <div className="app">
        <ErrorBoundary area="toolbar.area.toolbar">
          <Toolbar />
        </ErrorBoundary>
        <NoticeBanner />
        <ErrorBoundary area="toolbar.area.editor" offerSetAside>
          <SummaryBar />
          <main className="app__main">
            <Palette />
            <div className="workspace">
              <ErrorBoundary area="toolbar.area.canvas" offerSetAside>
                <FlowCanvas />
              </ErrorBoundary>
              <BottomResizer />
              <ErrorBoundary area="toolbar.area.timeline">
                <TimelineBar />
                <InsightPanel />
              </ErrorBoundary>
            </div>
            <ErrorBoundary area="toolbar.area.properties" offerSetAside>
              <PropertiesPanel />
            </ErrorBoundary>
            <ErrorBoundary area="learn.area">
              <LearnPanel />
            </ErrorBoundary>
          </main>
        </ErrorBoundary>
        <HelpPanel />
        <Shortcuts />
      </div>
    </ReactFlowProvider>
  );
}
