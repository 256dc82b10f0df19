import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';

import type { LogicCanvasNode } from '../logicCanvasModel';
import { LogicCard } from './LogicCard';

function BranchNodeView({ data, selected }: NodeProps<LogicCanvasNode>) {
  return (
    <LogicCard
      family="branch"
      data={data}
      selected={selected}
      entry="connection"
      opensScreen={false}
    />
  );
}

/** Condition and lookup table: steps that continue on one of two named ports. */
export const BranchNode = memo(BranchNodeView);
