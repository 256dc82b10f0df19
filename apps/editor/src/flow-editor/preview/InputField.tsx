import { suggestedValues, type ComponentView, type InputView } from '@sanjay-flow/flow-player';
import { useState, type ReactNode } from 'react';

export interface InputFieldProps {
  component: ComponentView;
  input: InputView;
  /** Show what is wrong with the value (after the customer typed or pressed the Footer). */
  showError: boolean;
  disabled: boolean;
  onInput: (name: string, value: unknown) => void;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A DatePicker before Flow JSON 5.0 speaks milliseconds since 1970 as text. */
function dateValue(value: unknown, epoch: boolean): string {
  const raw = text(value);
  if (!epoch || !/^\d+$/.test(raw)) {
    return raw;
  }

  return new Date(Number(raw)).toISOString().slice(0, 10);
}

function dateInput(value: string, epoch: boolean): string | undefined {
  if (value === '') {
    return undefined;
  }

  return epoch ? String(Date.parse(`${value}T00:00:00Z`)) : value;
}

function toggled(current: unknown, id: string, on: boolean): string[] {
  const ids = Array.isArray(current) ? current.filter((item) => typeof item === 'string') : [];

  return on ? [...ids, id] : ids.filter((item) => item !== id);
}

function Choices({ component, input, disabled, onInput }: InputFieldProps) {
  const many = input.type === 'CheckboxGroup' || input.type === 'ChipsSelector';
  const options = input.options ?? [];

  return (
    <fieldset
      className={`phone-choices phone-choices--${input.type}`}
      disabled={disabled || !input.enabled}
    >
      <legend className="phone-field__label">{input.label}</legend>
      {text(component.properties.description) !== '' && (
        <p className="phone-field__help">{text(component.properties.description)}</p>
      )}
      {options.map((option) => {
        const checked = many
          ? Array.isArray(input.value) && (input.value as unknown[]).includes(option.id)
          : input.value === option.id;

        return (
          <label key={option.id} className="phone-choice">
            <input
              type={many ? 'checkbox' : 'radio'}
              name={`${component.pointer}-${input.name}`}
              checked={checked}
              disabled={!option.enabled}
              onChange={(event) =>
                onInput(
                  input.name,
                  many ? toggled(input.value, option.id, event.target.checked) : option.id,
                )
              }
            />
            <span className="phone-choice__title">{option.title}</span>
            {option.description !== undefined && (
              <span className="phone-choice__description">{option.description}</span>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}

function Dropdown({ input, disabled, onInput }: InputFieldProps) {
  return (
    <label className="phone-field">
      <span className="phone-field__label">{input.label}</span>
      <select
        value={text(input.value)}
        disabled={disabled || !input.enabled}
        onChange={(event) =>
          onInput(input.name, event.target.value === '' ? undefined : event.target.value)
        }
      >
        <option value="">Select…</option>
        {(input.options ?? []).map((option) => (
          <option key={option.id} value={option.id} disabled={!option.enabled}>
            {option.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function TextEntry({ component, input, disabled, onInput }: InputFieldProps) {
  const area = input.type === 'TextArea';
  const inputType = text(component.properties['input-type']);
  const change = (value: string) => onInput(input.name, value === '' ? undefined : value);

  return (
    <label className="phone-field">
      <span className="phone-field__label">{input.label}</span>
      {area ? (
        <textarea
          value={text(input.value)}
          disabled={disabled || !input.enabled}
          onChange={(event) => change(event.target.value)}
        />
      ) : (
        <input
          type={inputType === 'password' || inputType === 'passcode' ? 'password' : 'text'}
          inputMode={inputType === 'number' || inputType === 'passcode' ? 'numeric' : undefined}
          value={text(input.value)}
          disabled={disabled || !input.enabled}
          onChange={(event) => change(event.target.value)}
        />
      )}
    </label>
  );
}

type RangeDraft = { 'start-date': string; 'end-date': string };

function DayInput(props: { label: string; value: string; onChange: (day: string) => void }) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="date"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}

/** A range is handed to the player once both ends are chosen; until then it is a draft here. */
function DateRangeEntry({ input, disabled, onInput }: InputFieldProps) {
  const given = (input.value ?? {}) as Partial<RangeDraft>;
  const [draft, setDraft] = useState<RangeDraft>({
    'start-date': given['start-date'] ?? '',
    'end-date': given['end-date'] ?? '',
  });
  const change = (key: keyof RangeDraft, day: string) => {
    const next = { ...draft, [key]: day };
    setDraft(next);
    if (next['start-date'] !== '' && next['end-date'] !== '') {
      onInput(input.name, next);
    } else if (input.value !== undefined) {
      onInput(input.name, undefined);
    }
  };

  return (
    <fieldset className="phone-field" disabled={disabled || !input.enabled}>
      <legend className="phone-field__label">{input.label}</legend>
      <DayInput
        label="Start"
        value={draft['start-date']}
        onChange={(day) => change('start-date', day)}
      />
      <DayInput label="End" value={draft['end-date']} onChange={(day) => change('end-date', day)} />
    </fieldset>
  );
}

function DateEntry(props: InputFieldProps) {
  const { component, input, disabled, onInput } = props;
  if (component.properties.mode === 'range') {
    return <DateRangeEntry {...props} />;
  }
  const epoch = input.type === 'DatePicker' && /^\d+$/.test(text(component.properties['min-date']));

  return (
    <label className="phone-field">
      <span className="phone-field__label">{input.label}</span>
      <input
        type="date"
        value={dateValue(input.value, epoch)}
        disabled={disabled || !input.enabled}
        onChange={(event) => onInput(input.name, dateInput(event.target.value, epoch))}
      />
    </label>
  );
}

function OptIn({ input, disabled, onInput }: InputFieldProps) {
  return (
    <label className="phone-optin">
      <input
        type="checkbox"
        checked={input.value === true}
        disabled={disabled || !input.enabled}
        onChange={(event) => onInput(input.name, event.target.checked)}
      />
      <span>{input.label}</span>
    </label>
  );
}

// TODO: no real file can be picked: a sample file description (no content) stands in, so an
// endpoint that reads the file's bytes cannot be previewed.
function Picker({ component, input, disabled, onInput }: InputFieldProps) {
  const picked = Array.isArray(input.value) ? input.value.length : 0;
  const sample = suggestedValues(component)[0];

  return (
    <div className="phone-field">
      <span className="phone-field__label">{input.label}</span>
      <p className="phone-field__help">
        {picked === 0 ? 'No file chosen' : `${picked} file(s) chosen`}
      </p>
      <button
        type="button"
        className="phone-link"
        disabled={disabled || !input.enabled || sample === undefined}
        onClick={() => onInput(input.name, picked === 0 ? sample : undefined)}
      >
        {picked === 0
          ? `Add a sample file to ${input.label}`
          : `Remove the files of ${input.label}`}
      </button>
    </div>
  );
}

function fieldOf(props: InputFieldProps): ReactNode {
  switch (props.input.type) {
    case 'TextInput':
    case 'TextArea':
      return <TextEntry {...props} />;
    case 'Dropdown':
      return <Dropdown {...props} />;
    case 'RadioButtonsGroup':
    case 'CheckboxGroup':
    case 'ChipsSelector':
      return <Choices {...props} />;
    case 'DatePicker':
    case 'CalendarPicker':
      return <DateEntry {...props} />;
    case 'OptIn':
      return <OptIn {...props} />;
    case 'PhotoPicker':
    case 'DocumentPicker':
      return <Picker {...props} />;
  }
}

/** An input as the phone shows it, with its helper text and, once due, its error. */
export function InputField(props: InputFieldProps) {
  const { component, input, showError } = props;
  const helper = text(component.properties['helper-text']);
  const error = input.error === undefined ? undefined : (input.message ?? input.error);

  return (
    <div
      className={`phone-input${showError && error !== undefined ? ' phone-input--invalid' : ''}`}
    >
      {fieldOf(props)}
      {helper !== '' && <p className="phone-field__help">{helper}</p>}
      {showError && error !== undefined && (
        <p className="phone-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
