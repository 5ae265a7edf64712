import * as Tabs from '@radix-ui/react-tabs';
import { useEffect, useId, useState } from 'react';
import { api, namespaceNames } from '../api/client';
import { useSettings } from '../components/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { cellText, SortableTable } from '../components/SortableTable';
import { useLoad } from '../components/useLoad';

const KINDS = ['pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs', 'services', 'ingresses', 'configmaps', 'secrets', 'persistentvolumeclaims', 'serviceaccounts'];

export default function ResourcesPage() {
  const { settings } = useSettings();
  const [namespace, setNamespace] = useState(settings.defaultNamespace);
  const [kind, setKind] = useState('pods');
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const namespaces = useLoad(async () => namespaceNames(await api.namespaces()), []);
  const table = useLoad(() => api.resources(namespace, kind), [namespace, kind]);
  const nsId = useId();
  const kindId = useId();

  useEffect(() => setSelected(undefined), [namespace, kind]);

  const names = namespaces.data ?? [];
  const options = names.includes(namespace) ? names : [namespace, ...names];
  const nameColumn = Math.max(0, (table.data?.columns ?? []).findIndex((c) => c.toLowerCase() === 'name'));

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Resources</h1>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor={nsId} className="label">Namespace</label>
          <select id={nsId} className="input" value={namespace} onChange={(e) => setNamespace(e.target.value)}>
            {options.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={kindId} className="label">Kind</label>
          <select id={kindId} className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
            {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </div>
        <div className="self-end">
          <button type="button" className="btn-secondary" onClick={table.reload}>Refresh</button>
        </div>
      </div>
      <ErrorNotice error={namespaces.error} title="Could not list namespaces" />
      <ErrorNotice error={table.error} title={`Could not list ${kind}`} />
      {table.loading && <p role="status" className="muted text-sm">Loading {kind}…</p>}
      {table.data && (
        <div className="card">
          <SortableTable
            caption={`${kind} in ${namespace}`}
            columns={table.data.columns}
            rows={table.data.rows}
            emptyText={`No ${kind} in ${namespace}.`}
            renderCell={(value, _row, column) => column === nameColumn ? (
              <button type="button" className="link" onClick={() => setSelected(cellText(value))}
                aria-label={`Details of ${cellText(value)}`}>{cellText(value)}</button>
            ) : cellText(value)}
          />
        </div>
      )}
      {selected && <Detail key={`${namespace}/${kind}/${selected}`} namespace={namespace} kind={kind} name={selected} onClose={() => setSelected(undefined)} />}
    </div>
  );
}

function Detail({ namespace, kind, name, onClose }: { namespace: string; kind: string; name: string; onClose: () => void }) {
  const [tab, setTab] = useState('describe');
  return (
    <section className="card space-y-2" aria-labelledby="detail-heading">
      <div className="flex items-center justify-between">
        <h2 id="detail-heading" className="text-lg font-semibold">{kind}/{name}</h2>
        <button type="button" className="btn-secondary" onClick={onClose}>Close details</button>
      </div>
      <Tabs.Root value={tab} onValueChange={setTab}>
        <Tabs.List aria-label={`Details of ${name}`} className="flex gap-1 border-b border-slate-300 dark:border-slate-700">
          {['describe', 'object', ...(kind === 'pods' ? ['logs'] : []), 'events'].map((t) => (
            <Tabs.Trigger key={t} value={t}
              className="rounded-t px-3 py-1.5 text-sm font-medium data-[state=active]:bg-blue-700 data-[state=active]:text-white dark:data-[state=active]:bg-blue-300 dark:data-[state=active]:text-slate-950">
              {t.charAt(0).toUpperCase() + t.slice(1)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="describe"><TextPanel load={() => api.describe(namespace, kind, name).then((r) => r.text)} label="Describe output" /></Tabs.Content>
        <Tabs.Content value="object"><TextPanel load={() => api.resource(namespace, kind, name).then((o) => JSON.stringify(o, null, 2))} label="Object" /></Tabs.Content>
        {kind === 'pods' && (
          <Tabs.Content value="logs"><TextPanel load={() => api.logs(namespace, name, { tail: 200 }).then((r) => r.text || '(no log lines)')} label="Logs" /></Tabs.Content>
        )}
        <Tabs.Content value="events"><EventsPanel namespace={namespace} name={name} /></Tabs.Content>
      </Tabs.Root>
    </section>
  );
}

function TextPanel({ load, label }: { load: () => Promise<string>; label: string }) {
  const { data, error, loading } = useLoad(load, []);
  return (
    <div className="pt-2">
      <ErrorNotice error={error} title={`Could not load: ${label}`} />
      {loading && <p role="status" className="muted text-sm">Loading…</p>}
      {data !== undefined && (
        <pre aria-label={label} tabIndex={0} className="max-h-96 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{data}</pre>
      )}
    </div>
  );
}

function EventsPanel({ namespace, name }: { namespace: string; name: string }) {
  const { data, error } = useLoad(() => api.events(namespace), [namespace]);
  const rows = (data?.rows ?? []).filter((row) => row.some((cell) => cellText(cell).includes(name)));
  return (
    <div className="pt-2">
      <ErrorNotice error={error} title="Could not load events" />
      {data && <SortableTable caption={`Events about ${name}`} captionHidden columns={data.columns} rows={rows} emptyText="No events about this object." />}
    </div>
  );
}
