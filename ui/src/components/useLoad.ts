import { useCallback, useEffect, useRef, useState } from 'react';
import { afterPaint } from '../lib/afterPaint';

/** Loads data for a page and reloads on demand; a newer load wins over an older one still in flight. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  // `deps` lists what `load` reads, so a new load starts exactly when one of them changes.
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await run();
      if (mine === generation.current) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => afterPaint(() => void reload()), [reload]);
  return { data, error, loading, reload, setData };
}
