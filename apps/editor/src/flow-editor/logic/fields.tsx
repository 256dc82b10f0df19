import type { LogicFieldProblem } from '@sanjay-flow/graph';
import { useId, useState, type ReactNode } from 'react';

import { useJsonText } from '../useJsonText';

/** The problems reported at `field` or inside it (`data` holds `data.name`, `assignments[0]`). */
export function problemsAt(
  problems: readonly LogicFieldProblem[],
  field: string,
): LogicFieldProblem[] {
  return problems.filter(
    (problem) =>
      problem.field === field ||
      problem.field.startsWith(`${field}.`) ||
      problem.field.startsWith(`${field}[`),
  );
}

export function problemText(problem: LogicFieldProblem): string {
  return problem.offset === undefined
    ? problem.message
    : `${problem.message} (at character ${problem.offset + 1})`;
}

export function Problems({ problems }: { problems: readonly LogicFieldProblem[] }) {
  return problems.map((problem, index) => (
    <p key={index} className="field__error inspector__problem">
      {problemText(problem)}
    </p>
  ));
}

interface FieldProps {
  label: string;
  problems?: readonly LogicFieldProblem[];
  hint?: string;
  children: (id: string) => ReactNode;
}

export function Field({ label, problems = [], hint, children }: FieldProps) {
  const id = useId();

  return (
    <div className="inspector__field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
      {hint !== undefined && <p className="inspector__hint">{hint}</p>}
      <Problems problems={problems} />
    </div>
  );
}

interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problems?: readonly LogicFieldProblem[];
  /** Expressions and templates are code: monospaced, never corrected by the browser. */
  code?: 'expression' | 'template';
  placeholder?: string;
}

const CODE_HINTS = {
  expression: 'Expression, e.g. payload.code or len(vars.items) > 0',
  template: 'Text with {{ expression }} placeholders',
};

export function TextInput({ label, value, onChange, problems, code, placeholder }: TextInputProps) {
  return (
    <Field
      label={label}
      problems={problems}
      {...(code === undefined ? {} : { hint: CODE_HINTS[code] })}
    >
      {(id) => (
        <input
          id={id}
          className={`input inspector__input${code === undefined ? '' : ' inspector__input--code'}`}
          value={value}
          placeholder={placeholder}
          spellCheck={code === undefined}
          aria-invalid={problems !== undefined && problems.length > 0}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

interface SelectInputProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  problems?: readonly LogicFieldProblem[];
}

export function SelectInput({ label, value, options, onChange, problems }: SelectInputProps) {
  const known = options.some((option) => option.value === value);

  return (
    <Field label={label} problems={problems}>
      {(id) => (
        <select
          id={id}
          className="input inspector__input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        >
          {!known && <option value={value}>{value} (missing)</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface NumberInputProps {
  label: string;
  value: number;
  onChange: (value: number) => void;
  problems?: readonly LogicFieldProblem[];
}

/** Keeps the typed text, so "1e" or "" stays on screen while the schema says what is wrong. */
export function NumberInput({ label, value, onChange, problems }: NumberInputProps) {
  const [text, setText] = useState(String(value));

  return (
    <Field label={label} problems={problems}>
      {(id) => (
        <input
          id={id}
          className="input inspector__input inspector__input--number"
          inputMode="numeric"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            onChange(event.target.value.trim() === '' ? Number.NaN : Number(event.target.value));
          }}
        />
      )}
    </Field>
  );
}

interface JsonInputProps {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  problems?: readonly LogicFieldProblem[];
  /** What an empty box means; `undefined` leaves the field out. */
  emptyValue?: unknown;
}

/** JSON typed as text: applied only once it parses, with the parser's complaint shown until then. */
export function JsonInput({ label, value, onChange, problems = [], emptyValue }: JsonInputProps) {
  const { text, syntaxError, change } = useJsonText(value, onChange, emptyValue);
  const shown =
    syntaxError === null
      ? problems
      : [...problems, { field: '', message: `Not JSON yet, not saved: ${syntaxError}` }];

  return (
    <Field label={label} problems={shown}>
      {(id) => (
        <textarea
          id={id}
          className="input inspector__input inspector__input--code"
          rows={5}
          spellCheck={false}
          value={text}
          onChange={(event) => change(event.target.value)}
        />
      )}
    </Field>
  );
}
