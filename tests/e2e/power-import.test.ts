import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installQueueSender } from '#lib/queue/sender.ts';
import { pk } from '#lib/store/keys.ts';
import { queryAll } from '#lib/store/query.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { DEMO_MINES, demoCreditCode, demoGridAccount } from '#local/seed/demo-district.ts';
import { client, startTestRuntime } from '../support/local-runtime.ts';

/**
 * Bulk imports over HTTP on the local runtime, with a queue that delivers every message twice (SQS delivers at
 * least once): every good row stored once, every bad row reported with its row and reason, counts not doubled.
 * (`npm run bench` runs the same with 100,000 rows.)
 */
let rt: LocalRuntime;
let http: ReturnType<typeof client>;
let inspector: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  http = client(rt.url);
  inspector = rt.tokens.inspector!;
  // Every message twice, under another id, as a redelivery would come.
  installQueueSender({
    send: (queue, messages) =>
      rt.queue.send(queue, [...messages, ...messages.map((m) => ({ ...m, id: `${m.id}-again` }))]),
  });
});
afterAll(async () => rt?.stop());

const oldDay = (n: number) => addDays(todayInShanghai(), -150 - n);

async function waitDone(importId: string) {
  await rt.queue.drain();
  const reply = await http('GET', `/v1/power-imports/${importId}?limit=200`, { token: inspector });
  expect(reply.status).toBe(200);
  return reply.body;
}

