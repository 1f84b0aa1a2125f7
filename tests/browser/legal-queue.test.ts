import { describe, expect, it } from 'vitest';
import { type BrowserApp, clickNav, screenshot, useBrowserApp, VIEWPORT, waitReady } from '../support/browser.ts';
import { client, ok } from '../support/local-runtime.ts';

/**
 * 法制审核 as the legal reviewer of the demo district uses it, in Chromium against the local runtime: one queue of
 * what waits for the review, counted per kind; the demo's penalty under legal review opened to its file; a rejection
 * without a reason refused by the API with its message beside the field; the penalty approved, gone from the queue
 * and in force over the API. A bureau leader sees the same queue without the decisions. Desktop and phone (390 px)
 * screenshots under test-output/screenshots/.
 */
const browserApp = useBrowserApp();
const PHONE = { width: 390, height: 844 } as const;
const apiGet = async (app: BrowserApp, path: string, user: string): Promise<any> =>
  ok(await client(app.runtime.url)('GET', path, { token: app.runtime.tokens[user] }));
/** Chromium reports every 4xx answer on the console; the one the test provokes on purpose is not a fault. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 400/.test(e));

describe('the legal reviewer', () => {
  it('approves the penalty under legal review from the queue, after the API refused a rejection without a reason', async () => {
    const app = browserApp();
    const waiting = (await apiGet(app, '/v1/penalties?status=under_review', 'legal_reviewer')).items as {
      penaltyId: string;
      mineName: string;
    }[];
    expect(waiting.length).toBeGreaterThan(0);
    const { penaltyId, mineName } = waiting[0]!;

    const page = await app.openAs('legal_reviewer', '/');
    await waitReady(page, 'overview');
    // The queue is the legal reviewer's first item in the navigation; it loads in one read, not a request per mine.
    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/v1/')) asked.push(path);
    });
    await clickNav(page, 'legal');
    await waitReady(page, 'legal');
    expect(asked).toContain('/v1/legal-review/queue');
    expect(asked.filter((p) => /overrides|pending|\/v1\/(penalties|blacklist)$/.test(p))).toEqual([]);
    await expect(page.locator('[data-testid="legal-count-penalty"]').innerText()).resolves.toMatch(
      new RegExp(`^${waiting.length}\\s*重大行政处罚`),
    );
    // The demo's blacklist proposal waits for the review too.
    await expect(page.locator('[data-testid="legal-count-blacklist"]').innerText()).resolves.toMatch(/^[1-9]/);
    const row = page.locator(`[data-testid="legal-row-penalty:${penaltyId}"]`);
    await expect(row.innerText()).resolves.toContain(mineName);
    await expect(row.locator('[data-testid="legal-days"]').innerText()).resolves.toMatch(/^(今天|\d+ 天)$/);
    await screenshot(page, 'legal-queue');

    // The file: the facts, the basis, the amount.
    await row.locator('[data-testid="legal-open"]').click();
    const file = row.locator('[data-testid="legal-file"]');
    await expect(file.innerText()).resolves.toContain('法律依据');
    await expect(file.innerText()).resolves.toContain('80,000 元');

    // Rejected without a reason: the API's message beside the reason's field, marked invalid.
    await row.locator('[data-testid="legal-reject"]').click();
    const reason = row.locator('[data-testid$="-reject-note"]');
    const reasonError = row.locator('[data-testid$="-reject-note-error"]');
    await reasonError.waitFor({ state: 'visible' });
    await expect(reasonError.innerText()).resolves.toContain('须写明理由');
    await expect(row.locator('[data-testid="legal-reject-errors"]').innerText()).resolves.toContain(
      '请按标出的提示更正',
    );
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(reason.getAttribute('aria-describedby')).resolves.toContain(await reasonError.getAttribute('id'));
    await screenshot(page, 'legal-queue-reject-without-reason');
    await page.setViewportSize(PHONE);
    await reasonError.scrollIntoViewIfNeeded();
    await screenshot(page, 'legal-queue-reject-without-reason-phone');
    await page.setViewportSize(VIEWPORT);
    // Still waiting: nothing was decided.
    expect((await apiGet(app, `/v1/penalties/${penaltyId}`, 'legal_reviewer')).status).toBe('under_review');

    // Approved with the decision's number: the row leaves the queue, the penalty is in force.
    await row.locator('[data-testid$="-approve-decisionNo"]').fill('东煤监罚〔演示〕1号');
    await row.locator('[data-testid="legal-approve"]').click();
    await row.waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid="legal-notice"]').innerText()).resolves.toContain('已审核通过');
    await waitReady(page, 'legal');
    await expect(page.locator(`[data-testid="legal-row-penalty:${penaltyId}"]`).count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="legal-count-penalty"]').innerText()).resolves.toMatch(
      new RegExp(`^${waiting.length - 1}\\s`),
    );
    const approved = await apiGet(app, `/v1/penalties/${penaltyId}`, 'legal_reviewer');
    expect(approved).toMatchObject({ status: 'effective', decisionNo: '东煤监罚〔演示〕1号' });
    expect(approved.reviewedBy.role).toBe('legal_reviewer');
    await screenshot(page, 'legal-queue-approved');
    expect(unexpected(app.errors(page))).toEqual([]);
  });

  it('reads the queue on a phone as cards, a file opened with both decisions under it', async () => {
    const app = browserApp();
    const page = await app.openAs('legal_reviewer', '/legal');
    await page.setViewportSize(PHONE);
    await waitReady(page, 'legal');
    const rows = page.locator('[data-testid^="legal-row-"]');
    expect(await rows.count()).toBeGreaterThan(0);
    // No wide table: nothing runs off the right edge of the screen.
    const overflow = await page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return (root.scrollWidth - root.clientWidth) as number;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'legal-queue-phone');
    await rows.first().locator('[data-testid="legal-open"]').click();
    const approve = rows.first().locator('[data-testid="legal-approve"]');
    await approve.scrollIntoViewIfNeeded();
    const box = await approve.boundingBox();
    // The buttons take the width of the screen, the inputs 16 px text (no zoom on a phone).
    expect(box!.width).toBeGreaterThan(300);
    const fontSize = await rows
      .first()
      .locator('textarea')
      .first()
      .evaluate((el) => (globalThis as any).getComputedStyle(el).fontSize as string);
    expect(fontSize).toBe('16px');
    await screenshot(page, 'legal-queue-file-phone');
    expect(app.errors(page)).toEqual([]);
  });
});

describe('a bureau leader', () => {
  it('sees the same queue, with no decision offered', async () => {
    const app = browserApp();
    const page = await app.openAs('bureau_admin', '/legal');
    await waitReady(page, 'legal');
    const rows = page.locator('[data-testid^="legal-row-"]');
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.first().locator('[data-testid="legal-open"]').click();
    await rows.first().locator('[data-testid="legal-file"]').waitFor({ state: 'visible' });
    await expect(page.locator('[data-testid="legal-approve"]').count()).resolves.toBe(0);
    await screenshot(page, 'legal-queue-bureau-admin');
    expect(app.errors(page)).toEqual([]);
  });
});
