import { useEffect } from 'react';
import { startSimulation } from '../store/simActions';
import { FlowCanvas } from './canvas/FlowCanvas';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorBanner } from './panels/ErrorBanner';
import { SummaryBar } from './panels/SummaryBar';
import { Toolbar } from './toolbar/Toolbar';

/** The app shell: toolbar, run summary, problems, and the canvas. */
export function App() {
  useEffect(startSimulation, []);
  return (
    <div className="app">
      <Toolbar />
      <SummaryBar />
      <ErrorBanner />
      <main className="app__main">
        <ErrorBoundary area="the canvas">
          <FlowCanvas />
        </ErrorBoundary>
      </main>
    </div>
  );
}
