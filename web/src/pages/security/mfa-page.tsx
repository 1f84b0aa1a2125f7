import { useEffect, useState } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { type AuthConfig, loadAuthConfig } from '../../auth/config.ts';
import { signOut } from '../../auth/sign-out.ts';
import { cognitoUserApi, groupKey, isTotpCode, normalizeCode, otpauthUri } from '../../auth/totp.ts';
import { ErrorBox, Loading, Page } from '../../components/index.ts';
import type { PageProps } from '../../routes.tsx';
import { session } from '../../session.ts';

/**
 * 两步验证: binds an authenticator app (TOTP) to the signed-in user's Cognito account. A bureau leader or legal
 * reviewer without one is sent here from every page (`required`) and can do nothing else until it is bound; once
 * bound, they can come back from the menu to bind another phone. The role comes with the next token, so the last
 * step is to sign in again. On the local runtime there is nothing to bind: demo users sign in with ready-made tokens.
 */
type Phase =
  | { readonly at: 'loading' }
  | { readonly at: 'local' }
  | { readonly at: 'unavailable' }
  | { readonly at: 'intro' }
  | { readonly at: 'scan'; readonly secret: string }
  | { readonly at: 'done' };

type UserApi = ReturnType<typeof cognitoUserApi>;

export function MfaPage(props: { user: string; required: boolean }) {
  const [phase, setPhase] = useState<Phase>({ at: 'loading' });
  const [userApi, setUserApi] = useState<UserApi>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const start = async (api: UserApi) => {
    setBusy(true);
    setError(undefined);
    try {
      setPhase({ at: 'scan', secret: await api.associate() });
    } catch (e) {
      setError(e);
      setPhase((p) => (p.at === 'loading' ? { at: 'intro' } : p));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    let live = true;
    loadAuthConfig().then(
      (config: AuthConfig) => {
        if (!live) return;
        if (config.auth === 'local') return setPhase({ at: 'local' });
        const token = session.accessToken();
        if (!config.idpEndpoint || !token) return setPhase({ at: 'unavailable' });
        const api = cognitoUserApi(config.idpEndpoint, token);
        setUserApi(api);
        if (props.required) void start(api);
        else setPhase({ at: 'intro' });
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setPhase({ at: 'unavailable' });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <Page name="mfa" ready={phase.at !== 'loading' && !busy}>
      <header class="page-header">
        <div class="page-title">
          <h1>两步验证</h1>
          <div class="page-subtitle">登录时除密码外，还需输入手机上身份验证器显示的6位验证码</div>
        </div>
      </header>
      {props.required && phase.at !== 'local' && phase.at !== 'done' ? (
        <div class="panel mfa-why" data-testid="mfa-required">
          <strong>请先绑定身份验证器</strong>
          <p>
            局长（煤管局领导）和法制审核人员的账号可以审批处罚、管理人员账号，须先绑定身份验证器，开启两步验证后才能使用平台的其他功能。
          </p>
        </div>
      ) : null}
      <ErrorBox error={error} />
      {phase.at === 'loading' ? <Loading /> : null}
      {phase.at === 'local' ? (
        <p class="panel" data-testid="mfa-local">
          本地演示环境使用预置的演示令牌登录，没有两步验证，无需绑定身份验证器。
        </p>
      ) : null}
      {phase.at === 'unavailable' ? (
        <div class="panel" data-testid="mfa-unavailable">
          <p>本次登录无法绑定身份验证器，请退出后重新登录再试。</p>
          <button type="button" class="btn btn-primary" onClick={() => void signOut({ signInAgain: true })}>
            重新登录
          </button>
        </div>
      ) : null}
      {phase.at === 'intro' && userApi ? (
        <div class="panel" data-testid="mfa-intro">
          <p>
            您的账号已开启两步验证。更换手机或身份验证器时，可以在这里重新绑定：生成新密钥并验证通过后，以后登录使用新的身份验证器。
          </p>
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void start(userApi)}>
            重新绑定身份验证器
          </button>
        </div>
      ) : null}
      {phase.at === 'scan' && userApi ? (
        <ScanAndVerify
          user={props.user}
          secret={phase.secret}
          userApi={userApi}
          onDone={() => {
            setError(undefined);
            setPhase({ at: 'done' });
          }}
        />
      ) : null}
      {phase.at === 'done' ? (
        <div class="panel" data-testid="mfa-done">
          <p class="ok-text">
            <strong>两步验证已开启。</strong>
          </p>
          <p>以后每次登录，输入密码后还需输入身份验证器上的6位验证码。</p>
          <p>请重新登录：重新登录后，您的账号权限才会生效。</p>
          <button
            type="button"
            class="btn btn-primary"
            data-testid="mfa-sign-in-again"
            onClick={() => void signOut({ signInAgain: true })}
          >
            重新登录
          </button>
        </div>
      ) : null}
    </Page>
  );
}

function ScanAndVerify(props: { user: string; secret: string; userApi: UserApi; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(otpauthUri(props.user, props.secret)))}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const digits = normalizeCode(code);
    if (!isTotpCode(digits)) return setInvalid(true);
    setInvalid(false);
    setBusy(true);
    setError(undefined);
    try {
      await props.userApi.verify(digits);
      await props.userApi.enable();
      props.onDone();
    } catch (e) {
      setError(e);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <ol class="mfa-steps">
      <li>
        <strong>在手机上安装身份验证器应用</strong>
        <p class="muted">
          任一支持“基于时间的验证码（TOTP）”的应用均可，如 Microsoft Authenticator、Google Authenticator。
        </p>
      </li>
      <li>
        <strong>用身份验证器扫描二维码</strong>
        <div class="mfa-qr-row">
          <img class="mfa-qr" src={qr} alt="身份验证器二维码" width={200} height={200} data-testid="mfa-qr" />
          <div>
            <p class="muted">无法扫码时，在应用中选择“手动输入密钥”，账号填 {props.user}，密钥填：</p>
            <code class="mfa-key" data-testid="mfa-key">
              {groupKey(props.secret)}
            </code>
            <p class="muted small">密钥相当于密码，请勿截图或告诉他人。</p>
          </div>
        </div>
      </li>
      <li>
        <strong>输入身份验证器显示的6位验证码</strong>
        <form class="mfa-verify" onSubmit={(e) => void submit(e)} noValidate>
          <label class="field">
            <span>验证码</span>
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              value={code}
              aria-invalid={invalid}
              data-testid="mfa-code"
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
            />
          </label>
          {invalid ? (
            <p class="error-text" role="alert" data-testid="mfa-code-invalid">
              请输入6位数字验证码。
            </p>
          ) : null}
          <ErrorBox error={error} />
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="mfa-verify">
            {busy ? '正在验证…' : '验证并开启两步验证'}
          </button>
        </form>
      </li>
    </ol>
  );
}

/** The page in the menu of a bureau leader or legal reviewer who has TOTP already (to bind another phone). */
export function MfaRoutePage(props: PageProps) {
  return <MfaPage user={props.claims.name ?? props.claims.sub} required={false} />;
}
