import type { FinalConnectionState } from '@xyflow/react';

import { pointerOfNavigateHandle } from './handles';
import { connectToScreen } from './screenActions';

/**
 * A navigation drawn from a button and let go anywhere on a screen's card, not only on its
 * small target dot, still connects to that screen. React Flow ends such a drag without a
 * connection; the card under the pointer says where it was meant to go.
 */
export function connectOnCard(event: MouseEvent | TouchEvent, state: FinalConnectionState): void {
  const pointer = pointerOfNavigateHandle(state.fromHandle?.id);
  const from = state.fromNode?.id;
  if (state.isValid === true || pointer === undefined || from === undefined) {
    return;
  }
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  if (point === undefined) {
    return;
  }
  const card = document
    .elementFromPoint(point.clientX, point.clientY)
    ?.closest('.react-flow__node');
  const target = card?.getAttribute('data-id');
  if (
    target !== null &&
    target !== undefined &&
    target !== from &&
    card?.classList.contains('react-flow__node-screen') === true
  ) {
    connectToScreen({ nodeId: from, pointer }, target);
  }
}
