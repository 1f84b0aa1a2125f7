import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api.ts';

/** A request's state for rendering; a newer request replaces an older one whose answer then is ignored. */
export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'error'; readonly title: string };

/** The Chinese a user reads for a failed request: the problem's title, else a plain network message. */
export const errorTitle = (error: unknown): string =>
  error instanceof ApiError ? error.title : '网络错误，请稍后重试';

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => current && setLoaded({ state: 'ok', value }),
      (error: unknown) => current && setLoaded({ state: 'error', title: errorTitle(error) }),
    );
    return () => {
      current = false;
    };
    // The caller names what the request depends on.
  }, deps);
  return loaded;
}
