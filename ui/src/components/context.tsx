import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../api/types';
import { applyTheme, loadSettings, saveSettings, type Settings } from '../lib/settings';

interface AuthValue {
  user: User | undefined;
  setUser: (user: User | undefined) => void;
}

export const AuthContext = createContext<AuthValue>({ user: undefined, setUser: () => undefined });

export function useAuth(): AuthValue {
  return useContext(AuthContext);
}

export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser outside a signed-in page');
  return user;
}

export function hasRole(user: User | undefined, ...roles: string[]): boolean {
  return (user?.roles ?? []).some((role) => roles.includes(role));
}

interface SettingsValue {
  settings: Settings;
  update: (change: Partial<Settings>) => void;
}

const SettingsContext = createContext<SettingsValue | undefined>(undefined);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState(() =>
    loadSettings(localStorage, matchMedia('(prefers-color-scheme: dark)').matches));
  const update = useCallback((change: Partial<Settings>) => {
    setSettings((current) => {
      const next = { ...current, ...change };
      saveSettings(localStorage, next);
      applyTheme(document.documentElement, next.theme);
      return next;
    });
  }, []);
  const value = useMemo(() => ({ settings, update }), [settings, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
