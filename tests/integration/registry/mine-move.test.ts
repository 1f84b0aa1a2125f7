// A mine that moves takes its records with it: m-demo11 of the demo (cases, violations, penalties, credit, reviews,
// notifications, its enterprise and two persons on the blacklist) moved by the city's admin to the district next
// door. Every record and pointer follows it, the move job is idempotent, and a job cut short (or overtaken by a
// second move) still ends with everything under the mine's jurisdiction of the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEntry } from '#lib/blacklist/blacklist-service.ts';
import { listEntries } from '#lib/blacklist/entry-queries.ts';
import { loadCase } from '#lib/cases/case-actions.ts';
import { listCases } from '#lib/cases/case-queries.ts';
import { NotFoundError } from '#lib/errors.ts';
import { hazardsDueOn, recordHazard } from '#lib/hazards/hazards.ts';
import type { OutgoingMessage } from '#lib/queue/queue-spec.ts';
import type { MineMoveMessage } from '#lib/queue/queues.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import {
  handleMineMove,
  PENDING_MOVE_GRACE_MS,
  rekeyMine,
  rekeyMineStep,
  resendPendingMoves,
} from '#lib/registry/mine-move.ts';
import { getMine, patchMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { queryDue } from '#lib/store/due-index.ts';
import { putItem } from '#lib/store/item.ts';
import { getItem } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { seedWholeDemo } from '../../support/demo-seed.ts';
import { admin, auditEvents, bureau, scanAll } from '../../support/registry-fixtures.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'mine-move-test-key';

const MINE = 'm-demo11';
const DONGSHAN = 'hlj/hegang/dongshan';
const XINGSHAN = 'hlj/hegang/xingshan';
const NANSHAN = 'hlj/hegang/nanshan';
const city = () => new TenantStore(db, admin('hlj/hegang', 'city-admin'));
const district = (path: string) => new TenantStore(db, admin(path, `admin@${path}`));

let db: Db;
const sent: { queue: string; message: OutgoingMessage }[] = [];

/** Where the records of the mine a jurisdiction lists still say: every item (not its audit, not its profile). */
async function filedUnder(path: string): Promise<Record<string, unknown>[]> {
  return (await scanAll(db)).filter((item) => {
    const pkValue = String(item.PK);
    const ofMine = pkValue === `MINE#${MINE}` || item.mineId === MINE;
    if (!ofMine || item.SK === 'PROFILE' || String(item.SK).startsWith('AUDIT#')) return false;
    // Deliveries into a person's inbox and the importer's records are not the mine's to move.
    if (/^(INBOX#|IMPORT#|BLACKLISTCHECK#|JUR#)/.test(pkValue)) return false;
    return item.jurisdiction === path || String(item.GSI1SK ?? '').startsWith(`${path}/#`);
  });
}

async function moveTo(path: string): Promise<string> {
  const before = await getMine(city(), MINE);
  await patchMine(city(), MINE, { version: before.version, jurisdiction: path });
  return before.jurisdiction;
}

beforeAll(async () => {
  db = await testDb();
  await seedWholeDemo(db);
  installQueueSender({
    send: async (queue, messages) => {
      for (const message of messages) sent.push({ queue, message });
    },
  });
}, 240_000);

afterAll(() => installQueueSender(undefined));

describe('a move re-keys every record of the mine', () => {
  it('moves each kind from the old district to the new, pointers and blacklist entries included', async () => {
    const before = await filedUnder(DONGSHAN);
    const kinds = new Set(before.map((i) => String(i.entity)));
    for (const kind of [
      'case',
      'violation',
      'penalty',
      'blacklistEntry',
      'notification',
      'creditSnapshot',
      'review',
      'casePointer',
      'penaltyPointer',
    ])
      expect([...kinds], kind).toContain(kind);
    // Pointers by id and the entries under their subject, not only the mine's partition.
    expect(before.some((i) => String(i.PK).startsWith('SUBJECT#'))).toBe(true);
    expect(before.some((i) => String(i.PK).startsWith('CASEID#') || String(i.PK).startsWith('VIOLATIONID#'))).toBe(
      true,
    );

    const from = await moveTo(XINGSHAN);
    expect(sent.at(-1)).toMatchObject({ queue: 'mine-move' });
    expect(JSON.parse(sent.at(-1)!.message.body)).toEqual({ mineId: MINE, from: DONGSHAN });
    // Before the job runs, the old district still lists the records, but every action goes by the mine's profile.
    expect((await filedUnder(DONGSHAN)).length).toBe(before.length);
    const entryId = String(before.find((i) => i.entity === 'blacklistEntry')!.entryId);
    const caseId = String(before.find((i) => i.entity === 'case')!.caseId);
    await expect(getEntry(district(DONGSHAN), entryId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadCase(district(DONGSHAN), caseId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getEntry(district(XINGSHAN), entryId)).toMatchObject({ entryId, jurisdiction: XINGSHAN });
    expect((await loadCase(district(XINGSHAN), caseId)).c).toMatchObject({ caseId, jurisdiction: XINGSHAN });
    const rewritten = await rekeyMine(db, MINE, from);
    expect(rewritten).toBeGreaterThanOrEqual(before.length);
    expect(await filedUnder(DONGSHAN)).toEqual([]);
    const after = await filedUnder(XINGSHAN);
    expect(new Set(after.map((i) => `${String(i.PK)}|${String(i.SK)}`))).toEqual(
      new Set(before.map((i) => `${String(i.PK)}|${String(i.SK)}`)),
    );
    for (const item of after) {
      if (item.GSI1SK !== undefined && String(item.GSI1SK).includes('/#'))
        expect(String(item.GSI1SK).startsWith(`${XINGSHAN}/#`), String(item.SK)).toBe(true);
    }
  });

  it('lists them under the new district only, and keeps the move in the audit', async () => {
    // The old district may not even name the mine in a filter: 404, as for any mine it cannot see.
    await expect(listCases(district(DONGSHAN), { mineId: MINE, limit: 200 })).rejects.toThrow(/not found/);
    const ofMine = (items: readonly { mineId: string }[]) => items.filter((i) => i.mineId === MINE);
    expect(ofMine((await listCases(district(DONGSHAN), { limit: 200 })).items)).toEqual([]);
    expect(ofMine((await listCases(district(XINGSHAN), { limit: 200 })).items).length).toBeGreaterThan(0);
    expect(ofMine((await listEntries(district(DONGSHAN), { limit: 200 })).items)).toEqual([]);
    expect(ofMine((await listEntries(district(XINGSHAN), { limit: 200 })).items).length).toBeGreaterThan(0);
    const moves = (await auditEvents(db, MINE)).filter(
      (e) => e.action === 'mine.updated' && JSON.stringify(e).includes(XINGSHAN),
    );
    expect(moves).toHaveLength(1);
    expect(JSON.stringify(moves[0])).toContain(DONGSHAN);
  });

  it('is idempotent: a second run rewrites nothing and changes nothing', async () => {
    const snapshot = await scanAll(db);
    expect(await rekeyMine(db, MINE, DONGSHAN)).toBe(0);
    expect(await scanAll(db)).toEqual(snapshot);
  });

  it('finishes after a crash, and a second move during the first ends under the latest jurisdiction', async () => {
    const total = (await filedUnder(XINGSHAN)).length;
    const first = await moveTo(DONGSHAN);
    // One small step, then the job dies: some records moved, the rest not.
    const step = await rekeyMineStep(db, { mineId: MINE, from: first }, { pages: 1, pageSize: 5 });
    expect(step.cursor).not.toBeNull();
    const left = (await filedUnder(XINGSHAN)).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(total);
    // Moved again before the first job finished.
    const second = await moveTo(NANSHAN);
    expect(second).toBe(DONGSHAN);
    // The second move's job runs, then the first is delivered again from its start (SQS after the crash).
    await rekeyMine(db, MINE, second);
    await rekeyMine(db, MINE, first);
    expect(await filedUnder(XINGSHAN)).toEqual([]);
    expect(await filedUnder(DONGSHAN)).toEqual([]);
    expect((await filedUnder(NANSHAN)).length).toBe(total);
  });

  it('a continuation message picks up where its step stopped', async () => {
    const from = await moveTo(XINGSHAN);
    // The consumer's work: each message handles a step and sends the rest on to the same queue.
    sent.length = 0;
    let message: MineMoveMessage = { mineId: MINE, from };
    let steps = 0;
    for (;;) {
      await handleMineMove(db, message, { pages: 1, pageSize: 25 });
      steps++;
      const next = sent.shift();
      if (!next) break;
      expect(next.queue).toBe('mine-move');
      message = JSON.parse(next.message.body);
      expect(message).toMatchObject({ mineId: MINE, from, cursor: expect.any(String) });
    }
    expect(steps).toBeGreaterThan(1);
    expect(await filedUnder(NANSHAN)).toEqual([]);
    expect((await filedUnder(XINGSHAN)).length).toBeGreaterThan(0);
  });
});

describe('a move whose message is lost', () => {
  const pending = () => getItem<{ from: string; to: string; at: string }>(db, { PK: 'MINEMOVES', SK: MINE });
  const later = (ms: number) => new Date(db.now().getTime() + ms);

  it('is sent again by the night’s job once past its grace, and its last step clears it', async () => {
    const leftBehind = await filedUnder(XINGSHAN);
    // The queue refuses the move's message after the profile changed: the records stay behind.
    installQueueSender({
      send: async () => {
        throw new Error('queue unavailable');
      },
    });
    const from = await moveTo(DONGSHAN);
    installQueueSender({
      send: async (queue, messages) => {
        for (const message of messages) sent.push({ queue, message });
      },
    });
    expect(from).toBe(XINGSHAN);
    expect((await filedUnder(XINGSHAN)).length).toBe(leftBehind.length);
    expect(await pending()).toMatchObject({ from: XINGSHAN, to: DONGSHAN });
    // Within the grace a move may still be under way: nothing is sent.
    sent.length = 0;
    expect(await resendPendingMoves(db, later(PENDING_MOVE_GRACE_MS - 60_000))).toEqual([]);
    expect(sent).toEqual([]);
    // The night's job: sent again, and the consumer's steps finish it.
    expect(await resendPendingMoves(db, later(PENDING_MOVE_GRACE_MS + 60_000))).toEqual([MINE]);
    expect(sent).toHaveLength(1);
    let next = sent.shift();
    while (next) {
      expect(next.queue).toBe('mine-move');
      await handleMineMove(db, JSON.parse(next.message.body), { pages: 2, pageSize: 50 });
      next = sent.shift();
    }
    expect(await filedUnder(XINGSHAN)).toEqual([]);
    expect((await filedUnder(DONGSHAN)).length).toBe(leftBehind.length);
    expect(await pending()).toBeUndefined();
    // Nothing left to send the next night.
    expect(await resendPendingMoves(db, later(PENDING_MOVE_GRACE_MS * 10))).toEqual([]);
  });

  it('the end of an earlier move leaves a later move’s pending item alone', async () => {
    const runToEnd = async (message: MineMoveMessage) => {
      sent.length = 0;
      let next: MineMoveMessage | undefined = message;
      while (next) {
        await handleMineMove(db, next, { pages: 2, pageSize: 50 });
        const queued = sent.shift();
        next = queued ? JSON.parse(queued.message.body) : undefined;
      }
    };
    const from = await moveTo(NANSHAN);
    expect(await pending()).toMatchObject({ from, to: NANSHAN });
    await runToEnd({ mineId: MINE, from });
    expect(await pending()).toBeUndefined();
    // The mine moves on while a step of its earlier move runs: that step ends under the jurisdiction it read, and
    // the later move's item (to 兴山, written by the profile's change) stays for the later move's own end.
    await putItem(db, {
      PK: 'MINEMOVES',
      SK: MINE,
      entity: 'pendingMove',
      mineId: MINE,
      from: NANSHAN,
      to: XINGSHAN,
      at: db.now().toISOString(),
    });
    await runToEnd({ mineId: MINE, from: DONGSHAN });
    expect(await pending()).toMatchObject({ from: NANSHAN, to: XINGSHAN });
  });
});

describe('the due-date index follows the mine', () => {
  it("a hazard's deadline is found under the new district and not the old after the move", async () => {
    const from = (await getMine(city(), MINE)).jurisdiction;
    const to = from === DONGSHAN ? XINGSHAN : DONGSHAN;
    const today = todayInShanghai(db.now());
    const deadline = addDays(today, 20);
    const inspector = new TenantStore(db, bureau('inspector', from, `insp@${from}`));
    const { hazardId } = await recordHazard(inspector, MINE, {
      level: 'general',
      description: '皮带机护栏缺失',
      location: '主斜井',
      foundOn: today,
      deadline,
    });
    const dueUnder = async (path: string) => (await hazardsDueOn(db, path, deadline)).map((h) => h.hazardId);
    expect(await dueUnder(from)).toContain(hazardId);

    const moved = await moveTo(to);
    expect(moved).toBe(from);
    await rekeyMine(db, MINE, from);
    expect(await dueUnder(to)).toContain(hazardId);
    expect(await dueUnder(from)).not.toContain(hazardId);
    // Every open dated item of the mine left the old district's partition of the index.
    const stillOld = await queryDue(db, { jurisdiction: from, from: '2000-01-01', to: '2100-12-31' });
    expect(stillOld.filter((e) => e.mineId === MINE)).toEqual([]);
    // A second run converges: nothing more to rewrite.
    expect(await rekeyMine(db, MINE, from)).toBe(0);
  });
});
