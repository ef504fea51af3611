import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { autoLayout, grownBounds } from '../../store/designActions';
import { useAppStore } from '../../store/store';
import { doneFitting } from '../../store/uiActions';

/**
 * When a design opens: once React Flow has measured its nodes, lays it out with the real sizes
 * (if it came without positions) and fits it to the view, with room for what the nodes may grow
 * by in the run (a group's transaction counters, wrapped member rows). After that the user's
 * moves win.
 */
export function CanvasFit() {
  const initialized = useNodesInitialized();
  const fitRequest = useAppStore((s) => s.fitRequest);
  const relayout = useAppStore((s) => s.relayoutPending);
  const empty = useAppStore((s) => s.nodes.length === 0);
  const { fitView, fitBounds, setViewport } = useReactFlow();
  const handled = useRef(-1);
  useEffect(() => {
    // An empty design: nothing to measure; show it at 100 % so new nodes land at a readable size.
    if (empty && handled.current !== fitRequest) {
      handled.current = fitRequest;
      void setViewport({ x: 60, y: 60, zoom: 1 });
      return;
    }
    if (!initialized || handled.current === fitRequest) return;
    handled.current = fitRequest;
    if (relayout) {
      autoLayout('none');
      doneFitting();
    }
    requestAnimationFrame(() => {
      const bounds = grownBounds();
      void (bounds ? fitBounds(bounds, { padding: 0.06 }) : fitView({ padding: 0.06 }));
    });
  }, [initialized, fitRequest, relayout, fitView, fitBounds, empty, setViewport]);
  return null;
}
