import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { jurisdictionText } from './format.ts';
import type { Claims } from './session.ts';

/**
 * The signed-in bureau's jurisdiction by name (黑龙江省鹤岗市东山区), from GET /v1/jurisdiction, asked once per user.
 * Until it arrives, or for a level nobody has named yet, the path's own segment stands in for the name.
 */
interface JurisdictionView {
  readonly path: string;
  readonly levels: readonly { readonly path: string; readonly name: string | null }[];
  readonly fullName: string | null;
}

const asked = new Map<string, Promise<string>>();

export const jurisdictionLabel = (view: JurisdictionView): string =>
  view.fullName ?? view.levels.map((l) => l.name ?? l.path.split('/').at(-1)).join(' / ');

export function useJurisdictionName(claims: Claims): string {
  const fallback = jurisdictionText(claims.jurisdiction);
  const [name, setName] = useState<string>(fallback);
  useEffect(() => {
    if (!claims.jurisdiction) return;
    const key = `${claims.sub}@${claims.jurisdiction}`;
    if (!asked.has(key))
      asked.set(
        key,
        api.get<JurisdictionView>('/v1/jurisdiction').then(jurisdictionLabel, () => fallback),
      );
    let live = true;
    void asked.get(key)!.then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [claims.sub, claims.jurisdiction]);
  return name;
}
