/** Loads data for a component with loading and error states; reloads when `deps` change. */
import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

export function useLoad<T>(load: (() => Promise<T>) | null, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(load !== null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!load) {
      setData(undefined);
      setLoading(false);
      return undefined;
    }
    let live = true;
    setLoading(true);
    setError(null);
    load().then(
      (d) => {
        if (live) {
          setData(d);
          setLoading(false);
        }
      },
      (e: unknown) => {
        if (live) {
          setError(e instanceof Error ? e.message : String(e));
          setLoading(false);
        }
      },
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; the caller's deps say when it really changed.
  }, [...deps, tick, load === null]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}

const memo = new Map<string, Promise<unknown>>();
/** Caches metadata look-ups (portals, fields, statuses) for the life of the page; failures are not cached. */
export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = memo.get(key);
  if (hit) return hit as Promise<T>;
  const p = load().catch((e: unknown) => {
    memo.delete(key);
    throw e;
  });
  memo.set(key, p);
  return p;
}
