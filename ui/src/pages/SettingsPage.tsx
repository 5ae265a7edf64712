import { useId } from 'react';
import { api, namespaceNames } from '../api/client';
import { useSettings } from '../components/context';
import { useLoad } from '../components/useLoad';
import type { Theme } from '../lib/settings';

export default function SettingsPage() {
  const { settings, update } = useSettings();
  const namespaces = useLoad(async () => namespaceNames(await api.namespaces()), []);
  const nsId = useId();
  const names = namespaces.data ?? [];
  const options = names.includes(settings.defaultNamespace) ? names : [settings.defaultNamespace, ...names];
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Settings</h1>
      <p className="muted text-sm">Settings are kept in this browser.</p>
      <fieldset className="card">
        <legend className="px-1 font-semibold">Theme</legend>
        <div className="flex gap-4">
          {(['light', 'dark'] as Theme[]).map((theme) => (
            <label key={theme} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => update({ theme })} />
              {theme === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="card">
        <label htmlFor={nsId} className="label">Default namespace</label>
        <p className="muted mb-1 text-xs">New sessions and the resource explorer start here.</p>
        <select id={nsId} className="input" value={settings.defaultNamespace} onChange={(e) => update({ defaultNamespace: e.target.value })}>
          {options.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </div>
    </div>
  );
}
