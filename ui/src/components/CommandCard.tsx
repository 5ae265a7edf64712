import type { Command } from '../api/types';
import { questionOf } from '../lib/clarify';
import { canApprove, isWorking } from '../lib/risk';
import { ApprovalButtons } from './ApprovalButtons';
import { PhaseBadge, RiskBadge } from './Badges';
import { ClarificationQuestion } from './ClarificationQuestion';
import { DiagnosisFindings } from './DiagnosisFindings';
import { useAuth } from './context';
import { SortableTable } from './SortableTable';

/**
 * The preview of a command (kubectl, explanation, risk, phase), its approval controls and its result; or the
 * question it asked instead, which `onAnswer` answers. `answered` is the command whose question this one answers.
 * A diagnosis shows its findings, whose fixes `onAsk` sends as new requests.
 */
export function CommandCard({ command, onChange, onAnswer, onAsk, answered }: {
  command: Command; onChange: (command: Command) => void; onAnswer?: (asked: Command, request: string) => Promise<void>;
  onAsk?: (request: string) => Promise<void>; answered?: Command;
}) {
  const diagnosis = command.verb === 'diagnose' && command.result?.table?.columns[0] === 'CAUSE';
  const { user } = useAuth();
  const question = questionOf(command);
  const failed = command.phase === 'Failed' || command.phase === 'Denied' || command.phase === 'Rejected' || command.phase === 'Expired';
  return (
    <article
      className="card space-y-2"
      aria-label={`Command: ${command.request ?? command.kubectl ?? command.name}`}
      data-testid="command-card"
      data-command={`${command.namespace}/${command.name}`}
      data-phase={command.phase ?? 'Pending'}
    >
      <div className="flex flex-wrap items-center gap-2">
        <RiskBadge level={command.risk?.level} />
        <PhaseBadge phase={command.phase} />
        {isWorking(command.phase) && <span className="sr-only">Working</span>}
      </div>
      {answered && (
        <p className="muted text-sm" data-testid="answers-question">
          Answers the question “{questionOf(answered)?.question}”
        </p>
      )}
      {command.kubectl && (
        <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-sm dark:bg-slate-800" aria-label="kubectl equivalent">
          <code>{command.kubectl}</code>
        </pre>
      )}
      {command.explanation && <p className="text-sm">{command.explanation}</p>}
      {command.risk?.reasons && command.risk.reasons.length > 0 && (
        <ul className="muted list-disc pl-5 text-sm" aria-label="Risk reasons">
          {command.risk.reasons.map((reason) => <li key={reason}>{reason}</li>)}
        </ul>
      )}
      {command.authorization && !command.authorization.allowed && (
        <p className="text-sm" data-testid="command-refusal"><span className="font-semibold">Not allowed: </span>{command.authorization.reason}</p>
      )}
      {question && <ClarificationQuestion clarification={question} onAnswer={onAnswer && ((request) => onAnswer(command, request))} />}
      {command.message && command.message !== command.result?.summary && command.message !== command.authorization?.reason
        && command.message !== question?.question && (
        <p className={`text-sm ${failed ? 'font-medium text-red-800 dark:text-red-200' : ''}`} data-testid="command-message">{command.message}</p>
      )}
      {command.suggestion && (
        <p className="text-sm"><span className="font-semibold">Suggestion: </span>{command.suggestion}</p>
      )}
      {command.phase === 'AwaitingApproval' && (
        <p className="text-sm">
          Waiting for an approver{command.approvalExpiresAt ? ` until ${new Date(command.approvalExpiresAt).toLocaleString()}` : ''}.
        </p>
      )}
      {command.approval?.decision && (
        <p className="text-sm">
          {command.approval.decision} by {command.approval.approver ?? 'an approver'}
          {command.approval.reason ? `: ${command.approval.reason}` : ''}
        </p>
      )}
      {canApprove(user?.roles, command) && <ApprovalButtons command={command} onDecided={onChange} />}
      {command.result && (
        <section aria-label="Result" className="space-y-2" data-testid="command-result">
          {command.result.summary && !diagnosis && <p className="text-sm font-medium">{command.result.summary}</p>}
          {diagnosis && command.result.table && <DiagnosisFindings table={command.result.table} onAsk={onAsk} />}
          {diagnosis && command.result.text && (
            <details>
              <summary className="cursor-pointer text-xs">All evidence, with where it was read</summary>
              <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{command.result.text}</pre>
            </details>
          )}
          {!diagnosis && command.result.table && (
            <SortableTable caption="Result" captionHidden columns={command.result.table.columns} rows={command.result.table.rows} />
          )}
          {!diagnosis && command.result.text && (
            <pre className="max-h-80 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{command.result.text}</pre>
          )}
          {command.result.truncated && <p className="muted text-xs">The result was shortened; the full result is in the audit log.</p>}
        </section>
      )}
    </article>
  );
}
