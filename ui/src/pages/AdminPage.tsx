import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as Dialog from '@radix-ui/react-dialog';
import * as Tabs from '@radix-ui/react-tabs';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { AdminUser } from '../api/types';
import { hasRole, useAuth } from '../components/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormDialog } from '../components/FormDialog';
import { useToast } from '../components/Toasts';
import { useLoad } from '../components/useLoad';

const ROLES = ['viewer', 'operator', 'approver', 'auditor', 'admin'];
const tabClass = 'rounded-t px-3 py-1.5 text-sm font-medium data-[state=active]:bg-blue-700 data-[state=active]:text-white dark:data-[state=active]:bg-blue-300 dark:data-[state=active]:text-slate-950';

export default function AdminPage() {
  const { user } = useAuth();
  if (!hasRole(user, 'admin')) {
    return (
      <div>
        <h1 className="text-2xl font-bold">Admin</h1>
        <p className="muted">Only administrators can manage users and policies.</p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Admin</h1>
      <Tabs.Root defaultValue="users">
        <Tabs.List aria-label="Administration" className="flex gap-1 border-b border-slate-300 dark:border-slate-700">
          <Tabs.Trigger value="users" className={tabClass}>Users and roles</Tabs.Trigger>
          <Tabs.Trigger value="policies" className={tabClass}>Policies</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="users" className="pt-3"><Users /></Tabs.Content>
        <Tabs.Content value="policies" className="pt-3"><Policies /></Tabs.Content>
      </Tabs.Root>
    </div>
  );
}

function Users() {
  const users = useLoad(() => api.users(), []);
  const [editing, setEditing] = useState<AdminUser | 'new' | undefined>(undefined);
  return (
    <div className="space-y-3">
      <ErrorNotice error={users.error} title="Could not load users" />
      <button type="button" className="btn-primary" onClick={() => setEditing('new')}>Add user</button>
      <table className="card min-w-full text-left text-sm">
        <caption className="sr-only">Users</caption>
        <thead>
          <tr><th scope="col" className="px-2 py-1">Username</th><th scope="col" className="px-2 py-1">Display name</th><th scope="col" className="px-2 py-1">Roles</th><th scope="col" className="px-2 py-1">Actions</th></tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.username} className="border-t border-slate-200 dark:border-slate-800">
              <td className="px-2 py-1">{u.username}</td>
              <td className="px-2 py-1">{u.displayName}</td>
              <td className="px-2 py-1">{u.roles.join(', ')}</td>
              <td className="flex gap-2 px-2 py-1">
                <button type="button" className="btn-secondary" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>Edit</button>
                <DeleteUser user={u} onDeleted={users.reload} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <UserDialog user={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={users.reload} />}
    </div>
  );
}

function UserDialog({ user, onClose, onSaved }: { user: AdminUser | undefined; onClose: () => void; onSaved: () => void }) {
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? ['viewer']);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const ids = { username: useId(), displayName: useId(), password: useId() };
  const notify = useToast();

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      if (user) await api.updateUser(user.username, { displayName, roles, ...(password ? { password } : {}) });
      else await api.createUser({ username, displayName, roles, password });
      notify({ kind: 'info', title: user ? `Saved ${user.username}` : `Created ${username}` });
      onSaved();
      onClose();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <FormDialog
      open
      onOpenChange={(o) => { if (!o) onClose(); }}
      title={user ? `Edit ${user.username}` : 'Add user'}
      description="Roles decide what the user may do in KubeChat; Kubernetes RBAC still applies."
    >
      <form onSubmit={save} className="space-y-3">
        <div>
          <label htmlFor={ids.username} className="label">Username</label>
          <input id={ids.username} className="input w-full" value={username} disabled={!!user} required onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div>
          <label htmlFor={ids.displayName} className="label">Display name</label>
          <input id={ids.displayName} className="input w-full" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <fieldset>
          <legend className="label">Roles</legend>
          <div className="flex flex-wrap gap-3">
            {ROLES.map((role) => (
              <label key={role} className="inline-flex items-center gap-1 text-sm">
                <input type="checkbox" checked={roles.includes(role)}
                  onChange={(e) => setRoles((r) => (e.target.checked ? [...r, role] : r.filter((x) => x !== role)))} />
                {role}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={ids.password} className="label">{user ? 'New password (leave empty to keep)' : 'Password'}</label>
          <input id={ids.password} type="password" autoComplete="new-password" className="input w-full" value={password}
            required={!user} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <ErrorNotice error={error} title="Could not save" />
        <div className="flex justify-end gap-2">
          <Dialog.Close className="btn-secondary">Cancel</Dialog.Close>
          <button type="submit" className="btn-primary">Save</button>
        </div>
      </form>
    </FormDialog>
  );
}

function DeleteUser({ user, onDeleted }: { user: AdminUser; onDeleted: () => void }) {
  const [error, setError] = useState<unknown>(undefined);
  const [open, setOpen] = useState(false);
  async function remove() {
    try {
      await api.deleteUser(user.username);
      setOpen(false);
      onDeleted();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger className="btn-secondary" aria-label={`Delete ${user.username}`}>Delete</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <AlertDialog.Content className="card fixed left-1/2 top-1/2 z-50 w-96 max-w-[95vw] -translate-x-1/2 -translate-y-1/2 space-y-3 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">Delete user {user.username}?</AlertDialog.Title>
          <AlertDialog.Description className="text-sm">{user.username} will no longer be able to sign in. Their audit records stay.</AlertDialog.Description>
          <ErrorNotice error={error} title="Could not delete" />
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel className="btn-secondary">Cancel</AlertDialog.Cancel>
            <button type="button" className="btn-danger" onClick={remove}>Delete user</button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

function Policies() {
  const { data, error } = useLoad(() => api.policies(), []);
  return (
    <div className="space-y-3">
      <ErrorNotice error={error} title="Could not load policies" />
      {data && data.length === 0 && <p className="muted">No execution policies.</p>}
      <ul className="space-y-3">
        {(data ?? []).map((policy, index) => {
          const p = policy as { name?: string; metadata?: { name?: string; namespace?: string }; spec?: unknown };
          const name = p.name ?? p.metadata?.name ?? `policy ${index + 1}`;
          return (
            <li key={name} className="card">
              <h2 className="font-semibold">{name}</h2>
              <pre tabIndex={0} aria-label={`Policy ${name}`} className="overflow-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
                {JSON.stringify(p.spec ?? policy, null, 2)}
              </pre>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
