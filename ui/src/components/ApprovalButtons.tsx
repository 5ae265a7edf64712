import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useId, useState } from 'react';
import { api } from '../api/client';
import type { Command } from '../api/types';
import { approvalSummary, riskPresentation } from '../lib/risk';
import { ErrorNotice } from './ErrorNotice';
import { useToast } from './Toasts';

type Decision = 'approve' | 'reject';

/** Approve and reject, each behind a confirmation that names exactly what will (or will not) change. */
export function ApprovalButtons({ command, onDecided }: { command: Command; onDecided: (command: Command) => void }) {
  return (
    <div className="flex gap-2">
      <DecisionDialog command={command} decision="approve" onDecided={onDecided} />
      <DecisionDialog command={command} decision="reject" onDecided={onDecided} />
    </div>
  );
}

function DecisionDialog({ command, decision, onDecided }: { command: Command; decision: Decision; onDecided: (c: Command) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const reasonId = useId();
  const notify = useToast();
  const risk = riskPresentation(command.risk?.level);
  const approve = decision === 'approve';

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      const updated = approve
        ? await api.approve(command.namespace, command.name, reason || undefined)
        : await api.reject(command.namespace, command.name, reason || undefined);
      onDecided(updated);
      setOpen(false);
      notify({ kind: 'info', title: approve ? 'Approved' : 'Rejected', description: command.kubectl ?? command.request });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => { setOpen(next); if (next) setError(undefined); }}>
      <AlertDialog.Trigger asChild>
        <button type="button" className={approve ? 'btn-primary' : 'btn-secondary'}>
          {approve ? 'Approve' : 'Reject'}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <AlertDialog.Content className="card fixed left-1/2 top-1/2 z-50 w-[32rem] max-w-[95vw] -translate-x-1/2 -translate-y-1/2 space-y-3 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">
            {approve ? 'Approve this command?' : 'Reject this command?'}
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="space-y-2 text-sm">
              {approve ? (
                <p data-testid="approval-summary">{approvalSummary(command)}</p>
              ) : (
                <p data-testid="approval-summary">
                  Rejecting means nothing will change: <code>{command.kubectl ?? command.request}</code> will not run.
                </p>
              )}
              {command.kubectl && (
                <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800"><code>{command.kubectl}</code></pre>
              )}
              <p>
                <span className="font-semibold">{risk.label}:</span>{' '}
                {(command.risk?.reasons ?? []).join('; ') || risk.description}
              </p>
              {command.requester?.user && <p>Requested by {command.requester.user}.</p>}
            </div>
          </AlertDialog.Description>
          <div>
            <label htmlFor={reasonId} className="label">Reason (optional)</label>
            <input id={reasonId} className="input w-full" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </div>
          <ErrorNotice error={error} title={approve ? 'Could not approve' : 'Could not reject'} />
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel className="btn-secondary">Cancel</AlertDialog.Cancel>
            <button
              type="button"
              className={approve ? 'btn-danger' : 'btn-primary'}
              disabled={busy}
              onClick={confirm}
            >
              {approve ? 'Yes, approve and run' : 'Yes, reject'}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
