import type { ReactNode } from 'react';

interface ListTableProps {
  /** Read by screen readers only. */
  caption: string;
  columns: readonly string[];
  /** One `<tr>` per item, with one cell per column and a last cell of actions. */
  children: ReactNode;
}

/** Items one row each, ending in a column of actions named for screen readers only. */
export function ListTable({ caption, columns, children }: ListTableProps) {
  return (
    <table className="flows-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
