// Sign-in in AWS: the authorization-code flow with PKCE against Cognito's hosted UI, and the host's /config.json.
import { describe, expect, it } from 'vitest';
import { parseAuthConfig } from '#web/src/auth/config.ts';
import {
  authorizeUrl,
  base64Url,
  codeChallenge,
  logoutUrl,
  randomToken,
  tokenRequestBody,
} from '#web/src/auth/pkce.ts';

const cognito = {
  cognitoDomain: 'https://coalsafe.auth.cn-north-1.amazoncognito.com',
  clientId: 'abc123',
  redirectUri: 'https://app.example.cn/',
};

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
  it('makes URL-safe random verifiers of the recommended length', () => {
    const v = randomToken();
    expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(v);
  });
  it('encodes base64url without padding', () => expect(base64Url(new Uint8Array([251, 255, 191]))).toBe('-_-_'));
});

describe('Cognito addresses', () => {
  it('asks the hosted UI for a code with the challenge and state', () => {
    const url = new URL(authorizeUrl(cognito, 'st', 'ch'));
    expect(url.origin + url.pathname).toBe('https://coalsafe.auth.cn-north-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'abc123',
      redirect_uri: 'https://app.example.cn/',
      scope: 'openid email profile aws.cognito.signin.user.admin',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
  it('exchanges the code with the verifier and no secret', () => {
    expect(Object.fromEntries(new URLSearchParams(tokenRequestBody(cognito, 'the-code', 'the-verifier')))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'abc123',
      code: 'the-code',
      redirect_uri: 'https://app.example.cn/',
      code_verifier: 'the-verifier',
    });
  });
  it('signs out of the hosted UI back to the app', () => {
    expect(logoutUrl(cognito)).toBe(
      'https://coalsafe.auth.cn-north-1.amazoncognito.com/logout?client_id=abc123&logout_uri=https%3A%2F%2Fapp.example.cn%2F',
    );
  });
});

describe('parseAuthConfig', () => {
  it('reads local and cognito, dropping a trailing slash of the domain', () => {
    expect(parseAuthConfig({ auth: 'local' })).toEqual({ auth: 'local' });
    expect(parseAuthConfig({ auth: 'cognito', ...cognito, cognitoDomain: `${cognito.cognitoDomain}/` })).toEqual({
      auth: 'cognito',
      ...cognito,
    });
  });
  it.each([
    [
      'with its trailing slash',
      'https://cognito-idp.cn-north-1.amazonaws.com.cn/',
      'https://cognito-idp.cn-north-1.amazonaws.com.cn/',
    ],
    [
      'adding the trailing slash',
      'https://cognito-idp.cn-north-1.amazonaws.com.cn',
      'https://cognito-idp.cn-north-1.amazonaws.com.cn/',
    ],
  ])('reads the Cognito API endpoint %s', (_, idpEndpoint, expected) =>
    expect(parseAuthConfig({ auth: 'cognito', ...cognito, idpEndpoint })).toEqual({
      auth: 'cognito',
      ...cognito,
      idpEndpoint: expected,
    }),
  );
  it.each([undefined, 42, 'cognito-idp.cn-north-1.amazonaws.com.cn', 'javascript:alert(1)'])(
    'leaves out a Cognito API endpoint that is not an http(s) URL: %j',
    (idpEndpoint) =>
      expect(parseAuthConfig({ auth: 'cognito', ...cognito, idpEndpoint })).toEqual({ auth: 'cognito', ...cognito }),
  );
  it.each([{}, { auth: 'cognito', clientId: 'x' }, null, { auth: 'saml' }])('refuses %j', (raw) =>
    expect(() => parseAuthConfig(raw)).toThrow('登录配置无效'),
  );
});
