/**
 * Reads something from the core (or the server) when a screen opens, again after each sync
 * that brought rows, and on demand (`reload` after a change made here).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
import { useReceived } from '../core/core_context';

export interface Loaded<T> {
  data: T | null;
  error: CoreError | null;
  reload(): void;
}

export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [tick, setTick] = useState(0);
  const received = useReceived();
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    run().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
      },
      (thrown) => live && setError(CoreError.from(thrown)),
    );
    return () => {
      live = false;
    };
  }, [run, received, tick]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}
