import { isJsonObject } from '@sanjay-flow/flow-json';

import { inspectorFieldId } from './fieldIds';
import { freshName } from './freshName';
import { RowsFieldset } from './RowsFieldset';

interface OptionsFieldProps {
  nodeId: string;
  pointer: string;
  property: string;
  value: readonly unknown[];
  required: boolean;
  problems: readonly string[];
  onChange: (value: unknown[]) => void;
}

function freshId(items: readonly unknown[]): string {
  const taken = new Set(items.map((item) => (isJsonObject(item) ? item.id : undefined)));

  return freshName('option_', (name) => taken.has(name), items.length + 1);
}

/**
 * The options of a selection component, one row each (id sent with the answer, title shown);
 * other item properties (description, image, actions) are kept as they are.
 */
export function OptionsField({
  nodeId,
  pointer,
  property,
  value,
  required,
  problems,
  onChange,
}: OptionsFieldProps) {
  const items = value.map((item) => (isJsonObject(item) ? item : {}));
  const groupId = inspectorFieldId(nodeId, pointer, property);
  const set = (index: number, key: string, text: string) =>
    onChange(items.map((item, at) => (at === index ? { ...item, [key]: text } : item)));

  return (
    <RowsFieldset
      id={groupId}
      legend={
        <>
          {property}
          {required && <span aria-hidden="true"> *</span>}
        </>
      }
      problems={problems}
    >
      {items.map((item, index) => {
        const rowPointer = `${pointer}/${property}/${index}`;
        const idId = inspectorFieldId(nodeId, rowPointer, 'id');
        const titleId = inspectorFieldId(nodeId, rowPointer, 'title');

        return (
          <div key={index} className="inspector__row">
            <label className="field__label" htmlFor={titleId}>
              Option {index + 1} title
            </label>
            <input
              id={titleId}
              className="input inspector__input"
              value={typeof item.title === 'string' ? item.title : ''}
              onChange={(event) => set(index, 'title', event.target.value)}
            />
            <label className="field__label" htmlFor={idId}>
              Option {index + 1} id
            </label>
            <input
              id={idId}
              className="input inspector__input inspector__input--code"
              spellCheck={false}
              value={typeof item.id === 'string' ? item.id : ''}
              onChange={(event) => set(index, 'id', event.target.value)}
            />
            <button
              type="button"
              className="button"
              aria-label={`Remove option ${index + 1}`}
              onClick={() => onChange(items.filter((_, at) => at !== index))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() =>
          onChange([...items, { id: freshId(items), title: `Option ${items.length + 1}` }])
        }
      >
        Add option
      </button>
    </RowsFieldset>
  );
}
