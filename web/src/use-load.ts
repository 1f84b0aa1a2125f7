import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * A page's data: loads when the page opens or its inputs change, keeps the last error, and can load again after an
 * action. A slower answer to an older request never overwrites a newer one.
 */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Done at least once, with data or an error: the page may say it is ready. */
  readonly settled: boolean;
  readonly reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; settled: boolean }>({
    loading: true,
    settled: false,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const id = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => id === latest.current && setState({ data, loading: false, settled: true }),
      (error: unknown) =>
        id === latest.current && setState((s) => ({ data: s.data, error, loading: false, settled: true })),
    );
    // `load` is a fresh closure each render; the page names what it depends on in deps.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, settled: state.settled, reload };
}
