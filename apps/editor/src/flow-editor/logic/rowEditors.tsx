import type { LogicFieldProblem } from '@sanjay-flow/graph';
import { useState } from 'react';

import { Problems, problemsAt } from './fields';

interface Row {
  name: string;
  value: string;
}

interface RowsProps {
  legend: string;
  rows: readonly Row[];
  nameLabel: string;
  valueLabel: string;
  /** Problems of row `index` (its name and its value), and those of the whole list. */
  problemsOf: (index: number) => readonly LogicFieldProblem[];
  listProblems?: readonly LogicFieldProblem[];
  valueIsCode: boolean;
  onChange: (rows: Row[]) => void;
}

/** Name/value rows with add and remove, labelled so each input can be found by its row. */
function Rows(props: RowsProps) {
  const { rows, onChange } = props;
  const set = (index: number, patch: Partial<Row>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="inspector__rows">
      <legend className="field__label">{props.legend}</legend>
      {rows.map((row, index) => (
        <div key={index} className="inspector__row">
          <input
            className="input inspector__input"
            aria-label={`${props.legend} ${index + 1} ${props.nameLabel}`}
            placeholder={props.nameLabel}
            value={row.name}
            onChange={(event) => set(index, { name: event.target.value })}
          />
          <input
            className={`input inspector__input${props.valueIsCode ? ' inspector__input--code' : ''}`}
            aria-label={`${props.legend} ${index + 1} ${props.valueLabel}`}
            placeholder={props.valueLabel}
            spellCheck={!props.valueIsCode}
            value={row.value}
            onChange={(event) => set(index, { value: event.target.value })}
          />
          <button
            type="button"
            className="button button--quiet"
            aria-label={`Remove ${props.legend} ${index + 1}`}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            ✕
          </button>
          <Problems problems={props.problemsOf(index)} />
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => onChange([...rows, { name: '', value: '' }])}
      >
        Add {props.legend.toLowerCase()}
      </button>
      <Problems problems={props.listProblems ?? []} />
    </fieldset>
  );
}

interface MappingEditorProps {
  legend: string;
  /** The node field holding the mapping, e.g. `data`; problems are found under it. */
  field: string;
  value: Readonly<Record<string, string>>;
  onChange: (value: Record<string, string>) => void;
  problems: readonly LogicFieldProblem[];
  nameLabel?: string;
  valueLabel?: string;
  valueIsCode?: boolean;
}

/**
 * Key → expression (or template) pairs. Rows live here while typed, so a blank or repeated key
 * does not swallow a row; the mapping is handed on only when every key is distinct and set.
 */
export function MappingEditor(props: MappingEditorProps) {
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(props.value).map(([name, value]) => ({ name, value })),
  );
  const [keyProblem, setKeyProblem] = useState<string | null>(null);
  const change = (next: Row[]) => {
    setRows(next);
    const names = next.map((row) => row.name.trim());
    const problem = names.includes('')
      ? 'Every row needs a name; not saved until it has one'
      : new Set(names).size < names.length
        ? 'Two rows have the same name; not saved until they differ'
        : null;
    setKeyProblem(problem);
    if (problem === null) {
      props.onChange(Object.fromEntries(next.map((row) => [row.name.trim(), row.value])));
    }
  };

  return (
    <Rows
      legend={props.legend}
      rows={rows}
      nameLabel={props.nameLabel ?? 'key'}
      valueLabel={props.valueLabel ?? 'expression'}
      valueIsCode={props.valueIsCode ?? true}
      problemsOf={(index) =>
        problemsAt(props.problems, `${props.field}.${rows[index]?.name.trim() ?? ''}`)
      }
      listProblems={keyProblem === null ? [] : [{ field: props.field, message: keyProblem }]}
      onChange={change}
    />
  );
}

interface PairListEditorProps<T> {
  legend: string;
  field: string;
  items: readonly T[];
  toRow: (item: T) => Row;
  fromRow: (row: Row) => T;
  onChange: (items: T[]) => void;
  problems: readonly LogicFieldProblem[];
  nameLabel: string;
  valueLabel: string;
  valueIsCode: boolean;
}

/** An ordered list of pairs, such as `{ variable, expression }` assignments. */
export function PairListEditor<T>(props: PairListEditorProps<T>) {
  const problemsOf = (index: number) => [
    // The schema names `field.0.variable`; the expression parser names `field[0]`.
    ...problemsAt(props.problems, `${props.field}.${index}`),
    ...problemsAt(props.problems, `${props.field}[${index}]`),
  ];

  return (
    <Rows
      legend={props.legend}
      rows={props.items.map(props.toRow)}
      nameLabel={props.nameLabel}
      valueLabel={props.valueLabel}
      valueIsCode={props.valueIsCode}
      problemsOf={problemsOf}
      onChange={(rows) => props.onChange(rows.map(props.fromRow))}
    />
  );
}
