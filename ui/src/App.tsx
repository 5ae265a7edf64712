import { lazy, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { api, ApiError } from './api/client';
import type { User } from './api/types';
import { AuthContext, SettingsProvider } from './components/context';
import { ErrorNotice } from './components/ErrorNotice';
import { Layout } from './components/Layout';
import { Toasts } from './components/Toasts';
import { LoginPage } from './pages/LoginPage';

// Route-level code splitting: only the login page and the shell are in the initial bundle.
const ChatPage = lazy(() => import('./pages/ChatPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const ResourcesPage = lazy(() => import('./pages/ResourcesPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const ClustersPage = lazy(() => import('./pages/ClustersPage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));
const AdminPage = lazy(() => import('./pages/AdminPage'));

export function App() {
  const [user, setUser] = useState<User | undefined>(undefined);
  const [checking, setChecking] = useState(true);
  const [startupError, setStartupError] = useState<unknown>(undefined);
  const navigate = useNavigate();
  const location = useLocation();
  // navigate changes with every page change; the check below must run once, not again (and re-render every page
  // with a new user object) after each navigation.
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  useEffect(() => {
    api.onUnauthorized = () => {
      setUser(undefined);
      navigateRef.current('/login', { state: { from: window.location.pathname } });
    };
    api.me()
      .then(setUser)
      .catch((e) => {
        if (!(e instanceof ApiError && e.status === 401)) setStartupError(e);
      })
      .finally(() => setChecking(false));
  }, []);

  const auth = useMemo(() => ({ user, setUser }), [user]);

  useEffect(() => {
    const page = location.pathname.split('/')[1] || 'chat';
    document.title = `${page.charAt(0).toUpperCase()}${page.slice(1)} · KubeChat`;
  }, [location.pathname]);

  if (checking) return <p role="status" className="p-4">Loading KubeChat…</p>;

  return (
    <AuthContext.Provider value={auth}>
      <SettingsProvider>
        <Toasts>
          {startupError !== undefined && !user && (
            <div className="p-4"><ErrorNotice error={startupError} title="Could not reach KubeChat" /></div>
          )}
          <Routes>
            <Route path="/login" element={user ? <Navigate to="/chat" replace /> : <LoginPage />} />
            <Route element={user ? <Layout /> : <Navigate to="/login" replace state={{ from: location.pathname }} />}>
              <Route path="/" element={<Navigate to="/chat" replace />} />
              {/* One route, so that opening a session keeps the page (and its session list) mounted. */}
              <Route path="/chat/:sessionId?" element={<ChatPage />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/resources" element={<ResourcesPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="/clusters" element={<ClustersPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/admin" element={<AdminPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Toasts>
      </SettingsProvider>
    </AuthContext.Provider>
  );
}

function NotFound() {
  return (
    <div>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="muted">There is no page at this address.</p>
    </div>
  );
}
