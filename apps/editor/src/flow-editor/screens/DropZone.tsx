import { useState, type DragEvent } from 'react';

import { carries, droppedItem } from './dragData';
import { dropAt } from './screenActions';

interface DropZoneProps {
  nodeId: string;
  list: string;
  index: number;
}

/** A gap between components where a dragged component lands. */
export function DropZone({ nodeId, list, index }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const accept = (event: DragEvent) => {
    if (carries(event, ['new-component', 'move-component'])) {
      event.preventDefault();
      event.stopPropagation();
      setOver(true);
    }
  };
  const drop = (event: DragEvent) => {
    const item = droppedItem(event);
    setOver(false);
    if (item !== null) {
      event.preventDefault();
      event.stopPropagation();
      dropAt(item, { nodeId, list, index });
    }
  };

  return (
    <li
      className={`screen-drop${over ? ' screen-drop--over' : ''}`}
      data-testid={`drop-${nodeId}-${list}-${index}`}
      aria-hidden="true"
      onDragEnter={accept}
      onDragOver={accept}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    />
  );
}
