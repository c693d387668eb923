import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replaces the data with what a write answered (the services answer the new state). */
  set(data: T): void;
}

/** Loads once per change of `deps`; a late answer for old deps is dropped, not shown. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ data, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, set };
}

/**
 * Runs a write (a button press), keeping its failure for an ErrorNotice and a flag to disable
 * the control meanwhile, so a double click does not send it twice. Nothing escapes it, so an
 * event handler can call it and forget it.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback((action: () => Promise<void>): void => {
    setBusy(true);
    setError(undefined);
    void action()
      .catch((failure: unknown) => setError(failure))
      .finally(() => setBusy(false));
  }, []);
  return { busy, error, run };
}
