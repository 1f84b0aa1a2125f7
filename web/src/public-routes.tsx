import type { JSX } from 'preact';

/**
 * The public pages (公开信息): open to anyone without signing in, under `#/public/…`. They call only the API's public
 * routes, without a token. Each page is listed here once: its pattern, its title, its place in the public
 * navigation, and how to fetch its code.
 */
export interface PublicPageProps {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
}
export type PublicPageComponent = (props: PublicPageProps) => JSX.Element;

export interface PublicRouteDef {
  readonly pattern: string;
  readonly title: string;
  /** In the public navigation (`data-testid="nav-<page>"`); a detail page has none. */
  readonly nav?: { readonly page: string; readonly label: string };
  readonly load: () => Promise<PublicPageComponent>;
}

export const PUBLIC_PREFIX = '/public';

export const PUBLIC_ROUTES: readonly PublicRouteDef[] = [
  {
    pattern: '/public/disclosures',
    title: '行政执法公示',
    nav: { page: 'public-disclosures', label: '执法公示' },
    load: () => import('./pages/public/disclosures.tsx').then((m) => m.PublicDisclosuresPage),
  },
  {
    pattern: '/public/disclosures/:disclosureId',
    title: '行政处罚决定公示',
    load: () => import('./pages/public/disclosures.tsx').then((m) => m.PublicDisclosurePage),
  },
  {
    pattern: '/public/blacklist',
    title: '严重失信主体名单公示',
    nav: { page: 'public-blacklist', label: '失信名单公示' },
    load: () => import('./pages/public/blacklist.tsx').then((m) => m.PublicBlacklistPage),
  },
  {
    pattern: '/public/statistics',
    title: '执法统计',
    nav: { page: 'public-statistics', label: '执法统计' },
    load: () => import('./pages/public/statistics.tsx').then((m) => m.PublicStatisticsPage),
  },
  {
    pattern: '/public/tipoff',
    title: '我要举报',
    nav: { page: 'public-tipoff', label: '我要举报' },
    load: () => import('./pages/public/tipoff.tsx').then((m) => m.PublicTipoffPage),
  },
  {
    pattern: '/public/tipoff/check',
    title: '举报查询',
    nav: { page: 'public-tipoff-check', label: '举报查询' },
    load: () => import('./pages/public/tipoff.tsx').then((m) => m.PublicTipoffCheckPage),
  },
];

/** Whether a hash path is one of the public pages (or their root, which opens the first). */
export const isPublicPath = (path: string): boolean => path === PUBLIC_PREFIX || path.startsWith(`${PUBLIC_PREFIX}/`);

/** The public root opens the first page of the navigation. */
export const PUBLIC_HOME = PUBLIC_ROUTES.find((r) => r.nav)!.pattern;
