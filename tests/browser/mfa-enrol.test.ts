import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webContentSecurityPolicy } from '#lib/build/web-headers.ts';
import { clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';

/**
 * 两步验证 as a bureau leader without an authenticator meets it in AWS, in Chromium: the dashboard's config says
 * `cognito`, the hosted sign-in and Cognito's user API are stood in for inside this test (`context.route`), and the
 * document gets the CSP CloudFront sends (the sign-in domain and the Cognito API allowed), so a call the deployed
 * policy would block fails here too. The sign-in trigger gave the user the role `mfa_setup_required`: every address
 * leads to the enrolment page, which shows the QR code and the key, refuses a wrong code with Cognito's error in
 * Chinese, enables TOTP on the right one and asks to sign in again. Desktop and phone (390 px) screenshots under
 * test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
/** Two cores shared with other suites: give what the page does after a click time to show. */
const SLOW = { timeout: 15_000 } as const;

const SIGN_IN = 'https://coalsafe-demo.auth.cn-north-1.amazoncognito.com';
const IDP = 'https://cognito-idp.cn-north-1.amazonaws.com.cn/';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RIGHT_CODE = '246810';
const USER = 'leader.demo@bureau.example.cn';

const jwt = (claims: Record<string, unknown>) =>
  `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const exp = () => Math.floor(Date.now() / 1000) + 600;
const ID_TOKEN = jwt({
  sub: 'u-leader',
  email: USER,
  'custom:role': 'mfa_setup_required',
  token_use: 'id',
  exp: exp(),
});
const ACCESS_TOKEN = jwt({
  sub: 'u-leader',
  scope: 'openid email profile aws.cognito.signin.user.admin',
  token_use: 'access',
  exp: exp(),
});

interface IdpCall {
  readonly action: string;
  readonly body: Record<string, unknown>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent',
};

/** The hosted sign-in, the token endpoint and the user API, as Cognito answers them. */
async function standInCognito(page: Page, appUrl: string) {
  const idpCalls: IdpCall[] = [];
  const authorized: string[] = [];
  const loggedOut: string[] = [];
  const context = page.context();
  const appOrigin = new URL(appUrl).origin;

  await context.route(
    (u) => u.href === `${appUrl}config.json`,
    (route) =>
      route.fulfill({
        json: {
          auth: 'cognito',
          cognitoDomain: SIGN_IN,
          clientId: 'demo-client',
          redirectUri: appUrl,
          idpEndpoint: IDP,
        },
      }),
  );
  // The dashboard's document with the policy CloudFront sends in AWS.
  await context.route(
    (u) => u.origin === appOrigin && u.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'content-security-policy': webContentSecurityPolicy([SIGN_IN, IDP.replace(/\/$/, '')]),
        },
      });
    },
  );
  await context.route(
    (u) => u.href.startsWith(`${SIGN_IN}/oauth2/authorize?`),
    (route) => {
      authorized.push(route.request().url());
      return route.fulfill({ contentType: 'text/html', body: '<p>hosted sign-in</p>' });
    },
  );
  await context.route(
    (u) => u.href === `${SIGN_IN}/oauth2/token`,
    (route) =>
      route.fulfill({
        headers: CORS,
        json: { id_token: ID_TOKEN, access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 600 },
      }),
  );
  await context.route(
    (u) => u.href.startsWith(`${SIGN_IN}/logout?`),
    (route) => {
      loggedOut.push(route.request().url());
      return route.fulfill({ contentType: 'text/html', body: '<p>signed out</p>' });
    },
  );
  await context.route(
    (u) => u.href === IDP,
    async (route: Route) => {
      const request = route.request();
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
      const action = (request.headers()['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '');
      const body = JSON.parse(request.postData() ?? '{}') as Record<string, unknown>;
      idpCalls.push({ action, body });
      const json = { 'content-type': 'application/x-amz-json-1.1', ...CORS };
      if (request.headers()['content-type'] !== 'application/x-amz-json-1.1' || body.AccessToken !== ACCESS_TOKEN)
        return route.fulfill({ status: 400, headers: json, body: '{"__type":"NotAuthorizedException"}' });
      if (action === 'AssociateSoftwareToken')
        return route.fulfill({ headers: json, body: JSON.stringify({ SecretCode: SECRET }) });
      if (action === 'VerifySoftwareToken') {
        if (body.UserCode === RIGHT_CODE) return route.fulfill({ headers: json, body: '{"Status":"SUCCESS"}' });
        return route.fulfill({
          status: 400,
          headers: json,
          body: '{"__type":"CodeMismatchException","message":"Invalid code received for user"}',
        });
      }
      if (action === 'SetUserMFAPreference') return route.fulfill({ headers: json, body: '{}' });
      return route.fulfill({ status: 400, headers: json, body: '{"__type":"InvalidParameterException"}' });
    },
  );
  return { idpCalls, authorized, loggedOut };
}

/**
 * Back from the hosted UI to the dashboard (`redirect_uri?code=…&state=…` after signing in, `logout_uri` after
 * signing out), as its redirect would: the test navigates, because Playwright does not route the target of a
 * redirect it fulfilled, and the dashboard's document must come through the route that sets the CSP.
 */
async function comeBack(page: Page, url: string): Promise<void> {
  await page.waitForURL((u) => u.href.startsWith(SIGN_IN));
  await page.goto(url);
}

/**
 * Chromium reports every 4xx answer on the console; the wrong code the test types on purpose is not a fault. Nor is
 * the local sign-in page's list of demo users cut off by the reload that switches the app to its AWS settings.
 */
const unexpected = (errors: string[]) =>
  errors.filter(
    (e) => !/status of 400/.test(e) && !/^request failed: GET \S+\/local\/demo-users \(net::ERR_ABORTED\)$/.test(e),
  );

describe('两步验证 in AWS', () => {
  it('sends a bureau leader without an authenticator to the enrolment, which binds one with the access token', async () => {
    const app = browserApp();
    const page = await app.open('/sign-in');
    // The local sign-in page done loading (its requests in, none cut off by the reload), then the same app as in AWS.
    await waitReady(page, 'sign-in');
    const cognito = await standInCognito(page, app.url);
    await page.goto(`${app.url}#/review`);
    await page.reload();
    await waitReady(page, 'sign-in');

    await page.locator('[data-testid="sign-in-cognito"]').click();
    await expect.poll(() => cognito.authorized.length, SLOW).toBe(1);
    const asked = new URL(cognito.authorized[0]!).searchParams;
    expect(asked.get('scope')!.split(' ')).toContain('aws.cognito.signin.user.admin');
    await comeBack(page, `${asked.get('redirect_uri')}?code=demo-code&state=${asked.get('state')}`);
    // Back from the hosted sign-in: whatever page was asked for, the enrolment is the only one there is.
    await waitReady(page, 'mfa').catch((e: Error) => {
      throw new Error(`${e.message}\n${app.errors(page).join('\n')}`);
    });
    expect(new URL(page.url()).hash).toBe('#/security/mfa');
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
              'coalsafe.access',
            ),
          ),
        SLOW,
      )
      .toBe(ACCESS_TOKEN);
    await expect
      .poll(() => page.locator('[data-testid="mfa-required"]').innerText(), SLOW)
      .toContain('局长（煤管局领导）和法制审核人员');
    expect(await page.locator('.sidebar a').allInnerTexts()).toEqual(['两步验证']);
    expect(await page.locator('[data-testid="user-name"]').innerText()).toBe(USER);

    // The QR code, drawn, and the key in groups of four.
    const qr = page.locator('[data-testid="mfa-qr"]');
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="mfa-key"]').innerText()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    await screenshot(page, 'mfa-enrol-scan');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'mfa-enrol-scan-phone');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      ),
    ).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(VIEWPORT);

    // Another address while enrolling: back to the enrolment.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/admin/users';
    });
    await expect.poll(() => new URL(page.url()).hash, SLOW).toBe('#/security/mfa');
    await waitReady(page, 'mfa');

    // Five digits: refused here, Cognito not asked.
    const code = page.locator('[data-testid="mfa-code"]');
    await code.fill('24681');
    await page.locator('[data-testid="mfa-verify"]').click();
    await page.locator('[data-testid="mfa-code-invalid"]').waitFor();
    expect(cognito.idpCalls.map((c) => c.action)).not.toContain('VerifySoftwareToken');

    // A wrong code: Cognito's refusal in Chinese.
    await code.fill('135790');
    await page.locator('[data-testid="mfa-verify"]').click();
    await expect.poll(() => page.locator('[data-testid="error"]').innerText(), SLOW).toContain('验证码不正确');
    await screenshot(page, 'mfa-enrol-wrong-code');

    // The right one (typed with a space, as the app shows it): enabled, and asked to sign in again.
    await code.fill('246 810');
    await page.locator('[data-testid="mfa-verify"]').click();
    await page.locator('[data-testid="mfa-done"]').waitFor();
    expect(await page.locator('[data-testid="mfa-done"]').innerText()).toContain('两步验证已开启');
    await screenshot(page, 'mfa-enrol-done');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'mfa-enrol-done-phone');
    await page.setViewportSize(VIEWPORT);

    expect(cognito.idpCalls).toEqual([
      { action: 'AssociateSoftwareToken', body: { AccessToken: ACCESS_TOKEN } },
      {
        action: 'VerifySoftwareToken',
        body: { AccessToken: ACCESS_TOKEN, UserCode: '135790', FriendlyDeviceName: '身份验证器' },
      },
      {
        action: 'VerifySoftwareToken',
        body: { AccessToken: ACCESS_TOKEN, UserCode: RIGHT_CODE, FriendlyDeviceName: '身份验证器' },
      },
      {
        action: 'SetUserMFAPreference',
        body: { AccessToken: ACCESS_TOKEN, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } },
      },
    ]);
    expect(unexpected(app.errors(page))).toEqual([]);

    // 重新登录: out of the hosted UI, then straight to its sign-in, where the code will be asked.
    await page.locator('[data-testid="mfa-sign-in-again"]').click();
    await page.waitForURL((u) => u.href.startsWith(`${SIGN_IN}/logout?`));
    expect(cognito.loggedOut).toHaveLength(1);
    // Signed out of the hosted UI first (its session would otherwise sign in again without asking for anything).
    expect(cognito.authorized).toHaveLength(1);
    const logoutUri = new URL(cognito.loggedOut[0]!).searchParams.get('logout_uri')!;
    await comeBack(page, logoutUri);
    await expect.poll(() => cognito.authorized.length, SLOW).toBe(2);
    await page.waitForURL((u) => u.href.startsWith(`${SIGN_IN}/oauth2/authorize?`));
    expect(await page.locator('body').innerText()).toContain('hosted sign-in');
  });
});

describe('两步验证 on the local runtime', () => {
  it('is in the bureau leader’s menu and says demo sign-in has no two-step verification', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/');
    await waitReady(page, 'overview');
    await clickNav(page, 'mfa');
    await waitReady(page, 'mfa');
    expect(await page.locator('[data-testid="mfa-local"]').innerText()).toContain('没有两步验证');
    expect(await page.locator('[data-testid="mfa-qr"]').count()).toBe(0);
    expect(app.errors(page)).toEqual([]);
  });

  it('is not in an inspector’s menu', async () => {
    const app = browserApp();
    const page = await app.openAs('inspector', '/');
    await waitReady(page, 'overview');
    expect(await page.locator('[data-testid="nav-mfa"]').count()).toBe(0);
  });
});
