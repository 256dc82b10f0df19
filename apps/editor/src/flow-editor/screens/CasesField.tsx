import { isJsonObject } from '@sanjay-flow/flow-json';

import { inspectorFieldId } from './fieldIds';
import { freshName } from './freshName';
import { renameKey, withoutKey } from './recordKeys';
import { RowsFieldset } from './RowsFieldset';

interface CasesFieldProps {
  nodeId: string;
  pointer: string;
  value: unknown;
  problems: readonly string[];
  onChange: (cases: Record<string, unknown>) => void;
}

/**
 * A Switch's cases: the value each case matches; what a case shows is dragged into it on the
 * card. Renaming keeps the order and the components of the case.
 */
export function CasesField({ nodeId, pointer, value, problems, onChange }: CasesFieldProps) {
  const cases = Object.entries(isJsonObject(value) ? value : {});
  const groupId = inspectorFieldId(nodeId, pointer, 'cases');
  const rename = (from: string, to: string) =>
    onChange(renameKey(Object.fromEntries(cases), from, to));
  const add = () => {
    const key = freshName(
      'case_',
      (name) => cases.some(([other]) => other === name),
      cases.length + 1,
    );
    onChange({ ...Object.fromEntries(cases), [key]: [] });
  };

  return (
    <RowsFieldset id={groupId} legend="cases" problems={problems}>
      {cases.map(([key], index) => {
        const id = inspectorFieldId(nodeId, `${pointer}/cases/${index}`, 'key');

        return (
          <div key={index} className="inspector__row">
            <label className="field__label" htmlFor={id}>
              Case {index + 1} matches
            </label>
            <input
              id={id}
              className="input inspector__input"
              value={key}
              onChange={(event) => rename(key, event.target.value)}
            />
            <button
              type="button"
              className="button"
              aria-label={`Remove case ${key} and what it shows`}
              onClick={() => onChange(withoutKey(Object.fromEntries(cases), key))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" className="button" onClick={add}>
        Add case
      </button>
    </RowsFieldset>
  );
}
