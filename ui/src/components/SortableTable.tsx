import { useMemo, useState, type ReactNode } from 'react';
import { nextSort, sortRows, type SortDirection } from '../lib/sort';

interface Props {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
  /** Renders a cell specially (for example the name as a button); default is its text. */
  renderCell?: (value: unknown, row: readonly unknown[], column: number) => ReactNode;
  captionHidden?: boolean;
  emptyText?: string;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A table whose column headers sort it (click or Enter/Space); the state is announced via aria-sort. */
export function SortableTable({ caption, columns, rows, renderCell, captionHidden, emptyText = 'Nothing to show.' }: Props) {
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | undefined>(undefined);
  const sorted = useMemo(() => (sort ? sortRows(rows, sort.column, sort.direction) : rows), [rows, sort]);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-left text-sm">
        <caption className={captionHidden ? 'sr-only' : 'mb-2 text-left font-semibold'}>{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400 dark:border-slate-500">
            {columns.map((column, index) => (
              <th
                key={`${column}-${index}`}
                scope="col"
                aria-sort={sort?.column === index ? sort.direction : 'none'}
                className="px-2 py-1 font-semibold"
              >
                <button
                  type="button"
                  className="inline-flex items-center gap-1 rounded hover:underline"
                  onClick={() => setSort((current) => nextSort(current, index))}
                >
                  {column}
                  <span aria-hidden="true">{sort?.column === index ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr><td colSpan={Math.max(1, columns.length)} className="muted px-2 py-2">{emptyText}</td></tr>
          )}
          {sorted.map((row, rowIndex) => (
            <tr key={rowIndex} className="border-b border-slate-200 dark:border-slate-800">
              {columns.map((_, index) => (
                <td key={index} className="whitespace-nowrap px-2 py-1 align-top">
                  {renderCell ? renderCell(row[index], row, index) : cellText(row[index])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
