import { LOGIC_NODE_TYPES, type PaletteNodeType } from '@sanjay-flow/graph';
import { useStoreApi } from '@xyflow/react';

import { useEditorStore } from '../editorStore';
import { KIND_LABELS } from './logicLabels';
import { freeSpot, occupiedRects } from './placement';

const TRIGGERS = LOGIC_NODE_TYPES.filter((type) => type.startsWith('trigger.'));
const STEPS = LOGIC_NODE_TYPES.filter((type) => !type.startsWith('trigger.'));

/** Adds a node of each kind with its defaults, in a free spot near the middle of the view. */
export function LogicPalette() {
  const flowStore = useStoreApi();
  const addLogicNode = useEditorStore((state) => state.addLogicNode);
  const add = (type: PaletteNodeType) => {
    // The middle of the visible canvas, in flow coordinates.
    const { width, height, transform } = flowStore.getState();
    const [panX, panY, zoom] = transform;
    const centre = { x: (width / 2 - panX) / zoom, y: (height / 2 - panY) / zoom };
    addLogicNode(type, freeSpot(occupiedRects(useEditorStore.getState().nodes), centre));
  };
  const group = (title: string, types: readonly PaletteNodeType[]) => (
    <div className="palette__group" role="group" aria-label={title}>
      <h3 className="field__label">{title}</h3>
      {types.map((type) => (
        <button
          key={type}
          type="button"
          className="button palette__button"
          onClick={() => add(type)}
        >
          {KIND_LABELS[type]}
        </button>
      ))}
    </div>
  );

  return (
    <nav className="palette" aria-label="Add logic">
      <h2 className="palette__title">Add logic</h2>
      {group('Triggers', TRIGGERS)}
      {group('Steps', STEPS)}
    </nav>
  );
}
