import { useEffect, useState } from 'preact/hooks';
import { finishCognitoSignIn, isCognitoCallback, startCognitoSignIn, takeSignInAgain } from '../auth/cognito.ts';
import { type AuthConfig, loadAuthConfig } from '../auth/config.ts';
import { type DemoUser, loadDemoUsers } from '../auth/local.ts';
import { ErrorBox, Loading, Page } from '../components/index.ts';
import { jurisdictionText } from '../format.ts';
import { ROLE_LABELS, type Role } from '../labels.ts';
import { session } from '../session.ts';

/**
 * 登录. Locally: one button per demo user, each signing in with its ready-made token. In AWS: the hosted sign-in
 * page of the user pool; coming back from it, the code is exchanged here. `next` is the page to return to.
 */
export function SignInPage(props: { query: URLSearchParams }) {
  const next = props.query.get('next') || '/';
  const [config, setConfig] = useState<AuthConfig>();
  const [users, setUsers] = useState<DemoUser[]>();
  const [error, setError] = useState<unknown>();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    (async () => {
      const c = await loadAuthConfig();
      if (!live) return;
      setConfig(c);
      if (c.auth === 'cognito' && isCognitoCallback()) {
        const to = await finishCognitoSignIn(c);
        location.replace(`#${to}`);
        return;
      }
      // Signed out to sign in again (after enrolling TOTP): straight on to the hosted sign-in page.
      if (c.auth === 'cognito' && takeSignInAgain()) {
        await startCognitoSignIn(c, next);
        return;
      }
      if (c.auth === 'local') {
        const list = await loadDemoUsers();
        if (live) setUsers(list);
      }
    })().then(
      () => live && setReady(true),
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setReady(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const signInWith = (token: string) => {
    try {
      session.signIn(token);
      location.replace(`#${next}`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Page name="sign-in" ready={ready}>
      <div class="signin-card">
        <h1>煤矿安全监管平台</h1>
        <p class="muted">煤矿安全监管 · 用电审查 · 信用分类 · 联合惩戒</p>
        <ErrorBox error={error} />
        {!config && !error ? <Loading /> : null}
        {config?.auth === 'cognito' ? (
          <button
            type="button"
            class="btn btn-primary btn-wide"
            data-testid="sign-in-cognito"
            onClick={() => void startCognitoSignIn(config, next).catch(setError)}
          >
            统一身份认证登录
          </button>
        ) : null}
        {config?.auth === 'local' && users ? (
          <>
            <p class="muted">本地演示环境：选择一个演示用户登录。</p>
            <ul class="demo-users">
              {users.map((u) => (
                <li key={u.key}>
                  <button
                    type="button"
                    class="btn btn-wide demo-user"
                    data-testid={`sign-in-${u.key}`}
                    onClick={() => signInWith(u.token)}
                  >
                    <strong>{u.label}</strong>
                    <span class="muted">
                      {ROLE_LABELS[u.role as Role] ?? u.role}
                      {u.jurisdiction ? ` · ${jurisdictionText(u.jurisdiction)}` : ''}
                      {u.mineId ? ` · ${u.mineId}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p class="signin-public muted">
          公开信息：
          <a href="#/public" data-testid="public-link">
            执法公示、举报和失信名单公示
          </a>
          ，无需登录。
        </p>
      </div>
    </Page>
  );
}
