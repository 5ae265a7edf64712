export type SortDirection = 'ascending' | 'descending';

const QUANTITY = /^(-?\d+(?:\.\d+)?)\s*(m|Ki|Mi|Gi|Ti|k|M|G|T|%)?$/;
const MULTIPLIER: Record<string, number> = {
  '': 1, '%': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
};
const AGE_PART = /(\d+)([dhms])/g;
const AGE = /^(\d+[dhms])+$/;
const AGE_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

const UNAMBIGUOUS_AGE = /^(\d+[dhms]){2,}$|^\d+[dhs]$/;

/**
 * A number for cells that read as numbers, Kubernetes quantities ("250m", "1Gi") or ages ("3d4h").
 * "5m" is minutes in an age column but millicores in a CPU column, hence the column's kind.
 */
export function numericValue(cell: unknown, ages = isAgeLike(cell)): number | undefined {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  if (ages && AGE.test(text)) {
    let seconds = 0;
    for (const [, amount, unit] of text.matchAll(AGE_PART)) seconds += Number(amount) * AGE_SECONDS[unit];
    return seconds;
  }
  const match = QUANTITY.exec(text);
  if (match) return Number(match[1]) * MULTIPLIER[match[2] ?? ''];
  return undefined;
}

function isAgeLike(cell: unknown): boolean {
  return typeof cell === 'string' && UNAMBIGUOUS_AGE.test(cell.trim());
}

/** Orders two cells: numbers numerically, text naturally ("pod-2" before "pod-10"), empty cells last. */
export function compareCells(a: unknown, b: unknown, ages = isAgeLike(a) || isAgeLike(b)): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  const numberA = numericValue(a, ages);
  const numberB = numericValue(b, ages);
  if (numberA !== undefined && numberB !== undefined) return numberA - numberB;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** A sorted copy; rows that compare equal keep their original order. */
export function sortRows<T extends readonly unknown[]>(rows: readonly T[], column: number, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const ages = rows.some((row) => isAgeLike(row[column]));
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const byCell = compareCells(x.row[column], y.row[column], ages);
      // Empty cells stay last in both directions.
      const emptyX = x.row[column] === null || x.row[column] === undefined || x.row[column] === '';
      const emptyY = y.row[column] === null || y.row[column] === undefined || y.row[column] === '';
      const order = emptyX || emptyY ? byCell : sign * byCell;
      return order !== 0 ? order : x.index - y.index;
    })
    .map(({ row }) => row);
}

/** Next state when a column header is activated: a new column sorts ascending, the same one flips. */
export function nextSort(
  current: { column: number; direction: SortDirection } | undefined,
  column: number,
): { column: number; direction: SortDirection } {
  if (!current || current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
