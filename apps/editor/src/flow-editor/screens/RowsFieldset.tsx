import type { ReactNode } from 'react';

import { FieldProblems } from './FieldProblems';

interface RowsFieldsetProps {
  id: string;
  legend: ReactNode;
  problems: readonly string[];
  /** The rows and the button that adds one. */
  children: ReactNode;
}

/** A property edited as rows, with the problems of the whole property under them. */
export function RowsFieldset({ id, legend, problems, children }: RowsFieldsetProps) {
  return (
    // Focusable, so that a problem with the property can put the cursor here.
    <fieldset id={id} className="inspector__rows" tabIndex={-1} aria-describedby={`${id}-problems`}>
      <legend className="field__label">{legend}</legend>
      {children}
      <FieldProblems id={id} problems={problems} />
    </fieldset>
  );
}
