import type { ScopeReference } from '@sanjay-flow/graph';

import { ExpressionInput } from './ExpressionInput';
import { inspectorFieldId } from './fieldIds';
import { freshName } from './freshName';
import { renameKey, withoutKey } from './recordKeys';

interface PayloadEditorProps {
  nodeId: string;
  /** Pointer of the action holding the payload. */
  pointer: string;
  payload: Readonly<Record<string, unknown>>;
  onChange: (payload: Record<string, unknown>) => void;
  references: readonly ScopeReference[];
}

/** The keys and values an action sends; values are texts or `${…}` references. */
export function PayloadEditor({
  nodeId,
  pointer,
  payload,
  onChange,
  references,
}: PayloadEditorProps) {
  const entries = Object.entries(payload);

  return (
    <fieldset className="inspector__rows">
      <legend className="field__label">Payload</legend>
      {entries.length === 0 && <p className="inspector__hint">Sends nothing.</p>}
      {entries.map(([key, value], index) => {
        const rowPointer = `${pointer}/payload/${key}`;
        const keyId = inspectorFieldId(nodeId, rowPointer, 'key');
        const valueId = inspectorFieldId(nodeId, rowPointer, 'value');

        return (
          <div key={index} className="inspector__row">
            <label className="field__label" htmlFor={keyId}>
              Key {index + 1}
            </label>
            <input
              id={keyId}
              className="input inspector__input"
              value={key}
              onChange={(event) => onChange(renameKey(payload, key, event.target.value))}
            />
            <label className="field__label" htmlFor={valueId}>
              Value of {key}
            </label>
            {typeof value === 'string' ? (
              <ExpressionInput
                id={valueId}
                value={value}
                references={references}
                onChange={(text) => onChange({ ...payload, [key]: text })}
              />
            ) : (
              <code id={valueId}>{JSON.stringify(value)}</code>
            )}
            <button
              type="button"
              className="button"
              aria-label={`Remove ${key} from the payload`}
              onClick={() => onChange(withoutKey(payload, key))}
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
          onChange({
            ...payload,
            [freshName('field_', (name) => Object.hasOwn(payload, name))]: '',
          })
        }
      >
        Add to payload
      </button>
    </fieldset>
  );
}
