import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';

import type { LogicCanvasNode } from '../logicCanvasModel';
import { LogicCard } from './LogicCard';

function EndNodeView({ data, selected }: NodeProps<LogicCanvasNode>) {
  const opensScreen = 'screen' in data.node && data.node.screen !== undefined;

  return (
    <LogicCard
      family="end"
      data={data}
      selected={selected}
      entry="connection"
      opensScreen={opensScreen}
    />
  );
}

/** Go to screen, show error, finish Flow: steps that answer the phone and end the request. */
export const EndNode = memo(EndNodeView);
