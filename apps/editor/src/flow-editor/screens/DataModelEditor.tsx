import { DATA_TYPES, isJsonObject } from '@sanjay-flow/flow-json';
import { useState } from 'react';

import { inspectorFieldId } from './fieldIds';
import { freshName } from './freshName';
import { withoutKey } from './recordKeys';

interface DataModelEditorProps {
  nodeId: string;
  data: Readonly<Record<string, unknown>>;
  onChange: (data: Record<string, unknown>) => void;
  problems: ReadonlyMap<string, readonly string[]>;
}

function exampleFor(type: string): unknown {
  switch (type) {
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return 'Example';
  }
}

function fieldOfType(type: string): Record<string, unknown> {
  return type === 'array'
    ? { type, items: { type: 'string' }, __example__: [] }
    : { type, __example__: exampleFor(type) };
}

function ExampleInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const [text, setText] = useState(typeof value === 'string' ? value : JSON.stringify(value));
  const [syntax, setSyntax] = useState<string | null>(null);
  const isText = typeof value === 'string';

  return (
    <>
      <input
        id={id}
        className="input inspector__input"
        value={text}
        aria-invalid={syntax !== null}
        onChange={(event) => {
          setText(event.target.value);
          if (isText) {
            onChange(event.target.value);

            return;
          }
          try {
            onChange(JSON.parse(event.target.value) as unknown);
            setSyntax(null);
          } catch {
            setSyntax('Not JSON yet, not applied');
          }
        }}
      />
      {syntax !== null && <p className="field__error inspector__problem">{syntax}</p>}
    </>
  );
}

/**
 * The screen's data model: each field the screen receives, its type and the example Meta's
 * builder shows. Renaming keeps the order; changing the type resets the example to fit it.
 */
export function DataModelEditor({ nodeId, data, onChange, problems }: DataModelEditorProps) {
  const entries = Object.entries(data);
  const replace = (from: string, to: string, field: unknown) =>
    onChange(
      Object.fromEntries(
        entries.map(([key, value]) => (key === from ? [to, field] : [key, value])),
      ),
    );
  const add = () =>
    onChange({
      ...data,
      [freshName('field_', (name) => Object.hasOwn(data, name))]: fieldOfType('string'),
    });

  return (
    <fieldset className="inspector__rows" aria-label="Screen data">
      <legend className="field__label">Data this screen receives</legend>
      {entries.length === 0 && (
        <p className="inspector__hint">No fields. Connecting a button to this screen adds them.</p>
      )}
      {entries.map(([key, field], index) => {
        const pointer = `/data/${key}`;
        const type = isJsonObject(field) && typeof field.type === 'string' ? field.type : 'string';
        const ids = {
          key: inspectorFieldId(nodeId, pointer, 'key'),
          type: inspectorFieldId(nodeId, pointer, 'type'),
          example: inspectorFieldId(nodeId, pointer, '__example__'),
        };

        return (
          <div key={index} className="inspector__row">
            <label className="field__label" htmlFor={ids.key}>
              Field {index + 1}
            </label>
            <input
              id={ids.key}
              className="input inspector__input"
              value={key}
              onChange={(event) => replace(key, event.target.value, field)}
            />
            <label className="field__label" htmlFor={ids.type}>
              Type of {key}
            </label>
            <select
              id={ids.type}
              className="input inspector__input"
              value={type}
              onChange={(event) => replace(key, key, fieldOfType(event.target.value))}
            >
              {DATA_TYPES.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
            <label className="field__label" htmlFor={ids.example}>
              Example of {key}
            </label>
            <ExampleInput
              key={type}
              id={ids.example}
              value={isJsonObject(field) ? field.__example__ : undefined}
              onChange={(example) =>
                replace(key, key, { ...(isJsonObject(field) ? field : {}), __example__: example })
              }
            />
            {(problems.get(key) ?? []).map((problem) => (
              <p key={problem} className="field__error inspector__problem">
                {problem}
              </p>
            ))}
            <button
              type="button"
              className="button"
              aria-label={`Remove the data field ${key}`}
              onClick={() => onChange(withoutKey(data, key))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" className="button" onClick={add}>
        Add data field
      </button>
    </fieldset>
  );
}
