import { api } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useLoad } from '../components/useLoad';

export default function ClustersPage() {
  const { data, error, loading, reload } = useLoad(() => api.clusters(), []);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">Clusters</h1>
        <button type="button" className="btn-secondary" onClick={reload}>Refresh</button>
      </div>
      <ErrorNotice error={error} title="Could not load clusters" />
      {loading && !data && <p role="status">Loading…</p>}
      <ul className="grid gap-4 md:grid-cols-2">
        {(data ?? []).map((cluster) => (
          <li key={cluster.name} className="card space-y-1" data-testid="cluster">
            <div className="flex items-center justify-between gap-2">
              <h2 className="font-semibold">{cluster.displayName || cluster.name}</h2>
              <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${cluster.reachable
                ? 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200'
                : 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200'}`}>
                {cluster.reachable ? 'Connected' : 'Unreachable'}
              </span>
            </div>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
              <dt className="muted">Name</dt><dd>{cluster.name}</dd>
              <dt className="muted">Version</dt><dd>{cluster.serverVersion || 'unknown'}</dd>
              <dt className="muted">Last check</dt><dd>{cluster.lastProbe ? new Date(cluster.lastProbe).toLocaleString() : 'never'}</dd>
            </dl>
            {cluster.message && <p className="text-sm">{cluster.message}</p>}
          </li>
        ))}
      </ul>
      {data && data.length === 0 && <p className="muted">No clusters configured.</p>}
    </div>
  );
}
