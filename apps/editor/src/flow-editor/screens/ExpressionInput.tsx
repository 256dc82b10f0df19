import { completeReference, openReferenceAt, type ScopeReference } from '@sanjay-flow/graph';
import { useRef, useState, type KeyboardEvent } from 'react';

interface ExpressionInputProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** What `${…}` may name here: the screen's data and inputs, and other screens'. */
  references: readonly ScopeReference[];
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
}

const MAX_SUGGESTIONS = 8;

/**
 * A text input that completes `${data.…}`, `${form.…}` and `${screen.…}` references: after
 * `${` it lists the references in scope that match what is typed; arrows choose, Enter or Tab
 * takes one, Escape closes the list.
 */
export function ExpressionInput({
  id,
  value,
  onChange,
  references,
  invalid = false,
  describedBy,
  placeholder,
}: ExpressionInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState<{ start: number; typed: string; caret: number } | null>(null);
  const [active, setActive] = useState(0);
  const suggestions =
    open === null ? [] : completeReference(references, open.typed).slice(0, MAX_SUGGESTIONS);
  const listId = `${id}-references`;
  const expanded = suggestions.length > 0;

  const track = (text: string, caret: number) => {
    const reference = openReferenceAt(text, caret);
    setOpen(reference === null ? null : { ...reference, caret });
    setActive(0);
  };
  const take = (reference: ScopeReference) => {
    if (open === null) {
      return;
    }
    const closes = value.slice(open.caret).startsWith('}');
    const inserted = `${reference.path}${closes ? '' : '}'}`;
    const next = value.slice(0, open.start) + inserted + value.slice(open.caret);
    onChange(next);
    setOpen(null);
    const caret = open.start + inserted.length + (closes ? 1 : 0);
    requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
  };
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!expanded) {
      return;
    }
    const chosen = suggestions[active];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && chosen !== undefined) {
      event.preventDefault();
      take(chosen);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(null);
    }
  };

  return (
    <div className="completion">
      <input
        ref={input}
        id={id}
        className="input inspector__input"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={placeholder}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          track(event.target.value, event.target.selectionStart ?? event.target.value.length);
        }}
        onKeyDown={keyDown}
        onBlur={() => setOpen(null)}
      />
      <ul
        id={listId}
        role="listbox"
        className="completion__list"
        hidden={!expanded}
        aria-label="References in scope"
      >
        {suggestions.map((reference, index) => (
          <li
            key={reference.path}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="completion__option"
            // Before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              take(reference);
            }}
          >
            {reference.path}
            <span className="completion__detail">{reference.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
