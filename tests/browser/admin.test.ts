import { describe, expect, it } from 'vitest';
import { type BrowserApp, clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * The bureau's registry pages as its leader and an inspector use them, in Chromium against the local runtime: the
 * leader creates a mine with every field the registry requires, registers a licence and a key person (the resident
 * ID masked once saved, never shown whole again), creates an inspector's account and deactivates it; an inspector
 * approves a change to the equipment register the mine's own user asked for over the API, which the mine user may
 * not approve. Desktop and phone (390 px) screenshots of each page under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const RESIDENT_ID = '11010519491231002X';
const call = (app: BrowserApp, method: string, path: string, user: string, body?: unknown) =>
  client(app.runtime.url)(method, path, { token: app.runtime.tokens[user], ...(body ? { body } : {}) });

async function phoneShot(page: import('playwright-core').Page, name: string) {
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => {
    const root = (globalThis as any).document.documentElement;
    return (root.scrollWidth - root.clientWidth) as number;
  });
  await screenshot(page, name);
  await page.setViewportSize(VIEWPORT);
  return overflow;
}

describe('the bureau admin', () => {
  it('creates a mine, registers a licence and a key person whose ID is masked once saved', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/');
    await waitReady(page, 'overview');
    await clickNav(page, 'admin-mines');
    await waitReady(page, 'admin-mines');
    await expect(page.locator('[data-testid="admin-mine-row-m-taiyuan"]').innerText()).resolves.toContain('泰源煤矿');
    await screenshot(page, 'admin-mines');
    expect(await phoneShot(page, 'admin-mines-phone')).toBeLessThanOrEqual(0);

    // Without the required fields: the API's messages beside them, nothing created.
    await page.locator('[data-testid="mine-create-submit"]').click();
    await page.locator('[data-testid="mine-create-name-error"]').waitFor({ state: 'visible' });
    await expect(page.locator('[data-testid="mine-create-creditCode-error"]').isVisible()).resolves.toBe(true);

    const f = (name: string) => page.locator(`[data-testid="mine-create-${name}"]`);
    await f('name').fill('青松岭示范煤矿');
    await f('enterpriseName').fill('青松岭示范矿业有限公司');
    await f('creditCode').fill('91230407MA1ADM0X1K');
    await f('address').fill('东山区青松岭路 1 号');
    await f('approvedCapacityTonnesPerYear').fill('300000');
    await f('gasGrade').selectOption('high');
    await f('mineId').fill('m-qingsong');
    await f('submit').click();
    await waitReady(page, 'admin-mine');
    expect(page.url()).toContain('#/admin/mines/m-qingsong');
    const mine = ok(await call(app, 'GET', '/v1/mines/m-qingsong', 'bureau_admin'));
    expect(mine).toMatchObject({ name: '青松岭示范煤矿', gasGrade: 'high', approvedCapacityTonnesPerYear: 300000 });

    // A licence.
    const l = (name: string) => page.locator(`[data-testid="licence-form-${name}"]`);
    await l('type').selectOption('safety_production');
    await l('number').fill('（黑）MK安许证字〔2024〕0099');
    await l('issuedOn').fill('2024-03-01');
    await l('expiresOn').fill('2027-02-28');
    await l('issuer').fill('黑龙江省应急管理厅');
    await l('submit').click();
    const licenceRow = page.locator('[data-testid="licence-row-safety_production"]');
    await licenceRow.waitFor({ state: 'visible' });
    await expect(licenceRow.innerText()).resolves.toContain('2027-02-28');

    // A key person: the resident ID stored protected, shown masked, and gone from the form.
    const p = (name: string) => page.locator(`[data-testid="person-form-${name}"]`);
    await p('role').selectOption('mine_manager');
    await p('name').fill('林晓舟');
    await p('residentId').fill('123');
    await p('submit').click();
    await p('residentId-error').waitFor({ state: 'visible' });
    await expect(p('residentId-error').innerText()).resolves.toContain('不是有效的居民身份证号码');
    await p('residentId').fill(RESIDENT_ID);
    await p('submit').click();
    const personRow = page.locator('[data-testid^="person-row-"]');
    await personRow.first().waitFor({ state: 'visible' });
    await expect(personRow.first().innerText()).resolves.toContain('林晓舟');
    await expect(p('residentId').inputValue()).resolves.toBe('');
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(RESIDENT_ID);
    expect(body).not.toContain('19491231');
    const persons = ok(await call(app, 'GET', '/v1/mines/m-qingsong/persons', 'bureau_admin')).items;
    expect(persons).toHaveLength(1);
    expect(persons[0].residentIdMasked).not.toContain('19491231');
    await expect(personRow.first().innerText()).resolves.toContain(persons[0].residentIdMasked);

    // A status change: a reason is required, the API says so beside the field.
    await page.locator('[data-testid="mine-status-status"]').selectOption('suspended');
    await page.locator('[data-testid="mine-status-submit"]').click();
    await page.locator('[data-testid="mine-status-reason-error"]').waitFor({ state: 'visible' });
    await page.locator('[data-testid="mine-status-reason"]').fill('井下通风系统改造，停产施工');
    await page.locator('[data-testid="mine-status-submit"]').click();
    await page.locator('[data-testid="mine-status-result"]').waitFor({ state: 'visible' });
    await waitReady(page, 'admin-mine');
    // The file reloads after the change: its status follows once the reload has answered.
    await expect.poll(() => page.locator('[data-testid="admin-mine-status"]').innerText()).toBe('停产');
    await screenshot(page, 'admin-mine');
    expect(await phoneShot(page, 'admin-mine-phone')).toBeLessThanOrEqual(0);
    expect(app.errors(page).filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('creates an inspector’s account and deactivates it', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/admin/users');
    await waitReady(page, 'admin-users');
    const f = (name: string) => page.locator(`[data-testid="user-create-${name}"]`);
    await f('role').selectOption('inspector');
    await f('name').fill('周铭远');
    await f('email').fill('zhou.mingyuan@example.com');
    await f('submit').click();
    await page.locator('[data-testid="users-notice"]').waitFor({ state: 'visible' });
    await expect(page.locator('[data-testid="users-notice"]').innerText()).resolves.toContain('周铭远');
    await waitReady(page, 'admin-users');
    const created = ok(await call(app, 'GET', '/v1/users?role=inspector', 'bureau_admin')).items.find(
      (u: { name: string }) => u.name === '周铭远',
    );
    expect(created).toMatchObject({ active: true, role: 'inspector', jurisdiction: 'hlj/hegang/dongshan' });
    const row = page.locator(`[data-testid="user-row-${created.userId}"]`);
    await expect(row.innerText()).resolves.toContain('监管中队');
    await screenshot(page, 'admin-users');
    expect(await phoneShot(page, 'admin-users-phone')).toBeLessThanOrEqual(0);

    await row.locator(`[data-testid="user-toggle-${created.userId}"]`).click();
    await page.locator('[data-testid="users-notice"]', { hasText: '已停用' }).waitFor({ state: 'visible' });
    await row.waitFor({ state: 'detached' });
    expect(ok(await call(app, 'GET', `/v1/users/${created.userId}`, 'bureau_admin')).active).toBe(false);
    await page.locator('[data-testid="users-filter-active"]').selectOption('false');
    await waitReady(page, 'admin-users');
    await expect(page.locator(`[data-testid="user-row-${created.userId}"]`).innerText()).resolves.toContain('已停用');
    expect(app.errors(page)).toEqual([]);
  });
});

describe('the inspector', () => {
  it('approves the register change the mine user asked for, which the mine user may not approve', async () => {
    const app = browserApp();
    const asked = await call(app, 'PUT', '/v1/mines/m-taiyuan/equipment/eq-admin-test-pump', 'mine_user', {
      name: '新增主排水泵',
      ratedKw: 315,
      circuit: 'drainage',
      mustRunWhenStopped: true,
      reason: '井下新装一台主排水泵',
    });
    const request = ok(asked, 202);
    expect(request.status).toBe('pending');
    const path = `/v1/mines/m-taiyuan/register-requests/${request.requestId}`;
    // The mine's own user may not decide a request: the role is refused.
    const refused = await call(app, 'POST', `${path}/approve`, 'mine_user', { version: request.version });
    expect(refused.status).toBe(403);

    const page = await app.openAs('inspector', '/');
    await waitReady(page, 'overview');
    await clickNav(page, 'register-requests');
    await waitReady(page, 'register-requests');
    const row = page.locator(`[data-testid="rr-row-${request.requestId}"]`);
    const text = await row.innerText();
    expect(text).toContain('泰源煤矿');
    expect(text).toContain('新增主排水泵');
    expect(text).toContain('315 kW');
    expect(text).toContain('排水');
    await screenshot(page, 'register-requests');
    await row.locator('[data-testid="rr-open"]').click();
    await row.locator('[data-testid="evidence-panel"]').waitFor({ state: 'visible' });
    expect(await phoneShot(page, 'register-requests-phone')).toBeLessThanOrEqual(0);

    // A rejection without a reason: the API's message beside the field; still pending.
    await row.locator('[data-testid="rr-reject"]').click();
    await row.locator('[data-testid$="-reject-reason-error"]').waitFor({ state: 'visible' });
    expect(ok(await call(app, 'GET', path, 'inspector')).status).toBe('pending');

    await row.locator('[data-testid="rr-approve"]').click();
    await row.waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid="rr-notice"]').innerText()).resolves.toContain('已批准');
    const decided = ok(await call(app, 'GET', path, 'inspector'));
    expect(decided).toMatchObject({ status: 'approved' });
    expect(decided.decidedBy.role).toBe('inspector');
    const pump = ok(await call(app, 'GET', '/v1/mines/m-taiyuan/equipment/eq-admin-test-pump', 'inspector'));
    expect(pump).toMatchObject({ ratedKw: 315, mustRunWhenStopped: true });
    expect(app.errors(page).filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('may not approve a change the inspector asked for: the four-eyes refusal in the API’s words', async () => {
    const app = browserApp();
    const request = ok(
      await call(app, 'PUT', '/v1/mines/m-taiyuan/equipment/eq-admin-test-fan', 'inspector', {
        name: '备用局部通风机',
        ratedKw: 30,
        circuit: 'ventilation',
        mustRunWhenStopped: true,
      }),
      202,
    );
    const page = await app.openAs('inspector', '/register-requests');
    await waitReady(page, 'register-requests');
    const row = page.locator(`[data-testid="rr-row-${request.requestId}"]`);
    await row.locator('[data-testid="rr-open"]').click();
    await expect(row.locator('[data-testid="rr-own"]').innerText()).resolves.toContain('本人提出');
    await row.locator('[data-testid="rr-approve"]').click();
    const errors = row.locator('[data-testid="rr-approve-errors"]');
    await errors.waitFor({ state: 'visible' });
    const said = await errors.innerText();
    expect(said).toMatch(/[\u4e00-\u9fff]/);
    expect(said).not.toMatch(/principal|requester/);
    await screenshot(page, 'register-requests-four-eyes');
    expect(
      ok(await call(app, 'GET', `/v1/mines/m-taiyuan/register-requests/${request.requestId}`, 'inspector')).status,
    ).toBe('pending');
  });
});
