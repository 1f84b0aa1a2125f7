/**
 * TOTP enrolment with Cognito's user API, called from the browser with the signed-in user's own access token (the
 * OAuth scope aws.cognito.signin.user.admin): no AWS signature, no server of ours in between. Three calls:
 * AssociateSoftwareToken (a new secret key), VerifySoftwareToken (the first code from the authenticator, which
 * proves the key was stored) and SetUserMFAPreference (TOTP on, and asked at every sign-in). Kept free of the page
 * so the requests and the error messages can be checked outside a browser.
 */

/** What the authenticator app shows as the account's issuer, and the label's prefix. */
export const TOTP_ISSUER = 'coalsafe';
/** The name Cognito keeps for the enrolled authenticator. */
export const DEVICE_NAME = '身份验证器';

export type CognitoAction = 'AssociateSoftwareToken' | 'VerifySoftwareToken' | 'SetUserMFAPreference';

/** The fetch options of one call to the user API (a JSON 1.1 POST naming the action in `x-amz-target`). */
export function cognitoRequest(action: CognitoAction, body: Record<string, unknown>): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  };
}

/** A refusal of Cognito's, with its exception name (`code`) and a message for the user in Chinese. */
export class CognitoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CognitoError';
  }
}

const SIGN_IN_AGAIN = '登录已超时（有效期10分钟），请退出后重新登录，再绑定身份验证器。';

/** Cognito's exception (the `__type` of its JSON error, possibly `namespace#Name`) in words for the user. */
export function cognitoErrorMessage(code: string, message = ''): string {
  switch (code) {
    case 'CodeMismatchException':
      return '验证码不正确：请输入身份验证器上当前显示的6位数字。';
    case 'EnableSoftwareTokenMFAException':
      return '验证码未通过：请确认已添加本页显示的密钥，等验证码刷新后输入新的6位数字。';
    case 'ExpiredCodeException':
      return '验证码已过期：请输入身份验证器上最新的6位数字。';
    case 'SoftwareTokenMFANotFoundException':
      return '尚未生成密钥：请刷新本页，重新扫描二维码。';
    case 'NotAuthorizedException':
      return /expired/i.test(message) ? SIGN_IN_AGAIN : '身份认证服务拒绝了本次操作，请退出后重新登录再试。';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return '尝试次数过多，请稍候几分钟再试。';
    case 'InvalidParameterException':
      return '提交的内容有误，请检查后重试。';
    default:
      return `身份认证服务暂时无法完成操作（${code || '未知错误'}），请稍后再试。`;
  }
}

/** Whether a JWT's `exp` has passed (a token that cannot be read counts as expired). */
export function tokenExpired(token: string, now = Date.now()): boolean {
  try {
    const payload = token.split('.')[1] ?? '';
    const raw = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof raw.exp !== 'number' || raw.exp * 1000 <= now;
  } catch {
    return true;
  }
}

/** The user API at `endpoint`, for the holder of `accessToken`. */
export function cognitoUserApi(endpoint: string, accessToken: string, fetcher: typeof fetch = fetch) {
  const call = async <T>(action: CognitoAction, body: Record<string, unknown> = {}): Promise<T> => {
    // A token past its time would only earn a NotAuthorizedException: say so without asking.
    if (tokenExpired(accessToken)) throw new CognitoError('NotAuthorizedException', SIGN_IN_AGAIN);
    let res: Response;
    try {
      res = await fetcher(endpoint, cognitoRequest(action, { AccessToken: accessToken, ...body }));
    } catch {
      throw new CognitoError('NetworkError', '无法连接身份认证服务，请检查网络后重试。');
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const type = String(json.__type ?? res.headers.get('x-amzn-errortype') ?? '');
      const code = type.split('#').pop()!.split(':')[0]!;
      const message = String(json.message ?? json.Message ?? '');
      throw new CognitoError(code, cognitoErrorMessage(code, message));
    }
    return json as T;
  };
  return {
    /** A new secret key for the authenticator (base32). */
    async associate(): Promise<string> {
      const r = await call<{ SecretCode?: string }>('AssociateSoftwareToken');
      if (!r.SecretCode) throw new CognitoError('NoSecret', cognitoErrorMessage(''));
      return r.SecretCode;
    },
    /** Checks the authenticator's first code; Cognito answers 200 with Status ERROR for some wrong codes. */
    async verify(code: string): Promise<void> {
      const r = await call<{ Status?: string }>('VerifySoftwareToken', {
        UserCode: code,
        FriendlyDeviceName: DEVICE_NAME,
      });
      if (r.Status && r.Status !== 'SUCCESS')
        throw new CognitoError('CodeMismatchException', cognitoErrorMessage('CodeMismatchException'));
    },
    /** TOTP on, and the method asked at sign-in. */
    async enable(): Promise<void> {
      await call('SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    },
  };
}

/** A code as people type it (spaces, full-width digits) reduced to its digits; valid when exactly six. */
export function normalizeCode(input: string): string {
  return input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, '');
}

export const isTotpCode = (code: string): boolean => /^\d{6}$/.test(code);

/** The key URI authenticator apps read from the QR code (Google Authenticator's Key Uri Format). */
export function otpauthUri(user: string, secret: string): string {
  const q = new URLSearchParams({ secret, issuer: TOTP_ISSUER });
  return `otpauth://totp/${TOTP_ISSUER}:${encodeURIComponent(user)}?${q}`;
}

/** The key in groups of four, for typing it into an authenticator by hand. */
export const groupKey = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');
