export type Theme = 'light' | 'dark';

export interface Settings {
  theme: Theme;
  defaultNamespace: string;
}

const KEY = 'kubechat.settings';

export function defaultSettings(prefersDark: boolean): Settings {
  return { theme: prefersDark ? 'dark' : 'light', defaultNamespace: 'default' };
}

export function loadSettings(storage: Pick<Storage, 'getItem'>, prefersDark: boolean): Settings {
  const fallback = defaultSettings(prefersDark);
  try {
    const stored = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Settings>;
    return {
      theme: stored.theme === 'dark' || stored.theme === 'light' ? stored.theme : fallback.theme,
      defaultNamespace: typeof stored.defaultNamespace === 'string' && stored.defaultNamespace
        ? stored.defaultNamespace : fallback.defaultNamespace,
    };
  } catch {
    return fallback;
  }
}

export function saveSettings(storage: Pick<Storage, 'setItem'>, settings: Settings): void {
  storage.setItem(KEY, JSON.stringify(settings));
}

export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
}
