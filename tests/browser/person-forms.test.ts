import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type BrowserApp, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * Naming the accountable people and registering certificates on the dashboard, in Chromium against the local
 * runtime on the demo district: the inspector names a key person of 泰源煤矿 when recording a violation (an entry the
 * API refuses comes back beside the field, with the person's name), the proposed penalty takes the violation's
 * persons, the penalty's persons are corrected on the mine's file with a reason, and the person's file lists both
 * records; an accident recorded on the mine's file names a person too (a level below its casualties refused beside
 * the level); the mine's safety office registers a special-operations certificate on 本矿填报 (the API's date rule
 * beside its field), and an inspector approves it on the mine's file, after which the mine sees it valid. Desktop
 * and 390 px screenshots under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const MINE = 'm-taiyuan';
const today = todayInShanghai();

type Person = { personId: string; name: string; roleLabel: string };
const api = (app: BrowserApp, who = 'inspector') => {
  const http = client(app.runtime.url);
  const token = (app.runtime.tokens as Record<string, string>)[who];
  return {
    get: async (path: string): Promise<any> => ok(await http('GET', path, { token })),
    post: async (path: string, body: unknown): Promise<any> => ok(await http('POST', path, { token, body }), 201),
  };
};

async function both(page: Page, name: string) {
  await page.setViewportSize(VIEWPORT);
  await screenshot(page, `person-forms-${name}`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `person-forms-${name}-phone`);
  await page.setViewportSize(VIEWPORT);
}

const unexpected = (errors: string[]) => errors.filter((e) => !/status of 4/.test(e));

