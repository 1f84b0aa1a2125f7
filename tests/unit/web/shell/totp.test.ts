// 两步验证: the calls to Cognito's user API that enrol TOTP, their errors in Chinese, and what the page shows.
import { describe, expect, it } from 'vitest';
import { MFA_SETUP_ROLE } from '#lib/auth/mfa-gate.ts';
import { MFA_SETUP_ROLE as DASHBOARD_SETUP_ROLE } from '#web/src/auth/mfa-role.ts';
import {
  CognitoError,
  cognitoErrorMessage,
  cognitoRequest,
  cognitoUserApi,
  groupKey,
  isTotpCode,
  normalizeCode,
  otpauthUri,
  tokenExpired,
} from '#web/src/auth/totp.ts';

const ENDPOINT = 'https://cognito-idp.cn-north-1.amazonaws.com.cn/';
const NOW = Date.UTC(2026, 5, 1, 8, 0, 0);

/** A JWT whose payload is `claims` (the signature is not read). */
const jwt = (claims: Record<string, unknown>) =>
  `h.${btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.s`;
const LIVE_TOKEN = jwt({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 600 });

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that answers each call with the next of `answers` and records what it was asked. */
function fakeFetch(...answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

const ok = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } });
const refused = (type: string, message = '', status = 400) =>
  new Response(JSON.stringify({ __type: type, message }), {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
  });

const bodyOf = (call: Call) => JSON.parse(String(call.init.body)) as Record<string, unknown>;

it('the dashboard knows the role the sign-in trigger gives a user without TOTP', () =>
  expect(DASHBOARD_SETUP_ROLE).toBe(MFA_SETUP_ROLE));

describe('cognitoRequest', () => {
  it.each(['AssociateSoftwareToken', 'VerifySoftwareToken', 'SetUserMFAPreference'] as const)(
    '%s is an unsigned JSON 1.1 POST naming the action',
    (action) => {
      const init = cognitoRequest(action, { AccessToken: 't' });
      expect(init).toEqual({
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
        },
        body: '{"AccessToken":"t"}',
      });
      expect(Object.keys(init.headers as object)).not.toContain('authorization');
    },
  );
});

