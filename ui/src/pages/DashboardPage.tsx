import { Link } from 'react-router';
import { api } from '../api/client';
import type { Command } from '../api/types';
import { ApprovalButtons } from '../components/ApprovalButtons';
import { PhaseBadge, RiskBadge } from '../components/Badges';
import { hasRole, useAuth } from '../components/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { SortableTable } from '../components/SortableTable';
import { useLoad } from '../components/useLoad';

export default function DashboardPage() {
  const { user } = useAuth();
  const { data, error, loading, reload } = useLoad(() => api.dashboard(), []);
  const approver = hasRole(user, 'approver', 'admin');
  const pods = Object.entries(data?.podsByPhase ?? {});

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">Dashboard</h1>
        <button type="button" className="btn-secondary" onClick={reload}>Refresh</button>
      </div>
      <ErrorNotice error={error} title="Could not load the dashboard" />
      {loading && !data && <p role="status">Loading…</p>}
      {data && (
        <>
          <section aria-labelledby="health-heading" className="grid gap-4 md:grid-cols-2">
            <h2 id="health-heading" className="sr-only">Cluster health</h2>
            <div className="card" data-testid="nodes">
              <h3 className="font-semibold">Nodes</h3>
              {data.nodes.total > 0 ? (
                <>
                  <p className="text-3xl font-bold">{data.nodes.ready} / {data.nodes.total}</p>
                  <p className="muted text-sm">ready</p>
                </>
              ) : (
                <p className="muted text-sm">No nodes visible with your permissions.</p>
              )}
            </div>
            <div className="card" data-testid="pods-by-phase">
              <h3 className="font-semibold">Pods by phase</h3>
              {pods.length === 0 ? <p className="muted text-sm">No pods.</p> : (
                <dl className="grid grid-cols-2 gap-x-4 text-sm">
                  {pods.map(([phase, count]) => (
                    <div key={phase} className="contents">
                      <dt>{phase}</dt>
                      <dd className="font-semibold">{count}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
          </section>
          <section aria-labelledby="approvals-heading" className="card space-y-2">
            <h2 id="approvals-heading" className="text-lg font-semibold">Pending approvals</h2>
            {data.pendingApprovals.length === 0 && <p className="muted text-sm">Nothing is waiting for approval.</p>}
            <ul className="space-y-2">
              {data.pendingApprovals.map((command) => (
                <li key={`${command.namespace}/${command.name}`} data-command={`${command.namespace}/${command.name}`} className="space-y-1 border-b border-slate-200 pb-2 dark:border-slate-800">
                  <CommandLine command={command} />
                  {approver && command.phase === 'AwaitingApproval' && <ApprovalButtons command={command} onDecided={reload} />}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="recent-heading" className="card space-y-2">
            <h2 id="recent-heading" className="text-lg font-semibold">Recent activity</h2>
            {data.recent.length === 0 && <p className="muted text-sm">No commands yet.</p>}
            <ul className="space-y-1">
              {data.recent.map((command) => (
                <li key={`${command.namespace}/${command.name}`}><CommandLine command={command} /></li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="warnings-heading" className="card">
            <h2 id="warnings-heading" className="mb-2 text-lg font-semibold">Recent warnings</h2>
            <SortableTable
              caption="Recent warning events"
              captionHidden
              columns={['Namespace', 'Object', 'Reason', 'Message', 'Last seen']}
              rows={data.warnings.map((w) => [w.namespace, w.object, w.reason, w.message, w.lastSeen ?? ''])}
              emptyText="No warnings."
            />
          </section>
        </>
      )}
    </div>
  );
}

function CommandLine({ command }: { command: Command }) {
  const { user } = useAuth();
  // Only the requester's own conversations can be opened.
  const mine = command.requester?.user !== undefined && command.requester.user === (user?.kubernetesUser ?? user?.username);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <RiskBadge level={command.risk?.level} />
      <PhaseBadge phase={command.phase} />
      <code className="font-mono">{command.kubectl ?? command.request}</code>
      {command.requester?.user && <span className="muted">by {command.requester.user}</span>}
      {mine && command.sessionId && (
        <Link className="link" to={`/chat/${encodeURIComponent(command.sessionId)}`}
          aria-label={`Open the conversation of ${command.kubectl ?? command.request}`}>open</Link>
      )}
    </div>
  );
}
