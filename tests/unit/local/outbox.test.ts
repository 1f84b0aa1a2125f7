// The outbox is where a developer reads the email and SMS the system would have sent; this pins what they see.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutbox, maskRecipient } from '#local/outbox.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function outboxIn(): Promise<{ file: string; lines: string[]; outbox: ReturnType<typeof createOutbox> }> {
  const dir = await mkdtemp(join(tmpdir(), 'coalsafe-outbox-'));
  dirs.push(dir);
  const file = join(dir, 'nested', 'outbox.jsonl');
  const lines: string[] = [];
  let tick = Date.parse('2024-03-10T08:00:00+08:00');
  const outbox = createOutbox(file, {
    log: (line) => lines.push(line),
    now: () => {
      tick += 1000;
      return new Date(tick);
    },
  });
  return { file, lines, outbox };
}

describe('local outbox', () => {
  it('appends one JSON line per message and lists newest first', async () => {
    const { file, outbox } = await outboxIn();
    await outbox.send({ channel: 'sms', to: '13800000000', body: '您的矿井今日用电异常，请登录系统说明。' });
    await outbox.send({
      channel: 'email',
      to: 'inspector@bureau.example.cn',
      subject: '整改期限提醒',
      body: '隐患 H-12 明日到期',
    });
    await outbox.send({ channel: 'sms', to: '+8613912345678', body: '第二条短信' });

    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1]!)).toMatchObject({
      channel: 'email',
      to: 'inspector@bureau.example.cn',
      subject: '整改期限提醒',
      body: '隐患 H-12 明日到期',
      sentAt: '2024-03-10T00:00:02.000Z',
    });
    expect(JSON.parse(lines[1]!).id).toMatch(/^[0-9a-f-]{36}$/);

    expect((await outbox.list()).map((m) => m.body)).toEqual([
      '第二条短信',
      '隐患 H-12 明日到期',
      '您的矿井今日用电异常，请登录系统说明。',
    ]);
    expect((await outbox.list({ channel: 'sms', limit: 1 })).map((m) => m.to)).toEqual(['+8613912345678']);
  });

  it('prints one console line per message with the recipient masked', async () => {
    const { lines, outbox } = await outboxIn();
    await outbox.send({ channel: 'sms', to: '13800000000', body: '请于  今日\n提交说明' });
    await outbox.send({ channel: 'email', to: 'zhang.san@example.cn', subject: '整改期限提醒', body: 'long body' });
    await outbox.send({ channel: 'sms', to: '13800000000', body: '长'.repeat(200) });
    expect(lines[0]).toBe('[outbox] sms → 138****0000: 请于 今日 提交说明');
    expect(lines[1]).toBe('[outbox] email → z***@example.cn: 整改期限提醒');
    expect(lines[2]).toHaveLength('[outbox] sms → 138****0000: '.length + 80);
  });

  it('lists nothing before the first message and skips a line cut short by a crash', async () => {
    const { file, outbox } = await outboxIn();
    expect(await outbox.list()).toEqual([]);
    await outbox.send({ channel: 'sms', to: '13800000000', body: 'first' });
    await appendFile(file, '{"id":"x","chan');
    expect((await outbox.list()).map((m) => m.body)).toEqual(['first']);
  });

  it.each([
    ['13800000000', '138****0000'],
    ['+86 138-0000-1234', '+86 138****1234'],
    ['+442071234567', '+44******4567'],
    ['a@b.cn', 'a***@b.cn'],
  ])('masks %s as %s', (to, masked) => {
    expect(maskRecipient(to)).toBe(masked);
  });
});