describe('a bulk CSV file with bad rows, every message delivered twice', () => {
  const ROWS = 2_000;
  const badRows = new Map<number, string>(); // CSV line → field

  it('stores every good row once and reports every bad row', async () => {
    const lines = ['creditCode,meterId,date,kwh'];
    for (let i = 0; i < ROWS; i++) {
      const line = i + 2;
      const mine = i % DEMO_MINES.length;
      const day = oldDay(Math.floor(i / DEMO_MINES.length));
      let row = `${demoCreditCode(mine)},main,${day},${(1000 + i).toFixed(1)}`;
      if (i % 100 === 7) {
        const kind = ((i / 100) % 5) | 0;
        const bad: [string, string][] = [
          [`${demoCreditCode(mine)},main,${day},-5`, 'kwh'],
          [`${demoCreditCode(mine)},main,2025-02-30,10`, 'date'],
          [`91230407ZZZZZZZZZZ,main,${day},10`, 'creditCode'],
          [`${demoCreditCode(mine)},main,${addDays(todayInShanghai(), 2)},10`, 'date'],
          [`${demoCreditCode(mine)},no-meter,${day},10`, 'meterId'],
        ];
        [row] = bad[kind]!;
        badRows.set(line, bad[kind]![1]);
      }
      lines.push(row);
    }
    const reply = await http('POST', '/v1/power-imports', {
      token: inspector,
      body: lines.join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(202);
    const result = await waitDone(reply.body.importId);
    expect(result).toMatchObject({
      status: 'done',
      totalRows: ROWS,
      accepted: ROWS - badRows.size,
      rejected: badRows.size,
    });
    expect(new Map(result.rejectedRows.map((r: any) => [r.row, r.field]))).toEqual(badRows);

    // Stored once: one reading item per good row, none revised by the second deliveries.
    let stored = 0;
    for (const m of DEMO_MINES) {
      const items = await queryAll<{ SK: string; revision: number }>(rt.db, {
        partition: pk.mine(m.id),
        between: [`POWER#${oldDay(200)}`, `POWER#${oldDay(0)}#~`],
      });
      stored += items.length;
      expect(items.every((r) => r.revision === 1)).toBe(true);
    }
    expect(stored).toBe(ROWS - badRows.size);
    expect(rt.queue.deadLetters('power-import')).toEqual([]);
  });
});

describe('JSON rows, grid account numbers, scope', () => {
  it('finds a mine by its meter’s grid account number, and keeps to the importer’s jurisdiction', async () => {
    const reply = await http('POST', '/v1/power-imports', {
      token: inspector,
      body: {
        rows: [
          { meterId: '2304060001', date: oldDay(300), kwh: 1234.5 },
          { meterId: '9999999999', date: oldDay(300), kwh: 1 },
          { creditCode: demoCreditCode(1), date: oldDay(300), kwh: 'x' },
        ],
      },
    });
    expect(reply.status).toBe(202);
    const result = await waitDone(reply.body.importId);
    expect(result).toMatchObject({ accepted: 1, rejected: 2 });
    expect(result.rejectedRows.map((r: any) => [r.row, r.field])).toEqual([
      [2, 'meterId'],
      [3, 'kwh'],
    ]);
    const series = await http('GET', `/v1/mines/m-taiyuan/power-readings?from=${oldDay(300)}&to=${oldDay(300)}`, {
      token: inspector,
    });
    expect(series.body.days[0].kwh).toBe(1234.5);

    // Another district's inspector imports the same file: the mine is not in its jurisdiction.
    const other = await http('POST', '/v1/power-imports', {
      token: rt.tokens.inspector_other_district,
      body: { rows: [{ meterId: '2304060001', date: oldDay(301), kwh: 1 }] },
    });
    await rt.queue.drain();
    const theirs = await http('GET', `/v1/power-imports/${other.body.importId}`, {
      token: rt.tokens.inspector_other_district,
    });
    expect(theirs.body).toMatchObject({ accepted: 0, rejected: 1 });
    expect((await http('GET', `/v1/power-imports/${other.body.importId}`, { token: inspector })).status).toBe(404);
    expect((await http('GET', `/v1/power-imports/${reply.body.importId}`, { token: rt.tokens.mine_user })).status).toBe(
      403,
    );
  });

  it('an account moved to another meter from a day on keeps every earlier row with the meter it had', async () => {
    const admin = rt.tokens.bureau_admin!;
    const [from, to] = [DEMO_MINES[5]!.id, DEMO_MINES[6]!.id];
    const account = demoGridAccount(5);
    const moveOn = oldDay(450);
    const meterOf = async (mineId: string, token = admin) =>
      (await http('GET', `/v1/mines/${mineId}/meters/main`, { token })).body;
    expect((await meterOf(from)).gridAccountNo).toBe(account);

    // The other mine may not take the account onto its own meter.
    const theirs = await rt.token({ role: 'mine_user', mineId: to });
    const own = await meterOf(to, theirs);
    const claim = await http('PUT', `/v1/mines/${to}/meters/main`, {
      token: theirs,
      body: { version: own.version, name: own.name, gridAccountNo: account },
    });
    expect(claim.status).toBe(403);

    // The bureau moves it: released by the old meter from that day, bound to the new one from the same day.
    const old = await meterOf(from);
    const released = await http('PUT', `/v1/mines/${from}/meters/main`, {
      token: admin,
      body: { version: old.version, name: old.name, multiplier: 1, effectiveFrom: moveOn, reason: '户号过户' },
    });
    expect(released.status).toBe(200);
    const bound = await http('PUT', `/v1/mines/${to}/meters/grid-2`, {
      token: admin,
      body: { name: '过户后总表', gridAccountNo: account, effectiveFrom: moveOn, reason: '户号过户' },
    });
    expect(bound.status).toBe(201);

    const reply = await http('POST', '/v1/power-imports', {
      token: inspector,
      body: {
        rows: [
          { meterId: account, date: addDays(moveOn, -1), kwh: 111 },
          { meterId: account, date: moveOn, kwh: 222 },
        ],
      },
    });
    expect(await waitDone(reply.body.importId)).toMatchObject({ accepted: 2, rejected: 0 });
    const day = async (mineId: string, date: string) =>
      (await http('GET', `/v1/mines/${mineId}/power-readings?from=${date}&to=${date}`, { token: inspector })).body
        .days[0];
    expect(await day(from, addDays(moveOn, -1))).toMatchObject({ kwh: 111 });
    expect(await day(to, moveOn)).toMatchObject({ kwh: 222, meters: [expect.objectContaining({ meterId: 'grid-2' })] });
    expect((await day(from, moveOn))?.kwh ?? null).toBeNull();
    expect((await day(to, addDays(moveOn, -1)))?.kwh ?? null).toBeNull();
  });

  it('refuses a file it cannot read with a 400', async () => {
    expect(
      (
        await http('POST', '/v1/power-imports', {
          token: inspector,
          body: 'a,b\n1,2',
          headers: { 'content-type': 'text/csv' },
        })
      ).status,
    ).toBe(400);
    expect((await http('POST', '/v1/power-imports', { token: inspector, body: { rows: [] } })).status).toBe(400);
    expect(
      (
        await http('POST', '/v1/power-imports', {
          token: inspector,
          body: 'x',
          headers: { 'content-type': 'application/xml' },
        })
      ).status,
    ).toBe(400);
  });
});
