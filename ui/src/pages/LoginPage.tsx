import { useEffect, useId, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useAuth } from '../components/context';
import { ErrorNotice } from '../components/ErrorNotice';

export function LoginPage() {
  const { setUser } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [oidc, setOidc] = useState(false);
  const userId = useId();
  const passwordId = useId();

  useEffect(() => {
    api.providers().then((p) => setOidc(p.oidc)).catch(() => setOidc(false));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const user = await api.login(username, password);
      setUser(user);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/chat', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-4">
      <div className="card w-full max-w-sm space-y-4">
        <h1 className="text-2xl font-bold">Sign in to KubeChat</h1>
        <form onSubmit={submit} className="space-y-3" aria-label="Sign in with a KubeChat account">
          <div>
            <label htmlFor={userId} className="label">Username</label>
            <input id={userId} name="username" className="input w-full" autoComplete="username" required
              value={username} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div>
            <label htmlFor={passwordId} className="label">Password</label>
            <input id={passwordId} name="password" type="password" className="input w-full" autoComplete="current-password" required
              value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <ErrorNotice error={error} title="Could not sign in" />
          <button type="submit" className="btn-primary w-full" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        </form>
        {oidc && (
          <>
            <p className="muted text-center text-sm">or</p>
            {/* A full page navigation: the identity provider's login is not part of this app. */}
            <a href="/api/v1/auth/oidc" className="btn-secondary w-full">OIDC sign-in</a>
          </>
        )}
      </div>
    </main>
  );
}
