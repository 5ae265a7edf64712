import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, auditExportUrl } from '../api/client';
import type { AuditRecord, VerifyResult } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { SortableTable } from '../components/SortableTable';
import { useLoad } from '../components/useLoad';
import { afterPaint } from '../lib/afterPaint';
import { auditRow, toInstant, type AuditFilter } from '../lib/audit';

const PAGE_SIZE = 50;

const TEXT_FILTERS: { key: keyof AuditFilter; label: string }[] = [
  { key: 'actor', label: 'Actor' },
  { key: 'eventType', label: 'Event type' },
  { key: 'namespace', label: 'Namespace' },
];

export default function AuditPage() {
  const [draft, setDraft] = useState<AuditFilter>({});
  const [items, setItems] = useState<AuditRecord[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<AuditRecord | undefined>(undefined);
  const [verify, setVerify] = useState<VerifyResult | undefined>(undefined);
  const [verifyError, setVerifyError] = useState<unknown>(undefined);
  const [verifying, setVerifying] = useState(false);
  const ids = { from: useId(), to: useId(), q: useId(), risk: useId() };

  const params = (filter: AuditFilter) => ({
    ...filter, from: toInstant(filter.from), to: toInstant(filter.to), limit: PAGE_SIZE,
  });

  async function search(event?: FormEvent, more = false) {
    event?.preventDefault();
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.audit({ ...params(draft), cursor: more ? cursor : undefined });
      setItems((current) => (more ? [...(current ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  // The most recent records show at once; filters narrow them down.
  useEffect(() => afterPaint(() => void search()), []);

  async function runVerify() {
    setVerifying(true);
    setVerifyError(undefined);
    try {
      setVerify(await api.verifyAudit());
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  }

  const set = (key: keyof AuditFilter) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const range = { from: toInstant(draft.from), to: toInstant(draft.to) };
  const rows = (items ?? []).map(auditRow);

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Audit</h1>
      <form onSubmit={(e) => search(e)} className="card grid gap-3 md:grid-cols-4" aria-label="Audit filters">
        <div>
          <label htmlFor={ids.from} className="label">From</label>
          <input id={ids.from} type="datetime-local" className="input w-full" value={draft.from ?? ''} onChange={(e) => set('from')(e.target.value)} />
        </div>
        <div>
          <label htmlFor={ids.to} className="label">To</label>
          <input id={ids.to} type="datetime-local" className="input w-full" value={draft.to ?? ''} onChange={(e) => set('to')(e.target.value)} />
        </div>
        {TEXT_FILTERS.map(({ key, label }) => (
          <TextFilter key={key} label={label} value={draft[key] ?? ''} onChange={set(key)} />
        ))}
        <div>
          <label htmlFor={ids.risk} className="label">Risk</label>
          <select id={ids.risk} className="input w-full" value={draft.risk ?? ''} onChange={(e) => set('risk')(e.target.value)}>
            <option value="">Any</option>
            <option value="safe">Safe</option>
            <option value="caution">Caution</option>
            <option value="destructive">Destructive</option>
          </select>
        </div>
        <TextFilter label="Outcome" value={draft.outcome ?? ''} onChange={set('outcome')} />
        <div className="md:col-span-3">
          <label htmlFor={ids.q} className="label">Search text</label>
          <input id={ids.q} type="search" className="input w-full" value={draft.q ?? ''} onChange={(e) => set('q')(e.target.value)} placeholder="words from the request, command or reason" />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary" disabled={loading}>Search</button>
        </div>
      </form>

      <section aria-labelledby="verify-heading" className="card space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="verify-heading" className="text-lg font-semibold">Integrity</h2>
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-primary" onClick={runVerify} disabled={verifying}>
              {verifying ? 'Verifying…' : 'Verify chain'}
            </button>
            <a className="btn-secondary" href={auditExportUrl('csv', range)} download>Export CSV</a>
            <a className="btn-secondary" href={auditExportUrl('jsonl', range)} download>Export JSON</a>
            <a className="btn-secondary" href={auditExportUrl('pdf', range)} download>Export PDF</a>
          </div>
        </div>
        <ErrorNotice error={verifyError} title="Could not verify" />
        {verify && (
          <div role="status" data-testid="verify-result" data-valid={verify.valid}
            className={`rounded-md border p-3 text-sm ${verify.valid
              ? 'border-green-700 bg-green-50 text-green-950 dark:border-green-400 dark:bg-green-950 dark:text-green-100'
              : 'border-red-700 bg-red-50 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-100'}`}>
            <p className="font-semibold">{verify.valid ? 'Chain verified' : 'Chain broken'}: {verify.message}</p>
            <p>{verify.verifiedRecords} records verified{verify.firstBadSequence !== undefined ? `; first bad record: ${verify.firstBadSequence}` : ''}.</p>
            {verify.checkpoint && (
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 break-all font-mono text-xs" aria-label="Signed checkpoint">
                <dt className="font-sans font-semibold">Tree size</dt><dd>{verify.checkpoint.treeSize}</dd>
                <dt className="font-sans font-semibold">Root hash</dt><dd>{verify.checkpoint.rootHash}</dd>
                <dt className="font-sans font-semibold">Signed at</dt><dd>{verify.checkpoint.signedAt}</dd>
                <dt className="font-sans font-semibold">Signature</dt><dd>{verify.checkpoint.signature}</dd>
                <dt className="font-sans font-semibold">Public key</dt><dd>{verify.checkpoint.publicKey}</dd>
              </dl>
            )}
          </div>
        )}
      </section>

      <ErrorNotice error={error} title="Could not search the audit log" />
      {items === undefined ? (
        <p className="muted" role="status">Loading audit records…</p>
      ) : (
        <section className="card space-y-2" aria-label="Audit records">
          <SortableTable
            caption="Audit records"
            columns={['Sequence', 'Recorded', 'Actor', 'Event', 'Namespace', 'Risk', 'Outcome', 'Summary']}
            rows={rows.map((r) => [r.sequence, r.recordedAt, r.actor, r.eventType, r.namespace, r.risk, r.outcome, r.summary])}
            emptyText="No records match."
            renderCell={(value, row, column) => column === 0 ? (
              <button type="button" className="link" aria-label={`Open record ${String(value)}`}
                onClick={() => setOpen(items.find((i) => Number(i.sequence) === Number(row[0])))}>{String(value)}</button>
            ) : String(value ?? '')}
          />
          {cursor && <button type="button" className="btn-secondary" onClick={() => search(undefined, true)} disabled={loading}>Load more</button>}
        </section>
      )}
      <RecordDialog record={open} onClose={() => setOpen(undefined)} />
    </div>
  );
}

function TextFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="label">{label}</label>
      <input id={id} className="input w-full" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function RecordDialog({ record, onClose }: { record: AuditRecord | undefined; onClose: () => void }) {
  const sequence = record?.sequence;
  const full = useLoad(() => (sequence === undefined ? Promise.resolve(undefined) : api.auditRecord(sequence)), [sequence]);
  const shown = full.data ?? record;
  return (
    <Dialog.Root open={record !== undefined} onOpenChange={(o) => { if (!o) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="card fixed left-1/2 top-1/2 z-50 max-h-[85vh] w-[48rem] max-w-[95vw] -translate-x-1/2 -translate-y-1/2 space-y-2 overflow-auto shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Audit record {record?.sequence}</Dialog.Title>
          <Dialog.Description className="muted text-sm">The full record as stored in the ledger.</Dialog.Description>
          <ErrorNotice error={full.error} title="Could not load the full record" />
          <pre tabIndex={0} aria-label="Record contents" className="overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{JSON.stringify(shown, null, 2)}</pre>
          <div className="flex justify-end"><Dialog.Close className="btn-secondary">Close</Dialog.Close></div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
