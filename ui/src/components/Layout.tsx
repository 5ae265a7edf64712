import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { hasRole, useAuth } from './context';

const NAV = [
  { to: '/chat', label: 'Chat' },
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/resources', label: 'Resources' },
  { to: '/audit', label: 'Audit' },
  { to: '/clusters', label: 'Clusters' },
  { to: '/settings', label: 'Settings' },
];

export function Layout() {
  const { user, setUser } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const items = hasRole(user, 'admin') ? [...NAV, { to: '/admin', label: 'Admin' }] : NAV;

  // After a page change, focus moves to the page's content so keyboard and screen reader users land there.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname.split('/')[1]]);

  async function logout() {
    try {
      await api.logout();
    } finally {
      setUser(undefined);
      navigate('/login');
    }
  }

  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only rounded bg-blue-700 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50">
        Skip to content
      </a>
      <header className="border-b border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-900">
        <div className="flex flex-wrap items-center gap-4 px-4 py-2">
          <span className="text-lg font-bold">KubeChat</span>
          <nav aria-label="Main" className="flex-1">
            <ul className="flex flex-wrap gap-1">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className={({ isActive }) =>
                      `block rounded px-3 py-1.5 text-sm font-medium ${isActive
                        ? 'bg-blue-700 text-white dark:bg-blue-300 dark:text-slate-950'
                        : 'text-slate-800 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'}`}
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {/* Not modal: a modal menu locks scrolling and disables pointer events on <body>, which restyles the whole
              page on opening and closing (the slowest local interaction measured); a menu needs neither. */}
          <DropdownMenu.Root modal={false}>
            <DropdownMenu.Trigger className="btn-secondary" aria-label={`Account menu for ${user?.displayName || user?.username}`}>
              {user?.displayName || user?.username} <span aria-hidden="true">▾</span>
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content align="end" className="card z-50 min-w-48 p-1 shadow-lg">
                <DropdownMenu.Label className="muted px-2 py-1 text-xs">
                  Roles: {(user?.roles ?? []).join(', ') || 'none'}
                </DropdownMenu.Label>
                <DropdownMenu.Item
                  className="cursor-pointer rounded px-2 py-1 text-sm outline-none data-[highlighted]:bg-slate-200 dark:data-[highlighted]:bg-slate-700"
                  onSelect={() => navigate('/settings')}
                >
                  Settings
                </DropdownMenu.Item>
                <DropdownMenu.Item
                  className="cursor-pointer rounded px-2 py-1 text-sm outline-none data-[highlighted]:bg-slate-200 dark:data-[highlighted]:bg-slate-700"
                  onSelect={logout}
                >
                  Sign out
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="flex-1 px-4 py-4 outline-none">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
