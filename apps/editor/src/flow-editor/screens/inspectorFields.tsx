import { looksDynamic } from '@sanjay-flow/flow-json';
import type { ScopeReference } from '@sanjay-flow/graph';
import { useState, type ReactNode } from 'react';

import { useJsonText } from '../useJsonText';

import { ExpressionInput } from './ExpressionInput';
import { FieldProblems } from './FieldProblems';

interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean;
  problems?: readonly string[];
  /** Shown right of the label, e.g. the characters left. */
  aside?: ReactNode;
  children: ReactNode;
}

/** A labelled inspector field with its problems, tied to the input for screen readers. */
export function FieldFrame({
  id,
  label,
  required = false,
  problems = [],
  aside,
  children,
}: FieldFrameProps) {
  return (
    <div className="inspector__field">
      <div className="inspector__label-row">
        <span>
          <label className="field__label" htmlFor={id}>
            {label}
          </label>
          {required && (
            <span className="field__label" title="Required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </span>
        {aside}
      </div>
      {children}
      <FieldProblems id={id} problems={problems} />
    </div>
  );
}

/** "12 / 20": the limit of a literal text, red once passed. References have no length yet. */
function Limit({ id, value, maxLength }: { id: string; value: string; maxLength?: number }) {
  if (maxLength === undefined || looksDynamic(value)) {
    return null;
  }
  const over = value.length > maxLength;

  return (
    <span id={`${id}-limit`} className={`limit${over ? ' limit--over' : ''}`}>
      {' '}
      {value.length} / {maxLength}
      {over && ` — ${value.length - maxLength} too many`}
    </span>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  references: readonly ScopeReference[];
  maxLength?: number;
  required?: boolean;
  problems?: readonly string[];
}

export function TextField({
  id,
  label,
  value,
  onChange,
  references,
  maxLength,
  required,
  problems = [],
}: TextFieldProps) {
  const over = maxLength !== undefined && !looksDynamic(value) && value.length > maxLength;

  return (
    <FieldFrame
      id={id}
      label={label}
      required={required}
      problems={problems}
      aside={<Limit id={id} value={value} maxLength={maxLength} />}
    >
      <ExpressionInput
        id={id}
        value={value}
        onChange={onChange}
        references={references}
        invalid={over || problems.length > 0}
        describedBy={`${id}-limit ${id}-problems`}
      />
    </FieldFrame>
  );
}

interface ChoiceFieldProps {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
  required?: boolean;
  problems?: readonly string[];
}

/** A select; optional fields offer "not set", which removes the property. */
export function ChoiceField({
  id,
  label,
  value,
  options,
  onChange,
  required = false,
  problems = [],
}: ChoiceFieldProps) {
  const known = value === undefined || options.some((option) => option.value === value);

  return (
    <FieldFrame id={id} label={label} required={required} problems={problems}>
      <select
        id={id}
        className="input inspector__input"
        value={value ?? ''}
        aria-invalid={problems.length > 0}
        aria-describedby={`${id}-problems`}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        {(!required || value === undefined) && <option value="">(not set)</option>}
        {!known && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

const YES_NO = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

interface ValueFieldProps {
  id: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  references: readonly ScopeReference[];
  required?: boolean;
  problems?: readonly string[];
}

/** Yes / no, or a `${…}` reference when the value is one. */
export function BooleanField({
  id,
  label,
  value,
  onChange,
  references,
  required,
  problems,
}: ValueFieldProps) {
  if (typeof value === 'string') {
    return (
      <TextField
        id={id}
        label={label}
        value={value}
        references={references}
        required={required}
        problems={problems}
        onChange={(text) => onChange(text === '' ? undefined : text)}
      />
    );
  }

  return (
    <ChoiceField
      id={id}
      label={label}
      value={typeof value === 'boolean' ? String(value) : undefined}
      options={YES_NO}
      required={required}
      problems={problems}
      onChange={(choice) => onChange(choice === undefined ? undefined : choice === 'true')}
    />
  );
}

/** A whole number typed as text: what is typed stays on screen while the schema says what is wrong. */
export function NumberField({
  id,
  label,
  value,
  onChange,
  required,
  problems = [],
}: ValueFieldProps) {
  const [text, setText] = useState(
    typeof value === 'number' || typeof value === 'string' ? String(value) : '',
  );

  return (
    <FieldFrame id={id} label={label} required={required} problems={problems}>
      <input
        id={id}
        className="input inspector__input inspector__input--number"
        inputMode="numeric"
        value={text}
        aria-invalid={problems.length > 0}
        aria-describedby={`${id}-problems`}
        onChange={(event) => {
          const typed = event.target.value;
          setText(typed);
          const trimmed = typed.trim();
          onChange(
            trimmed === ''
              ? undefined
              : looksDynamic(trimmed) || Number.isNaN(Number(trimmed))
                ? trimmed
                : Number(trimmed),
          );
        }}
      />
    </FieldFrame>
  );
}

/** Any value as JSON text, applied once it parses; until then the parser's complaint shows. */
export function JsonField({
  id,
  label,
  value,
  onChange,
  required,
  problems = [],
}: ValueFieldProps) {
  const { text, syntaxError, change } = useJsonText(value, onChange);
  const shown =
    syntaxError === null ? problems : [...problems, `Not JSON yet, not applied: ${syntaxError}`];

  return (
    <FieldFrame id={id} label={label} required={required} problems={shown}>
      <textarea
        id={id}
        className="input inspector__input inspector__input--code"
        rows={4}
        spellCheck={false}
        value={text}
        aria-invalid={shown.length > 0}
        aria-describedby={`${id}-problems`}
        onChange={(event) => change(event.target.value)}
      />
    </FieldFrame>
  );
}
