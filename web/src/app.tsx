import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.ts';
import { signOut } from './auth/sign-out.ts';
import { ErrorBox, Loading, Page } from './components/index.ts';
import { UNREAD_CHANGED } from './events.ts';
import { useJurisdictionName } from './jurisdiction.ts';
import { ROLE_LABELS } from './labels.ts';
import { type NavGroup, navFor } from './nav.ts';
import { ForbiddenPage, NotFoundPage } from './pages/not-found.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { isPublicPath, PUBLIC_HOME, PUBLIC_PREFIX, PUBLIC_ROUTES, type PublicPageComponent } from './public-routes.tsx';
import { currentPath, href, matchRoute, parseHash, type RouteMatch, redirect } from './router.ts';
import { landingRedirect, MFA_PATH, type PageComponent, ROUTES } from './routes.tsx';
import { type Claims, type MfaSetup, session } from './session.ts';

/**
 * The shell: the sign-in page until someone is signed in, then the top bar (who is signed in, 退出), the navigation
 * for their role and the page the hash names. A user who must bind an authenticator first (`mfa_setup_required`)
 * gets the 两步验证 page from every address, and 退出.
 */
const PRODUCT = '煤矿安全监管平台';
const PATTERNS = ROUTES.map((r) => r.pattern);

function useSessionClaims(): Claims | undefined {
  const [, setTick] = useState(0);
  useEffect(() => session.subscribe(() => setTick((t) => t + 1)), []);
  return session.claims();
}

function useHash(): { path: string; query: URLSearchParams } {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    // The hash may have changed between the first render and this listener (a redirect right after sign-in).
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
}

export function App() {
  const claims = useSessionClaims();
  const setup = session.mfaSetup();
  const { path, query } = useHash();

  // The public pages need no sign-in, and a signed-in user may read them too.
  const open = isPublicPath(path);
  const target = open ? undefined : signInRedirect(claims ?? setup, path, query);
  const landing = open
    ? path === PUBLIC_PREFIX
      ? PUBLIC_HOME
      : undefined
    : target
      ? undefined
      : claims
        ? landingRedirect(claims, path)
        : setup && path !== MFA_PATH
          ? MFA_PATH
          : undefined;
  useEffect(() => {
    if (target) location.replace(target);
    else if (landing) redirect(landing);
  });
  if (open && !landing) return <PublicShell signedIn={!!(claims ?? setup)} path={path} query={query} />;
  // The enrolment stays mounted while another address is sent back to it: a new mount would ask Cognito for a new
  // key, and the one already scanned would no longer be the one to verify.
  if (setup && !target) return <MfaSetupShell setup={setup} />;
  if (target || landing) return <Loading />;

  if (!claims) return <SignInShell />;
  return <SignedIn claims={claims} path={path} query={query} />;
}

/**
 * Not signed in: every page goes through the sign-in page, which names the page to come back to (`next`).
 * Signed in on the sign-in page: on to that page.
 */
function signInRedirect(
  claims: Claims | MfaSetup | undefined,
  path: string,
  query: URLSearchParams,
): string | undefined {
  if (!claims && path !== '/sign-in')
    return href('/sign-in', { next: path === '/' ? undefined : location.hash.slice(1) });
  if (claims && path === '/sign-in') return `#${query.get('next') || '/'}`;
  return undefined;
}

function SignInShell() {
  return (
    <div class="signin-layout">
      <SignInPage query={currentPath().query} />
    </div>
  );
}

function SignedIn(props: { claims: Claims; path: string; query: URLSearchParams }) {
  const { claims, path, query } = props;
  const match: RouteMatch | undefined = matchRoute(PATTERNS, path, query);
  const route = match && ROUTES.find((r) => r.pattern === match.pattern);
  const allowed = route ? route.roles.includes(claims.role) : true;
  const page = usePage(route && allowed ? route : undefined);
  useEffect(() => {
    document.title = route ? `${route.title} - ${PRODUCT}` : `页面不存在 - ${PRODUCT}`;
  }, [route]);

  let body: ComponentChildren;
  if (!route || !match) body = <NotFoundPage />;
  else if (!allowed) body = <ForbiddenPage />;
  else if (page.error) body = <ChunkError error={page.error} />;
  else if (!page.component) body = <Loading />;
  else
    body = (
      <page.component
        key={`${route.pattern}|${JSON.stringify(match.params)}`}
        params={match.params}
        query={query}
        claims={claims}
      />
    );

  return (
    <div class="layout">
      <TopBar claims={claims} />
      <Nav claims={claims} path={path} title={route ? route.title : '页面不存在'} />
      <main class="content">{body}</main>
    </div>
  );
}

/**
 * Signed in without a role yet: a bureau leader or legal reviewer who has no authenticator bound. The one page they
 * may see, and 退出; the API would refuse every request of theirs anyway.
 */
