import { SCREEN_CARD_WIDTH } from '@sanjay-flow/graph';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';

import type { ScreenCanvasNode, ScreenComponentLine } from '../canvasModel';

function ComponentLine({ line }: { line: ScreenComponentLine }) {
  return (
    <li
      className="screen-card__component"
      style={{ paddingInlineStart: `${line.depth * 0.75}rem` }}
    >
      <span className="screen-card__component-type">{line.type}</span>
      {line.label !== undefined && line.label !== '' && (
        <span className="screen-card__component-label"> {line.label}</span>
      )}
    </li>
  );
}

function ScreenNodeView({ data, selected }: NodeProps<ScreenCanvasNode>) {
  return (
    <article
      className={`screen-card${selected ? ' screen-card--selected' : ''}`}
      aria-label={`Screen ${data.title}`}
      // The same width the importer lays screens out with, so imported flows do not overlap.
      style={{ width: SCREEN_CARD_WIDTH }}
    >
      <Handle type="target" position={Position.Left} />
      <header className="screen-card__header">
        <h3 className="screen-card__title">{data.title}</h3>
        <span className="screen-card__id">{data.screenId}</span>
        {data.terminal && <span className="screen-card__badge">Terminal</span>}
      </header>
      {data.components.length > 0 && (
        <ul className="screen-card__components">
          {data.components.map((line, index) => (
            <ComponentLine key={index} line={line} />
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Right} />
    </article>
  );
}

export const ScreenNode = memo(ScreenNodeView);
