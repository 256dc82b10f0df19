import type { NodeTypes } from '@xyflow/react';

import { ScreenNode } from './ScreenNode';

// Module-level so React Flow sees the same object on every render and never remounts nodes.
export const nodeTypes = { screen: ScreenNode } satisfies NodeTypes;
