import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { type BrowserApp, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client } from '../support/local-runtime.ts';

/**
 * A major hazard's whole chain with its photos, as the issue tells it: the demo inspector records it on 泰源煤矿
 * with a photo of what he found; the mine's safety manager, on a phone, opens 隐患详情, starts the rectification,
 * adds the after photo and submits it with a note; a second inspector of the district verifies it (销号) and
 * downloads the after photo, whose bytes have the SHA-256 of what the phone sent. Each step at 390 px and at
 * desktop size under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const MINE = 'm-taiyuan';
const today = todayInShanghai();
type Page = Awaited<ReturnType<BrowserApp['openAs']>>;

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Bytes that look like a JPEG to anyone who checks the first ones; different per label. */
const jpeg = (label: string, size = 6144) => {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.write(label, 8);
  return bytes;
};

/** The phone first (the mine's manager at the working face), then the office's screen; the phone size kept. */
async function both(page: Page, name: string) {
  await page.setViewportSize(VIEWPORT);
  await screenshot(page, `hazard-chain-${name}`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `hazard-chain-${name}-phone`);
}

/** As the dashboard does it: ask the API for a form, post the file to the bucket, complete the upload. */
async function attach(app: BrowserApp, token: string, hazardId: string, step: string, bytes: Buffer) {
  const http = client(app.runtime.url);
  const path = `/v1/mines/${MINE}/evidence/hazard/${hazardId}`;
  const ticket = await http('POST', `${path}/uploads`, {
    token,
    body: { step, fileName: `${step}.jpg`, contentType: 'image/jpeg', size: bytes.length, sha256: sha(bytes) },
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'upload');
  const posted = await fetch(ticket.body.url, { method: 'POST', body: form });
  expect(posted.status, await posted.text()).toBeLessThan(300);
  const done = await http('POST', `${path}/uploads/${ticket.body.uploadId}/complete`, { token });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
}

const status = (page: Page, text: string) => page.locator('[data-testid="hazard-status"]', { hasText: text }).waitFor();

describe('a major hazard from the inspector’s photo to its verification', () => {
  it('the mine rectifies it with an after photo, another inspector verifies it, the photo downloads with the same SHA-256', async () => {
    const app = browserApp();
    const http = client(app.runtime.url);
    const inspector = app.runtime.tokens.inspector!;
    const recorded = await http('POST', `/v1/mines/${MINE}/hazards`, {
      token: inspector,
      body: {
        level: 'major',
        description: '3105 回风巷瓦斯浓度 1.2%，未停止作业',
        location: '3105 回风巷',
        foundOn: addDays(today, -1),
        deadline: addDays(today, 10),
        category: 'GAS_OVERLIMIT',
        measures: '停止作业、撤出人员，调整通风系统后复测',
        supervision: {
          responsiblePerson: { name: '矿长（演示）', position: '矿长' },
          funds: { amount: 200000, source: '企业安全费用' },
          contingencyPlan: '《瓦斯超限事故应急预案》',
          official: { userId: 'dev-inspector', name: '监管中队（演示）' },
        },
      },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const hazardId = recorded.body.hazardId as string;
    await attach(app, inspector, hazardId, 'found', jpeg('found by the inspector'));

    // The mine's safety manager, on a phone.
    const mine = await app.openAs('mine_user', `/hazards/${hazardId}`);
    await mine.setViewportSize(PHONE);
    await waitReady(mine, 'hazard');
    await mine.locator('[data-testid="evidence-step-found"] [data-testid="evidence-file"]').waitFor();
    // The inspector's photo is his: the mine adds nothing to 发现.
    await expect(mine.locator('[data-testid="evidence-input-found"]').count()).resolves.toBe(0);
    await both(mine, '1-opened');
    await mine.locator('[data-testid="hazard-action-start"]').click();
    await status(mine, '整改中');
    await both(mine, '2-started');

    const after = jpeg('after the rectification');
    await mine
      .locator('[data-testid="evidence-input-rectified"]')
      .setInputFiles({ name: '整改后.jpg', mimeType: 'image/jpeg', buffer: after });
    await mine.locator('[data-testid="evidence-step-rectified"] [data-testid="evidence-file"]').waitFor();
    await mine
      .locator('[data-testid="hazard-note"]')
      .fill('已调整通风系统，复测瓦斯浓度 0.4%，恢复作业前经安全矿长确认。');
    await mine.locator('[data-testid="hazard-action-submit"]').click();
    await status(mine, '待验收');
    await both(mine, '3-submitted');
    expect(app.errors(mine)).toEqual([]);

    // A second inspector of the district, signed in with his own token.
    const other = await app.runtime.token({
      role: 'inspector',
      jurisdiction: 'hlj/hegang/dongshan',
      sub: 'inspector-b',
    });
    const page = await app.open('/sign-in');
    // Stored where the sign-in page keeps a token (web/src/session.ts), then the app loaded again.
    await page.evaluate((token) => {
      const g = globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } };
      g.sessionStorage.setItem('coalsafe.token', token);
    }, other);
    await page.goto(`${app.url}#/hazards/${hazardId}`);
    await page.setViewportSize(PHONE);
    await waitReady(page, 'hazard');
    await both(page, '4-to-verify');
    await page.locator('[data-testid="hazard-note"]').fill('现场复查，瓦斯浓度正常，同意销号。');
    await page.locator('[data-testid="hazard-action-verify"]').click();
    await status(page, '已销号');
    const verified = await http('GET', `/v1/hazards/${hazardId}`, { token: inspector });
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: { sub: 'inspector-b' } });
    await both(page, '5-verified');

    // The after photo, downloaded: the same bytes the phone sent.
    const file = page.locator('[data-testid="evidence-step-rectified"] [data-testid="evidence-download"]');
    await expect(file.innerText()).resolves.toBe('整改后.jpg');
    const [saved] = await Promise.all([page.waitForEvent('download'), file.click()]);
    const bytes = await readFile((await saved.path())!);
    expect(sha(bytes)).toBe(sha(after));
    // A navigation that turns into a download is reported by Chromium as aborted: that is the download itself.
    const download =
      /^request failed: GET \S+\/mines\/m-taiyuan\/evidence\/\S+response-content-disposition=attachment\S* \(net::ERR_ABORTED\)$/;
    expect(app.errors(page).filter((e) => !download.test(e))).toEqual([]);
  });
});