describe('naming responsible persons', () => {
  it('an inspector names a key person on a violation and its penalty, corrects the penalty, and the file lists both', async () => {
    const app = browserApp();
    const persons: Person[] = (await api(app).get(`/v1/mines/${MINE}/persons`)).items;
    // Two people (one person may hold two posts, e.g. chairman and actual controller).
    const first = persons[0]!;
    const second = persons.find((p) => p.name !== first.name)!;
    const description = `回风巷瓦斯检查漏检 ${Date.now()}`;
    const inspection = await api(app).post(`/v1/mines/${MINE}/inspections`, {
      kind: 'started',
      startedOn: today,
      inspectors: [{ userId: 'dev-inspector', name: '监管中队（演示）' }],
      leaderUserId: 'dev-inspector',
      purpose: '责任人认定',
      topics: ['ventilation_gas_dust'],
    });
    const page = await app.openAs('inspector', `/inspect/${inspection.inspectionId}`);
    await waitReady(page, 'inspection');
    await page.locator('[data-testid="open-violation"]').click();
    await page.locator('[data-testid="violation-category"]').selectOption('over_capacity');
    await page.locator('[data-testid="violation-description"]').fill(description);
    const field = page.locator('[data-testid="violation-responsiblePersons"]');
    await field.locator('label', { hasText: `${first.roleLabel} ${first.name}` }).click();

    // A person who is not on the mine's file (the list changed meanwhile): the API's message beside the field.
    await page.route(`**/v1/mines/${MINE}/violations`, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      await route.continue({
        postData: JSON.stringify({ ...body, responsiblePersons: [...body.responsiblePersons, 'p-000000000000-gone'] }),
      });
    });
    await page.locator('[data-testid="violation-submit"]').click();
    const error = page.locator('[data-testid="violation-responsiblePersons-error"]');
    await error.waitFor();
    expect(await error.innerText()).toContain('不是本矿登记的关键人员');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await both(page, 'violation-refused');
    await page.unroute(`**/v1/mines/${MINE}/violations`);

    await page.locator('[data-testid="violation-submit"]').click();
    const found = page.locator('[data-testid="finding-responsible"]');
    await found.waitFor();
    expect(await found.innerText()).toBe(`责任人：${first.roleLabel} ${first.name}`);
    await both(page, 'violation-named');
    const [violationId] = (await api(app).get(`/v1/inspections/${inspection.inspectionId}`)).findings.violationIds;
    const violation = await api(app).get(`/v1/violations/${violationId}`);
    expect(violation.responsiblePersons.map((p: Person) => p.personId)).toEqual([first.personId]);

    // The penalty proposed for it names the violation's person unless the officer changes it.
    await page.locator('[data-testid="inspect-penalty"] summary').click();
    const penaltyPersons = page.locator('[data-testid="penalty-responsiblePersons"] input:checked');
    await expect.poll(() => penaltyPersons.count()).toBe(1);
    await page.locator('[data-testid="inspect-penalty"]').scrollIntoViewIfNeeded();
    await both(page, 'penalty-proposed');
    await page.locator('[data-testid="penalty-basis"]').fill('《煤矿安全规程》第一百八十条');
    await page.locator('[data-testid="penalty-description"]').fill(description);
    await page.locator('[data-testid="penalty-decisionNo"]').fill(`东山煤安罚〔2026〕${Date.now() % 10_000}号`);
    await page.locator('[data-testid="penalty-submit"]').click();
    await page.locator('[data-testid="penalty-print"]').waitFor();
    const penalty = (await api(app).get(`/v1/mines/${MINE}/penalties?limit=100`)).items.find((p: any) =>
      p.violationIds?.includes(violationId),
    );
    expect(penalty.responsiblePersons.map((p: Person) => p.personId)).toEqual([first.personId]);
    expect(unexpected(app.errors(page))).toEqual([]);

    // On the mine's file: the penalty's persons corrected with a reason (the first kept, the second added).
    const mine = await app.openAs('inspector', `/mines/${MINE}`);
    await waitReady(mine, 'mine');
    const line = mine.locator('[data-testid="records-penalties"] li', { hasText: description });
    await line.locator('[data-testid="correct-persons"]').click();
    const form = line.locator(`[data-testid="persons-penalty-${penalty.penaltyId}"]`);
    await form.locator('label', { hasText: `${second.roleLabel} ${second.name}` }).click();
    await form.locator('[data-testid="persons-submit"]').click();
    expect(await form.locator('[data-testid$="-reason-error"]').innerText()).toContain('请填写理由');
    await form.scrollIntoViewIfNeeded();
    await both(mine, 'penalty-correcting');
    await form.locator('textarea').fill('复核认定：分管负责人未落实瓦斯检查制度');
    await form.locator('[data-testid="persons-submit"]').click();
    await expect
      .poll(() => line.locator('[data-testid="responsible"]').innerText())
      .toBe(`（责任人：${first.roleLabel}${first.name}、${second.roleLabel}${second.name}）`);
    await line.scrollIntoViewIfNeeded();
    await both(mine, 'penalty-corrected');
    const corrected = await api(app).get(`/v1/penalties/${penalty.penaltyId}`);
    expect(corrected.responsiblePersons.map((p: Person) => p.personId)).toEqual([first.personId, second.personId]);

    // An accident recorded on the mine's file names the second person; a level below its casualties comes back
    // beside the level.
    const accidents = mine.locator('[data-testid="records-accidents"]');
    await accidents.locator('[data-testid="record-accident"]').click();
    const accidentText = `副井提升机钢丝绳断裂 ${Date.now()}`;
    await mine.locator('[data-testid="accident-deaths"]').fill('3');
    await mine.locator('[data-testid="accident-description"]').fill(accidentText);
    await mine
      .locator('[data-testid="accident-responsiblePersons"] label', { hasText: `${second.roleLabel} ${second.name}` })
      .click();
    await mine.locator('[data-testid="accident-submit"]').click();
    const levelError = mine.locator('[data-testid="accident-level-error"]');
    await levelError.waitFor();
    expect(await levelError.innerText()).toContain('至少为较大事故');
    await accidents.scrollIntoViewIfNeeded();
    await both(mine, 'accident-refused');
    await mine.locator('[data-testid="accident-level"]').selectOption('larger');
    await mine.locator('[data-testid="accident-submit"]').click();
    const accidentLine = accidents.locator('li', { hasText: accidentText });
    await expect
      .poll(() => accidentLine.locator('[data-testid="responsible"]').innerText())
      .toBe(`（责任人：${second.roleLabel}${second.name}）`);
    await accidents.scrollIntoViewIfNeeded();
    await both(mine, 'accident-recorded');
    const accident = (await api(app).get(`/v1/mines/${MINE}/accidents`)).items.find(
      (a: any) => a.description === accidentText,
    );
    expect(accident).toMatchObject({ level: 'larger', deaths: 3 });
    expect(accident.responsiblePersons.map((p: Person) => p.personId)).toEqual([second.personId]);

    // The first person's file lists the violation and the penalty.
    await line.locator('[data-testid="responsible"] a').first().click();
    await waitReady(mine, 'person-file');
    await mine.locator('[data-testid="named-violation"]').first().waitFor();
    expect(await mine.locator('[data-testid="named-penalty"]').count()).toBeGreaterThanOrEqual(1);
    const file = await api(app).get(`/v1/mines/${MINE}/persons/${first.personId}/file`);
    expect(file.named.map((n: any) => n.recordId)).toEqual(expect.arrayContaining([violationId, penalty.penaltyId]));
    await both(mine, 'person-file');
    expect(unexpected(app.errors(mine))).toEqual([]);
  });
});