describe('cognitoUserApi', () => {
  it('associates: AccessToken only, and returns the secret key', async () => {
    const { calls, fetcher } = fakeFetch(ok({ SecretCode: 'JBSWY3DPEHPK3PXP' }));
    expect(await cognitoUserApi(ENDPOINT, LIVE_TOKEN, fetcher).associate()).toBe('JBSWY3DPEHPK3PXP');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(ENDPOINT);
    expect((calls[0]!.init.headers as Record<string, string>)['x-amz-target']).toBe(
      'AWSCognitoIdentityProviderService.AssociateSoftwareToken',
    );
    expect(bodyOf(calls[0]!)).toEqual({ AccessToken: LIVE_TOKEN });
  });

  it('verifies the code with the device name', async () => {
    const { calls, fetcher } = fakeFetch(ok({ Status: 'SUCCESS' }));
    await cognitoUserApi(ENDPOINT, LIVE_TOKEN, fetcher).verify('123456');
    expect(bodyOf(calls[0]!)).toEqual({
      AccessToken: LIVE_TOKEN,
      UserCode: '123456',
      FriendlyDeviceName: '身份验证器',
    });
  });

  it('enables TOTP as the preferred method', async () => {
    const { calls, fetcher } = fakeFetch(ok({}));
    await cognitoUserApi(ENDPOINT, LIVE_TOKEN, fetcher).enable();
    expect((calls[0]!.init.headers as Record<string, string>)['x-amz-target']).toBe(
      'AWSCognitoIdentityProviderService.SetUserMFAPreference',
    );
    expect(bodyOf(calls[0]!)).toEqual({
      AccessToken: LIVE_TOKEN,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });

  it.each([
    [
      'a 400 CodeMismatchException',
      refused('CodeMismatchException', 'Invalid code'),
      'CodeMismatchException',
      '验证码不正确',
    ],
    [
      'a 400 EnableSoftwareTokenMFAException',
      refused('EnableSoftwareTokenMFAException', 'Code mismatch'),
      'EnableSoftwareTokenMFAException',
      '验证码未通过',
    ],
    ['a 200 with Status ERROR', ok({ Status: 'ERROR' }), 'CodeMismatchException', '验证码不正确'],
    [
      'an expired access token',
      refused('NotAuthorizedException', 'Access Token has expired'),
      'NotAuthorizedException',
      '登录已超时',
    ],
    [
      'a revoked access token',
      refused('NotAuthorizedException', 'Access Token has been revoked'),
      'NotAuthorizedException',
      '重新登录',
    ],
    [
      'a namespaced type',
      refused('com.amazonaws.cognito#CodeMismatchException'),
      'CodeMismatchException',
      '验证码不正确',
    ],
    ['throttling', refused('TooManyRequestsException', '', 429), 'TooManyRequestsException', '尝试次数过多'],
    ['an unknown error', refused('InternalErrorException', '', 500), 'InternalErrorException', '暂时无法完成'],
    ['no network', new TypeError('Failed to fetch'), 'NetworkError', '无法连接身份认证服务'],
  ])('verify turns %s into a Chinese message', async (_, answer, code, message) => {
    const { fetcher } = fakeFetch(answer);
    const error = await cognitoUserApi(ENDPOINT, LIVE_TOKEN, fetcher)
      .verify('123456')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect((error as CognitoError).code).toBe(code);
    expect((error as CognitoError).message).toContain(message);
    expect((error as CognitoError).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('does not call Cognito with an access token past its time', async () => {
    const { calls, fetcher } = fakeFetch(ok({ SecretCode: 'X' }));
    const expired = jwt({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) - 1 });
    await expect(cognitoUserApi(ENDPOINT, expired, fetcher).associate()).rejects.toThrow('登录已超时');
    expect(calls).toHaveLength(0);
  });
});

describe('tokenExpired', () => {
  it.each([
    ['a second before exp', NOW / 1000 + 1, false],
    ['at exp', NOW / 1000, true],
    ['a second after exp', NOW / 1000 - 1, true],
  ])('%s', (_, exp, expired) => expect(tokenExpired(jwt({ exp }), NOW)).toBe(expired));
  it.each(['', 'not-a-jwt', jwt({ sub: 'no exp' })])('counts %j as expired', (token) =>
    expect(tokenExpired(token, NOW)).toBe(true),
  );
});

describe('cognitoErrorMessage', () => {
  it('names the exception it does not know', () =>
    expect(cognitoErrorMessage('WeirdException')).toContain('WeirdException'));
});

describe('the code', () => {
  it.each([
    ['123456', true],
    ['000000', true],
    ['12345', false],
    ['1234567', false],
    ['12345a', false],
    ['', false],
  ])('%j is a six-digit code: %s', (code, valid) => expect(isTotpCode(code)).toBe(valid));
  it.each([
    ['123 456', '123456'],
    ['123-456', '123456'],
    ['１２３４５６', '123456'],
    [' 123456 ', '123456'],
  ])('%j as typed is %j', (typed, code) => expect(normalizeCode(typed)).toBe(code));
});

describe('otpauthUri', () => {
  it('names the issuer, the account and the key', () => {
    const uri = otpauthUri('zhang.san@bureau.example.cn', 'JBSWY3DPEHPK3PXP');
    expect(uri).toBe('otpauth://totp/coalsafe:zhang.san%40bureau.example.cn?secret=JBSWY3DPEHPK3PXP&issuer=coalsafe');
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(parsed.searchParams.get('issuer')).toBe('coalsafe');
  });
  it('keeps an account name with spaces or ? inside the label', () => {
    const uri = otpauthUri('a b?c', 'K');
    expect(uri).toBe('otpauth://totp/coalsafe:a%20b%3Fc?secret=K&issuer=coalsafe');
  });
});

describe('groupKey', () => {
  it.each([
    ['', ''],
    ['ABC', 'ABC'],
    ['ABCD', 'ABCD'],
    ['ABCDE', 'ABCD E'],
    ['ABCDEFGH', 'ABCD EFGH'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 'ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567'],
  ])('%j → %j', (key, grouped) => expect(groupKey(key)).toBe(grouped));
});
