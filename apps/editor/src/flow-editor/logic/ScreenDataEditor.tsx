import type { LogicFieldProblem } from '@sanjay-flow/graph';
import { useState } from 'react';

import { MappingEditor } from './rowEditors';

interface ScreenDataEditorProps {
  /** The keys the target screen declares in its `data`; a reply must carry each of them. */
  declared: readonly string[];
  value: Readonly<Record<string, string>>;
  onChange: (value: Record<string, string>) => void;
  problems: readonly LogicFieldProblem[];
}

/**
 * The data a step sends to a screen, with a shortcut that adds a row for every key the screen
 * declares and the step does not map yet (the runtime refuses a reply that lacks one).
 */
export function ScreenDataEditor({ declared, value, onChange, problems }: ScreenDataEditorProps) {
  // Bumped when rows are added from outside, so the editor starts again from the new mapping.
  const [generation, setGeneration] = useState(0);
  const missing = declared.filter((key) => !Object.hasOwn(value, key));
  const addMissing = () => {
    onChange({ ...value, ...Object.fromEntries(missing.map((key) => [key, ''])) });
    setGeneration((current) => current + 1);
  };

  return (
    <>
      <MappingEditor
        key={generation}
        legend="Screen data"
        field="data"
        value={value}
        problems={problems}
        onChange={onChange}
      />
      {missing.length > 0 && (
        <button type="button" className="button" onClick={addMissing}>
          Add the screen’s fields: {missing.join(', ')}
        </button>
      )}
    </>
  );
}