type MfaPageComponent = typeof import('./pages/security/mfa-page.tsx').MfaPage;
let mfaPage: MfaPageComponent | undefined;
function MfaSetupShell(props: { setup: MfaSetup }) {
  const { setup } = props;
  const [page, setPage] = useState<{ component?: MfaPageComponent; error?: unknown }>(
    mfaPage ? { component: mfaPage } : {},
  );
  useEffect(() => {
    document.title = `两步验证 - ${PRODUCT}`;
    if (mfaPage) return;
    let live = true;
    import('./pages/security/mfa-page.tsx').then(
      (m) => {
        mfaPage = m.MfaPage;
        if (live) setPage({ component: m.MfaPage });
      },
      (error: unknown) => live && setPage({ error }),
    );
    return () => {
      live = false;
    };
  }, []);
  const Component = page.component;
  return (
    <div class="layout">
      <header class="topbar">
        <span class="brand">{PRODUCT}</span>
        <div class="who">
          <span class="who-name" data-testid="user-name">
            {setup.name ?? setup.sub}
          </span>
          <span class="who-role" data-testid="user-role">
            待绑定身份验证器
          </span>
          <button type="button" class="btn btn-quiet" data-testid="sign-out" onClick={() => void signOut()}>
            退出
          </button>
        </div>
      </header>
      <nav class="sidebar" aria-label="主导航">
        <ul class="nav">
          <li>
            <a href={`#${MFA_PATH}`} data-testid="nav-mfa" class="active" aria-current="page">
              两步验证
            </a>
          </li>
        </ul>
      </nav>
      <main class="content">
        {page.error ? (
          <ChunkError error={page.error} />
        ) : Component ? (
          <Component user={setup.name ?? setup.sub} required />
        ) : (
          <Loading />
        )}
      </main>
    </div>
  );
}

/**
 * 公开信息: the public pages, for anyone. The same frame as the signed-in app (top bar, navigation, page), with the
 * public navigation and a way in (登录) or back (返回工作台).
 */
const PUBLIC_PATTERNS = PUBLIC_ROUTES.map((r) => r.pattern);
function PublicShell(props: { signedIn: boolean; path: string; query: URLSearchParams }) {
  const { path, query } = props;
  const match = matchRoute(PUBLIC_PATTERNS, path, query);
  const route = match && PUBLIC_ROUTES.find((r) => r.pattern === match.pattern);
  const page = usePage<PublicPageComponent>(route);
  useEffect(() => {
    document.title = route ? `${route.title} - ${PRODUCT}` : `页面不存在 - ${PRODUCT}`;
  }, [route]);
  const Component = page.component;
  let body: ComponentChildren;
  if (!route || !match) body = <NotFoundPage />;
  else if (page.error) body = <ChunkError error={page.error} />;
  else if (!Component) body = <Loading />;
  else
    body = <Component key={`${route.pattern}|${JSON.stringify(match.params)}`} params={match.params} query={query} />;
  const groups: NavGroup[] = [
    {
      key: 'public',
      label: '公开信息',
      items: PUBLIC_ROUTES.flatMap((r) => (r.nav ? [{ page: r.nav.page, label: r.nav.label, path: r.pattern }] : [])),
    },
  ];
  const active = (pattern: string) => path === pattern || path.startsWith(`${pattern}/`);
  return (
    <div class="layout public-layout">
      <header class="topbar">
        <a class="brand" href={`#${PUBLIC_PREFIX}`}>
          {PRODUCT}
          <span class="brand-sub">公开信息</span>
        </a>
        <div class="who">
          <a class="btn btn-quiet" data-testid="public-way-in" href={props.signedIn ? '#/' : '#/sign-in'}>
            {props.signedIn ? '返回工作台' : '工作人员登录'}
          </a>
        </div>
      </header>
      <NavMenu
        id="public-nav-links"
        label="公开信息导航"
        title={route ? route.title : '页面不存在'}
        path={path}
        groups={groups}
        active={active}
      />
      <main class="content">{body}</main>
    </div>
  );
}

/** A page's code, fetched once per route and kept. */
const loaded = new Map<string, unknown>();
function usePage<C = PageComponent>(
  route: { readonly pattern: string; readonly load: () => Promise<C> } | undefined,
): { component?: C; error?: unknown } {
  const [state, setState] = useState<{ pattern?: string; error?: unknown }>({});
  useEffect(() => {
    if (!route) return;
    // Loaded meanwhile (by an earlier mount of the shell, say, around a redirect): render it now.
    if (loaded.has(route.pattern)) return void setState({ pattern: route.pattern });
    let live = true;
    route.load().then(
      (c) => {
        loaded.set(route.pattern, c);
        if (live) setState({ pattern: route.pattern });
      },
      (error: unknown) => live && setState({ pattern: route.pattern, error }),
    );
    return () => {
      live = false;
    };
  }, [route]);
  if (!route) return {};
  const component = loaded.get(route.pattern) as C | undefined;
  if (component) return { component };
  return state.pattern === route.pattern && state.error ? { error: state.error } : {};
}

/** The page's code did not arrive (offline, or a new version was deployed meanwhile). */
function ChunkError(props: { error: unknown }) {
  return (
    <Page name="load-failed" ready>
      <ErrorBox error={new Error(`页面加载失败，请刷新后重试（${(props.error as Error)?.message ?? ''}）`)} />
      <button type="button" class="btn" onClick={() => location.reload()}>
        刷新
      </button>
    </Page>
  );
}

