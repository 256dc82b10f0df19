import { Handle, Position } from '@xyflow/react';

import {
  DEFAULT_EXIT,
  ENTRY_HANDLE,
  SCREEN_HANDLE,
  type LogicCardData,
  type LogicFamily,
} from '../logicCanvasModel';
import { kindLabel, summaryOf } from '../logic/logicLabels';

interface LogicCardProps {
  family: LogicFamily;
  data: LogicCardData;
  selected: boolean;
  /** Triggers are started by a screen (or the Flow opening) and take no incoming connection. */
  entry: 'connection' | 'screen' | 'none';
  /** End steps that open a screen draw their link to it from this handle. */
  opensScreen: boolean;
}

/** The card every logic node family draws: kind, id, summary, problems and one handle per port. */
export function LogicCard({ family, data, selected, entry, opensScreen }: LogicCardProps) {
  const { node, exits, problems } = data;
  const classes = ['logic-card', `logic-card--${family}`, selected ? 'logic-card--selected' : ''];

  return (
    <article className={classes.join(' ')} aria-label={`${kindLabel(node.type)} ${node.id}`}>
      {entry === 'connection' && (
        <Handle id={ENTRY_HANDLE} type="target" position={Position.Left} />
      )}
      {entry === 'screen' && (
        <Handle id={SCREEN_HANDLE} type="target" position={Position.Left} isConnectable={false} />
      )}
      <header className="logic-card__header">
        <h3 className="logic-card__kind">{kindLabel(node.type)}</h3>
        <span className="logic-card__id">{node.label ?? node.id}</span>
      </header>
      <p className="logic-card__summary">{summaryOf(node)}</p>
      {problems.length > 0 && (
        <p className="logic-card__problems" title={problems.join('\n')}>
          {problems.length === 1 ? '1 problem' : `${problems.length} problems`}
        </p>
      )}
      {exits.length > 0 && (
        <ul className="logic-card__exits">
          {exits.map((exit) => (
            <li key={exit} className="logic-card__exit">
              {exit === DEFAULT_EXIT ? 'next' : exit}
              <Handle
                id={exit}
                type="source"
                position={Position.Right}
                className={`logic-card__handle logic-card__handle--${exit}`}
              />
            </li>
          ))}
        </ul>
      )}
      {opensScreen && (
        <Handle id={SCREEN_HANDLE} type="source" position={Position.Right} isConnectable={false} />
      )}
    </article>
  );
}
