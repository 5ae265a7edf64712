import { useState } from 'react';
import type { Table } from '../api/types';

/**
 * A diagnosis: each finding, root cause first, with its evidence folded away until asked for and its fixes as
 * buttons. A fix is sent as a new request in kubectl words, so it is translated, rated, authorized and, when
 * destructive, held for approval like any other.
 */
export function DiagnosisFindings({ table, onAsk }: { table: Table; onAsk?: (request: string) => Promise<void> }) {
  const [sent, setSent] = useState<string | undefined>();
  return (
    <ol aria-label="Findings" className="space-y-2" data-testid="diagnosis-findings">
      {table.rows.map((row, index) => {
        const [cause, finding, evidence, fixes] = row.map((cell) => (cell == null ? '' : String(cell)));
        return (
          <li key={`${cause}-${index}`} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700" data-cause={cause}>
            <p className="font-medium">{finding}</p>
            {evidence && (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs">Evidence</summary>
                <pre className="mt-1 overflow-x-auto whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{evidence}</pre>
              </details>
            )}
            {fixes.split('\n').filter(Boolean).map((fix) => (
              <button
                key={fix}
                type="button"
                className="btn-secondary mt-2 text-left font-mono text-xs"
                disabled={!onAsk || sent !== undefined}
                onClick={() => {
                  setSent(fix);
                  onAsk?.(fix).catch(() => setSent(undefined));
                }}
              >
                <span className="font-sans font-semibold">Run fix: </span>{fix}
              </button>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
