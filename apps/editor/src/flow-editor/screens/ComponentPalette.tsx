import { COMPONENT_TYPES, isComponentType, isJsonObject } from '@sanjay-flow/flow-json';
import {
  componentList,
  componentPalette,
  flowVersionOf,
  screenNode,
  valueAt,
  type ComponentSlot,
  type GraphDocument,
  type PaletteComponent,
} from '@sanjay-flow/graph';
import { useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';

import { useEditorStore, type Selection } from '../editorStore';
import { freeSpot, occupiedRects } from '../logic/placement';
import { startDrag } from './dragData';
import { addNewComponent, addNewScreen, screenEndIndex } from './screenActions';

const CATEGORY_LABELS: Record<PaletteComponent['category'], string> = {
  text: 'Text',
  'text-entry': 'Text entry',
  selection: 'Selection',
  date: 'Dates',
  action: 'Buttons and links',
  media: 'Media',
  navigation: 'Navigation',
  structure: 'Structure',
};

/**
 * Where a component added from the keyboard goes: into the selected container (its first
 * list), or at the end of the selected screen, before a closing Footer.
 */
export function keyboardSlot(document: GraphDocument, selection: Selection): ComponentSlot {
  const screen = screenNode(document, selection.nodeId).screen;
  const selected = selection.pointer === undefined ? undefined : valueAt(screen, selection.pointer);
  if (isJsonObject(selected) && isComponentType(selected.type) && selection.pointer !== undefined) {
    const info = COMPONENT_TYPES[selected.type];
    const slot =
      'slots' in info ? info.slots.find((candidate) => candidate.shape === 'list') : undefined;
    if (slot !== undefined) {
      const list = `${selection.pointer}/${slot.key}`;

      return { nodeId: selection.nodeId, list, index: componentList(screen, list).length };
    }
  }
  const top = componentList(screen, '/layout/children');

  return { nodeId: selection.nodeId, list: '/layout/children', index: screenEndIndex(top) };
}

function PaletteItem({ entry, target }: { entry: PaletteComponent; target: ComponentSlot | null }) {
  const reasonId = `palette-reason-${entry.type}`;
  const unavailable = !entry.available;

  return (
    <li>
      <button
        type="button"
        className="button palette__button component-palette__item"
        draggable={!unavailable}
        aria-disabled={unavailable || target === null}
        aria-describedby={unavailable ? reasonId : undefined}
        title={
          unavailable
            ? entry.reason
            : target === null
              ? 'Drag onto a screen, or select a screen first'
              : 'Drag onto a screen, or press to add to the selected screen'
        }
        onDragStart={(event) => startDrag(event, { kind: 'new-component', type: entry.type })}
        onClick={() => {
          if (!unavailable && target !== null) {
            addNewComponent(entry.type, target);
          }
        }}
      >
        {entry.type}
      </button>
      {unavailable && (
        <p id={reasonId} className="component-palette__reason">
          {entry.reason}
        </p>
      )}
    </li>
  );
}

/** The components the Flow's version offers, to drag onto screens; the others say why not. */
export function ComponentPalette() {
  const flowStore = useStoreApi();
  const document = useEditorStore((state) => state.document);
  const selection = useEditorStore((state) => state.selection);
  const version = document === null ? '7.3' : flowVersionOf(document);
  const palette = useMemo(() => componentPalette(version), [version]);
  const target = useMemo(() => {
    const isScreen = document?.nodes.some((node) => node.id === selection?.nodeId) === true;

    return document !== null && selection !== null && isScreen
      ? keyboardSlot(document, selection)
      : null;
  }, [document, selection]);
  const addScreenInView = () => {
    const { width, height, transform } = flowStore.getState();
    const [panX, panY, zoom] = transform;
    const centre = { x: (width / 2 - panX) / zoom, y: (height / 2 - panY) / zoom };
    addNewScreen(
      freeSpot(occupiedRects(useEditorStore.getState().nodes), centre, { width: 260, height: 320 }),
    );
  };
  const categories = [...new Set(palette.map((entry) => entry.category))];

  return (
    <nav className="palette component-palette" aria-label="Add screens and components">
      <h2 className="palette__title">Screens and components</h2>
      <p className="inspector__hint">Flow JSON {version}</p>
      <button
        type="button"
        className="button palette__button component-palette__item"
        draggable
        onDragStart={(event) => startDrag(event, { kind: 'new-screen' })}
        onClick={addScreenInView}
      >
        Screen
      </button>
      {categories.map((category) => (
        <div
          key={category}
          className="palette__group"
          role="group"
          aria-label={CATEGORY_LABELS[category]}
        >
          <h3 className="field__label">{CATEGORY_LABELS[category]}</h3>
          <ul className="screen-list">
            {palette
              .filter((entry) => entry.category === category)
              .map((entry) => (
                <PaletteItem key={entry.type} entry={entry} target={target} />
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
