import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';

import type { LogicCanvasNode } from '../logicCanvasModel';
import { LogicCard } from './LogicCard';

function TriggerNodeView({ data, selected }: NodeProps<LogicCanvasNode>) {
  const startedByScreen = 'screen' in data.node;

  return (
    <LogicCard
      family="trigger"
      data={data}
      selected={selected}
      entry={startedByScreen ? 'screen' : 'none'}
      opensScreen={false}
    />
  );
}

/** Flow opened, screen submitted, back pressed: where the logic of a request starts. */
export const TriggerNode = memo(TriggerNodeView);
