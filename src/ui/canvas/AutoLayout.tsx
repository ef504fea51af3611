import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { layoutWithMeasuredSizes } from '../../store/diagramActions';

/**
 * Once React Flow has measured every node, lays the diagram out with the real sizes (text wraps
 * the estimates cannot know about) and fits it to the view. Once per mount: the canvas remounts
 * per scenario, and after that the user's own moves win.
 */
export function AutoLayout() {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    layoutWithMeasuredSizes();
    void fitView({ padding: 0.06 });
  }, [initialized, fitView]);
  return null;
}
