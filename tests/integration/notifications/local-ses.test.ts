import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '#lib/notifications/notification.ts';
import { LOCAL_FROM_ADDRESS, type LocalSes, startLocalSes } from '#local/local-ses.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { client, ok, startTestRuntime } from '../../support/local-runtime.ts';

/**
 * Email through the SES v2 client for real on one machine: the dispatcher's own `awsChannels()` sends to a local
 * SES v2 endpoint (aws-ses-v2-local), which keeps what it received. First the channel alone, then the local runtime
 * started with it (`LOCAL_EMAIL=ses npm start`), where a notification reaches both that endpoint and the outbox.
 */
interface StoredEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}
const received = async (url: string): Promise<StoredEmail[]> =>
  ((await (await fetch(`${url}/store`)).json()) as { emails: StoredEmail[] }).emails;

describe('the SES v2 channel against a local SES endpoint', () => {
  let ses: LocalSes;
  beforeAll(async () => {
    ses = await startLocalSes();
  });
  afterAll(async () => ses?.stop());

  it('delivers a Chinese email with its subject and text intact, from the configured sender', async () => {
    await ses.sendEmail({
      to: 'leader@example.cn',
      subject: '证照到期提醒：泰源煤矿安全生产许可证',
      text: '泰源煤矿安全生产许可证还有 30 天（2026-12-30）到期。',
    });
    const emails = (await received(ses.url)).filter((e) => e.destination.to.includes('leader@example.cn'));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      from: LOCAL_FROM_ADDRESS,
      destination: { to: ['leader@example.cn'] },
      subject: '证照到期提醒：泰源煤矿安全生产许可证',
      body: { text: '泰源煤矿安全生产许可证还有 30 天（2026-12-30）到期。' },
    });
  });
});

describe('the local runtime with email through SES', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ seed: false, emailThroughSes: true });
  });
  afterAll(async () => rt?.stop());

  it('sends a notification’s email through the SES endpoint and keeps it in the outbox too', async () => {
    expect(rt.sesUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const http = client(rt.url);
    const admin = rt.tokens.bureau_admin!;
    ok(
      await http('PUT', '/v1/me/contact', {
        token: admin,
        body: { version: 0, email: 'leader.ds@example.cn', channels: { email: true, sms: false } },
      }),
    );
    await notify(rt.db, {
      kind: 'reminder',
      eventKey: 'test:local-ses',
      jurisdiction: 'hlj/hegang/dongshan',
      severity: 'info',
      title: '工作日程：上报季度安全生产形势分析',
      body: '上报季度安全生产形势分析还有 7 天（2026-12-07）。',
      recipients: [{ type: 'user', userId: 'dev-bureau_admin', name: '东山区局长' }],
      ref: { entityType: 'calendar', entityId: 'cal-1' },
    });
    await rt.queue.drain();
    // The endpoint's store is one per process: this test's address picks its own out.
    const emails = (await received(rt.sesUrl!)).filter((e) => e.destination.to.includes('leader.ds@example.cn'));
    expect(emails.map((e) => e.subject)).toEqual(['工作日程：上报季度安全生产形势分析']);
    expect(emails[0]!.body.text).toContain('上报季度安全生产形势分析还有 7 天');
    const outbox = ok(await http('GET', '/local/outbox')).items;
    expect(outbox.filter((m: { channel: string }) => m.channel === 'email').map((m: { to: string }) => m.to)).toEqual([
      'leader.ds@example.cn',
    ]);
  });
});