describe('certificates', () => {
  it('the mine registers a certificate on 本矿填报 and an inspector approves it on the mine file', async () => {
    const app = browserApp();
    const number = `T${Date.now()}`;
    const page = await app.openAs('mine_user', '/work?tab=certificates');
    await waitReady(page, 'mine-work');
    const section = page.locator('[data-testid="work-certificates"]');
    await section.waitFor();
    await page.locator('[data-testid="cert-operation"]').selectOption('coal_gas_inspection');
    await page.locator('[data-testid="cert-holderName"]').fill('林小川');
    await page.locator('[data-testid="cert-residentId"]').fill('11010519491231002X');
    await page.locator('[data-testid="cert-certificateNo"]').fill(number);
    await page.locator('[data-testid="cert-issuedOn"]').fill('2025-03-01');
    await page.locator('[data-testid="cert-expiresOn"]').fill('2025-02-01');
    await page.locator('[data-testid="certificate-submit"]').click();
    const dateError = page.locator('[data-testid="cert-expiresOn-error"]');
    await dateError.waitFor();
    expect(await dateError.innerText()).toContain('有效期至须晚于发证日期');
    await both(page, 'certificate-refused');
    await page.locator('[data-testid="cert-expiresOn"]').fill('2031-02-28');
    await page.locator('[data-testid="certificate-submit"]').click();
    await page.locator('[data-testid="certificate-filed"]').waitFor();
    // The form starts empty for the next certificate.
    expect(await page.locator('[data-testid="cert-holderName"]').inputValue()).toBe('');
    const mine = page.locator('[data-testid="certificate-item"]', { hasText: number });
    await expect.poll(() => mine.getAttribute('data-status')).toBe('pending');
    expect(await mine.innerText()).toContain('待审批');
    expect(await mine.innerText()).not.toContain('11010519491231002X');
    await both(page, 'certificate-registered');
    expect(unexpected(app.errors(page))).toEqual([]);

    // The bureau's inspector sees it waiting on the mine's file and approves it.
    const bureau = await app.openAs('inspector', `/mines/${MINE}`);
    await waitReady(bureau, 'mine');
    const pending = bureau.locator('[data-testid="pending-certificate"]', { hasText: number });
    await pending.scrollIntoViewIfNeeded();
    await both(bureau, 'certificate-pending');
    await pending.locator('[data-testid="certificate-approve"]').click();
    await expect.poll(() => pending.count()).toBe(0);
    const row = bureau.locator('[data-testid="certificate"]', { hasText: number });
    await expect.poll(() => row.getAttribute('data-state')).toBe('valid');
    const certificate = (await api(app).get(`/v1/mines/${MINE}/certificates`)).items.find(
      (c: any) => c.certificateNo === number,
    );
    expect(certificate).toMatchObject({ status: 'approved', state: 'valid', decidedBy: { sub: 'dev-inspector' } });
    await row.scrollIntoViewIfNeeded();
    await both(bureau, 'certificate-approved');
    expect(unexpected(app.errors(bureau))).toEqual([]);

    // The mine sees it on the file, valid with the days left.
    await page.reload();
    await waitReady(page, 'mine-work');
    const approved = page.locator('[data-testid="certificate-item"]', { hasText: number });
    await expect.poll(() => approved.getAttribute('data-state')).toBe('valid');
    expect(await approved.innerText()).toMatch(/剩 \d+ 天/);
  });

  it('a bureau user rejects a pending certificate with the reason, which the mine then reads', async () => {
    const app = browserApp();
    const number = `R${Date.now()}`;
    await api(app, 'mine_user').post(`/v1/mines/${MINE}/certificates`, {
      kind: 'safety_manager',
      holderName: '周一鸣',
      residentId: '110105198001010032',
      certificateNo: number,
      issuedOn: '2024-05-01',
      expiresOn: '2027-04-30',
    });
    const bureau = await app.openAs('bureau_admin', `/mines/${MINE}`);
    await waitReady(bureau, 'mine');
    const pending = bureau.locator('[data-testid="pending-certificate"]', { hasText: number });
    await pending.locator('[data-testid="certificate-reject"]').click();
    await pending.locator('[data-testid="certificate-reject-submit"]').click();
    await pending.locator('[data-testid$="-reason-error"]').waitFor();
    await pending.locator('textarea').fill('证书编号与发证机关记录不符');
    await pending.locator('[data-testid="certificate-reject-submit"]').click();
    const row = bureau.locator('[data-testid="certificate"]', { hasText: number });
    await expect.poll(() => row.getAttribute('data-state')).toBe('rejected');
    expect(unexpected(app.errors(bureau))).toEqual([]);

    const page = await app.openAs('mine_user', '/work?tab=certificates');
    await waitReady(page, 'mine-work');
    const item = page.locator('[data-testid="certificate-item"]', { hasText: number });
    await expect.poll(() => item.innerText()).toContain('驳回理由：证书编号与发证机关记录不符');
  });
});
