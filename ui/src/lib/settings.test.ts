import { describe, expect, it } from 'vitest';
import { loadSettings, saveSettings } from './settings';

function memory(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [['kubechat.settings', initial]]);
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => { data.set(k, v); } };
}

describe('settings', () => {
  it('defaults to the system theme and the default namespace', () => {
    expect(loadSettings(memory(), true)).toEqual({ theme: 'dark', defaultNamespace: 'default' });
    expect(loadSettings(memory(), false).theme).toBe('light');
  });

  it('round-trips through storage', () => {
    const storage = memory();
    saveSettings(storage, { theme: 'dark', defaultNamespace: 'shop' });
    expect(loadSettings(storage, false)).toEqual({ theme: 'dark', defaultNamespace: 'shop' });
  });

  it('survives corrupt or foreign values', () => {
    expect(loadSettings(memory('{not json'), false)).toEqual({ theme: 'light', defaultNamespace: 'default' });
    expect(loadSettings(memory('{"theme":"purple","defaultNamespace":42}'), true)).toEqual({ theme: 'dark', defaultNamespace: 'default' });
  });
});
