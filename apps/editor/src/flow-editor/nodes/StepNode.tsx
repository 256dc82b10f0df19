import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';

import type { LogicCanvasNode } from '../logicCanvasModel';
import { LogicCard } from './LogicCard';

function StepNodeView({ data, selected }: NodeProps<LogicCanvasNode>) {
  return (
    <LogicCard
      family="step"
      data={data}
      selected={selected}
      entry="connection"
      opensScreen={false}
    />
  );
}

/** Set data, HTTP request, save submission: steps that do something and continue. */
export const StepNode = memo(StepNodeView);
