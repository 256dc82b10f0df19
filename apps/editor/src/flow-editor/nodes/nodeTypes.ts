import type { NodeTypes } from '@xyflow/react';

import { BranchNode } from './BranchNode';
import { EndNode } from './EndNode';
import { ScreenNode } from './ScreenNode';
import { StepNode } from './StepNode';
import { TriggerNode } from './TriggerNode';

// Module-level so React Flow sees the same object on every render and never remounts nodes.
// The keys are the card families of `logicCanvasModel.familyOf`, plus screens.
export const nodeTypes = {
  screen: ScreenNode,
  trigger: TriggerNode,
  branch: BranchNode,
  step: StepNode,
  end: EndNode,
} satisfies NodeTypes;