function TopBar(props: { claims: Claims }) {
  const { claims } = props;
  const [mineName, setMineName] = useState<string>();
  useEffect(() => {
    if (claims.role !== 'mine_user' || !claims.mineId) return;
    api.get<{ name: string }>(`/v1/mines/${encodeURIComponent(claims.mineId)}`).then(
      (m) => setMineName(m.name),
      () => undefined,
    );
  }, [claims.role, claims.mineId]);
  const jurisdiction = useJurisdictionName(claims);
  const where = claims.role === 'mine_user' ? (mineName ?? claims.mineId ?? '') : jurisdiction;
  return (
    <header class="topbar">
      <a class="brand" href="#/">
        {PRODUCT}
      </a>
      <div class="who">
        <span class="who-name" data-testid="user-name">
          {claims.name ?? claims.sub}
        </span>
        <span class="who-role" data-testid="user-role">
          {ROLE_LABELS[claims.role] ?? claims.role}
        </span>
        {where ? (
          <span class="who-where" data-testid="user-jurisdiction" title={claims.jurisdiction ?? claims.mineId}>
            {where}
          </span>
        ) : null}
        <button type="button" class="btn btn-quiet" data-testid="sign-out" onClick={() => void signOut()}>
          退出
        </button>
      </div>
    </header>
  );
}

/** The signed-in role's navigation, with the count of unread notifications beside 通知提醒. */
function Nav(props: { claims: Claims; path: string; title: string }) {
  const groups = navFor(props.claims);
  const [unread, setUnread] = useState<number>();
  const canInbox = props.claims.role !== 'partner_dept';
  useEffect(() => {
    if (!canInbox) return;
    let live = true;
    const count = () =>
      api.get<{ unread: number }>('/v1/me/notifications', { unread: 'true', limit: 0 }).then(
        (r) => live && setUnread(r.unread),
        () => undefined,
      );
    void count();
    window.addEventListener(UNREAD_CHANGED, count);
    return () => {
      live = false;
      window.removeEventListener(UNREAD_CHANGED, count);
    };
  }, [canInbox, props.path]);
  const active = (path: string) =>
    path === '/' ? props.path === '/' : props.path === path || props.path.startsWith(`${path}/`);
  return (
    <NavMenu
      id="nav-links"
      label="主导航"
      title={props.title}
      path={props.path}
      groups={groups}
      active={active}
      badge={(page) => (page === 'notifications' && unread ? <span class="nav-count">{unread}</span> : null)}
    />
  );
}

/**
 * The navigation. On a desktop a sidebar, its links under their groups' headings. On a phone (the style sheet's
 * narrow layout) a bar under the top bar with the page's title and 菜单: the button opens the same links over the
 * page and says so (`aria-expanded`); choosing a link, Esc or a tap outside closes them. The links stay in the
 * document while closed (hidden, so neither seen nor read out), so a link's name is the same at any width.
 */
function NavMenu(props: {
  /** The links' element id, for the button's `aria-controls`. */
  id: string;
  label: string;
  title: string;
  /** The address shown: another one closes the menu. */
  path: string;
  groups: readonly NavGroup[];
  active: (path: string) => boolean;
  badge?: (page: string) => ComponentChildren;
}) {
  const { groups, active } = props;
  const [open, setOpen] = useState(false);
  const nav = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = props.id;
  // Another page reached some other way (a link in the page, 后退): the menu does not stay open over it.
  useEffect(() => setOpen(false), [props.path]);
  // Listening from the render that opened it (not after the next paint): an Esc pressed at once still closes it.
  useLayoutEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: Event) => {
      if (nav.current && !nav.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  const headings = groups.length > 1;
  return (
    <nav class={open ? 'sidebar nav-open' : 'sidebar'} aria-label={props.label} ref={nav}>
      <div class="nav-bar">
        <span class="nav-title" data-testid="nav-title">
          {props.title}
        </span>
        <button
          type="button"
          class="btn nav-toggle"
          data-testid="nav-menu"
          aria-expanded={open}
          aria-controls={id}
          ref={button}
          onClick={() => setOpen((o) => !o)}
        >
          <span class="nav-toggle-icon" aria-hidden="true" />
          菜单
        </button>
      </div>
      <div class="nav-groups" id={id}>
        {groups.map((g) => (
          <div class="nav-group" key={g.key} data-testid={`nav-group-${g.key}`}>
            {headings ? (
              <div class="nav-heading" id={`${id}-${g.key}`}>
                {g.label}
              </div>
            ) : null}
            <ul class="nav" aria-labelledby={headings ? `${id}-${g.key}` : undefined}>
              {g.items.map((item) => (
                <li key={item.page}>
                  <a
                    href={`#${item.path}`}
                    data-testid={`nav-${item.page}`}
                    class={active(item.path) ? 'active' : undefined}
                    aria-current={active(item.path) ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                  >
                    {item.label}
                    {props.badge?.(item.page)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
