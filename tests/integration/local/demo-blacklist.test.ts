// The demo district's blacklist, as `npm start` seeds it after the credit: m-demo11's enterprise (the credit
// classification's proposal) and two of its key persons listed through the whole procedure, m-demo06's proposal
// waiting for the legal review; the public list shows the three listed in their published form only.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { checkRestriction } from '#lib/blacklist/check.ts';
import { listEntries } from '#lib/blacklist/entry-queries.ts';
import { CREDIT_D_GROUND } from '#lib/blacklist/proposals.ts';
import { getPublicEntry, listPublicEntries, type PublicEntry } from '#lib/blacklist/public-list.ts';
import { currentCredit } from '#lib/credit/credit-service.ts';
import { listNotifications } from '#lib/notifications/notification-queries.ts';
import { listPersons } from '#lib/registry/persons.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, addMonths, todayInShanghai } from '#lib/validators/business-date.ts';
import { type DemoBlacklistSummary, describeDemoBlacklist } from '#local/seed/demo-blacklist.ts';
import { DEMO_JURISDICTION, DEMO_MINES, demoResidentId } from '#local/seed/demo-district.ts';
import { seedWholeDemo } from '../../support/demo-seed.ts';
import { testDb } from '../../support/test-db.ts';

process.env.PII_HASH_KEY ??= 'demo-blacklist-test-key';

let db: Db;
let store: TenantStore;
let summary: DemoBlacklistSummary;
let today: string;
let year: string;
type Entry = Awaited<ReturnType<typeof listEntries>>['items'][number];
let entries: Entry[];
let publicList: PublicEntry[];

const DEMO11_INDEX = DEMO_MINES.findIndex((m) => m.id === 'm-demo11');
/** The fictional IDs the district seed registers for m-demo11's mine manager (j = 1) and actual controller (j = 0). */
const MANAGER_ID = demoResidentId(DEMO11_INDEX, 1);
const CONTROLLER_ID = demoResidentId(DEMO11_INDEX, 0);

beforeAll(async () => {
  db = await testDb();
  summary = (await seedWholeDemo(db)).blacklist;
  today = todayInShanghai(db.now());
  year = today.slice(0, 4);
  const inspector: Principal = {
    kind: 'bureau',
    sub: 'test-inspector',
    role: 'inspector',
    jurisdiction: DEMO_JURISDICTION,
  };
  store = new TenantStore(db, inspector);
  entries = (await listEntries(store, { limit: 100 })).items;
  publicList = (await listPublicEntries(db, { limit: 100 })).items;
});

describe('the demo district’s blacklist', () => {
  it('reports what it seeded in the line npm start logs', () => {
    expect(summary).toEqual({
      published: { enterprises: 1, persons: 2 },
      underReview: 1,
      decisionNos: [1, 2, 3].map((n) => `东煤管黑〔${year}〕${n}号`),
    });
    expect(`[seed] blacklist: ${describeDemoBlacklist(summary)}`).toBe(
      '[seed] blacklist: 1 enterprise and 2 persons published, 1 proposal under legal review',
    );
  });

  it('has four entries: three listed at m-demo11, one under legal review at m-demo06, none left proposed', () => {
    expect(entries.map((e) => [e.mineId, e.subjectType, e.status]).sort()).toEqual([
      ['m-demo06', 'enterprise', 'under_review'],
      ['m-demo11', 'enterprise', 'published'],
      ['m-demo11', 'person', 'published'],
      ['m-demo11', 'person', 'published'],
    ]);
  });

  it('lists m-demo11’s enterprise on the credit proposal, after the notice, an answered objection and a second signature', () => {
    const e = entries.find((x) => x.mineId === 'm-demo11' && x.subjectType === 'enterprise')!;
    const listedOn = addDays(today, -4);
    expect(e).toMatchObject({
      status: 'published',
      source: { kind: 'credit', tier: 'D' },
      // Its forced D's ground (明停暗开, the local plan's) first, the credit tier after it.
      grounds: [
        expect.objectContaining({ code: 'STOPPED_MINE_PRODUCING' }),
        expect.objectContaining({ code: CREDIT_D_GROUND }),
      ],
      notice: {
        servedOn: addDays(today, -20),
        noticeNo: `东煤管告〔${year}〕1号`,
        objectionDeadline: addDays(today, -13),
      },
      decisionNo: `东煤管黑〔${year}〕1号`,
      listedOn,
      endsOn: addMonths(listedOn, 36),
    });
    expect(e.objections).toHaveLength(1);
    expect(e.objections[0]).toMatchObject({ receivedOn: addDays(today, -16), answer: { upheld: false } });
    expect(e.steps.map((s) => s.action)).toEqual([
      'propose',
      'serve_notice',
      'record_objection',
      'answer_objection',
      'submit_review',
      'approve',
    ]);
    // Proposed by the system, the procedure by the inspector, the approval by a different person: the legal reviewer.
    expect(e.proposedBy).toMatchObject({ role: 'system' });
    const approve = e.steps.at(-1)!;
    expect(approve.by).toMatchObject({ role: 'legal_reviewer', name: expect.stringContaining('（演示）') });
    for (const s of e.steps.slice(1, -1))
      expect(s.by, s.action).toMatchObject({ role: 'inspector', name: expect.stringContaining('（演示）') });
    expect(approve.by.sub).not.toBe(e.steps[1]!.by.sub);
  });

  it('lists m-demo11’s mine manager and actual controller, registered key persons, for 明停暗开', async () => {
    const registered = await listPersons(store, 'm-demo11');
    const persons = entries.filter((x) => x.subjectType === 'person');
    expect(persons.map((p) => p.person!.role).sort()).toEqual(['actual_controller', 'mine_manager']);
    for (const p of persons) {
      const person = registered.find((r) => r.personId === p.person!.personId);
      expect(person, p.person!.role).toBeDefined();
      expect(p).toMatchObject({
        subjectName: person!.name,
        mineId: 'm-demo11',
        grounds: [expect.objectContaining({ code: 'STOPPED_MINE_PRODUCING' })],
        source: { kind: 'manual' },
        notice: { servedOn: addDays(today, -20) },
        objections: [],
        listedOn: addDays(today, -4),
        decisionNo: expect.stringMatching(new RegExp(`^东煤管黑〔${year}〕[23]号$`)),
      });
      expect(p.proposedBy).toMatchObject({ role: 'inspector' });
      expect(p.steps.at(-1)!.by).toMatchObject({ role: 'legal_reviewer' });
      expect(p.steps.at(-1)!.by.sub).not.toBe(p.proposedBy.sub);
    }
  });

  it('has m-demo06’s proposal waiting for the legal reviewer: notice served 10 days ago, no objection, submitted', () => {
    const e = entries.find((x) => x.mineId === 'm-demo06')!;
    expect(e).toMatchObject({
      status: 'under_review',
      statusLabel: '法制审核中',
      subjectType: 'enterprise',
      grounds: [expect.objectContaining({ code: 'OPERATING_WITHOUT_PERMIT' })],
      notice: { servedOn: addDays(today, -10), objectionDeadline: addDays(today, -3) },
      objections: [],
      reviewSubmittedBy: expect.objectContaining({ role: 'inspector' }),
    });
    expect(e.decisionNo).toBeUndefined();
    expect(e.listedOn).toBeUndefined();
    expect(e.steps.map((s) => s.action)).toEqual(['propose', 'serve_notice', 'submit_review']);
  });

  it('publishes the three listed, in their published form, newest first', async () => {
    expect(publicList).toHaveLength(3);
    const listed = entries.filter((e) => e.status === 'published');
    expect(publicList.map((p) => p.entryId).sort()).toEqual(listed.map((e) => e.entryId).sort());
    expect(publicList.map((p) => p.decisionNo).sort()).toEqual(summary.decisionNos.slice().sort());
    for (const p of publicList) expect(await getPublicEntry(db, p.entryId)).toEqual(p);
    const enterprise = publicList.find((p) => p.subjectType === 'enterprise')!;
    expect(enterprise).toMatchObject({
      name: expect.stringContaining('东山演示十一'),
      creditCode: expect.any(String),
      restrictions: ['项目核准', '设计审批', '安全许可', '从业资格准入'],
    });
    expect(enterprise).not.toHaveProperty('residentIdMasked');
  });

  it('shows the persons with masked IDs only: no ID, no hash, no storage keys', () => {
    const persons = publicList.filter((p) => p.subjectType === 'person');
    expect(persons).toHaveLength(2);
    expect(persons.map((p) => p.residentIdMasked).sort()).toEqual(
      [MANAGER_ID, CONTROLLER_ID].map((id) => `${id.slice(0, 6)}********${id.slice(14)}`).sort(),
    );
    for (const p of persons) {
      expect(Object.keys(p).sort()).toEqual([
        'decisionNo',
        'endsOn',
        'entryId',
        'grounds',
        'listedOn',
        'name',
        'residentIdMasked',
        'restrictions',
        'subjectType',
      ]);
      const text = JSON.stringify(p);
      expect(text).not.toContain(MANAGER_ID);
      expect(text).not.toContain(CONTROLLER_ID);
      expect(text).not.toMatch(/residentIdHash|"person":|"PK"|"GSI/);
    }
  });

  it('restricts the listed subjects for the partner departments', async () => {
    const partner = new TenantStore(db, { kind: 'partner', sub: 'test-partner', role: 'partner_dept' });
    const enterprise = entries.find((x) => x.mineId === 'm-demo11' && x.subjectType === 'enterprise')!;
    expect(
      await checkRestriction(partner, {
        subjectType: 'enterprise',
        creditCode: enterprise.creditCode,
        scope: 'safety_licence',
      }),
    ).toMatchObject({ restricted: true });
    const manager = entries.find((x) => x.person?.role === 'mine_manager')!;
    expect(
      await checkRestriction(partner, {
        subjectType: 'person',
        name: manager.subjectName,
        residentId: MANAGER_ID,
        scope: 'qualification',
      }),
    ).toMatchObject({ restricted: true });
    const underReview = entries.find((x) => x.mineId === 'm-demo06')!;
    expect(
      await checkRestriction(partner, {
        subjectType: 'enterprise',
        creditCode: underReview.creditCode,
        scope: 'safety_licence',
      }),
    ).toMatchObject({ restricted: false });
  });

  it('keeps m-demo11 at D, now forced by the listing too, and tells the partner departments of each publication', async () => {
    const credit = await currentCredit(store, 'm-demo11');
    expect(credit).toMatchObject({ tier: 'D', asOf: today });
    expect(credit.forced.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['blacklist', 'violation.stopped_mine_producing']),
    );
    const enterprise = entries.find((x) => x.mineId === 'm-demo11' && x.subjectType === 'enterprise')!;
    expect(credit.forced.find((f) => f.rule === 'blacklist')!.recordIds).toEqual([enterprise.entryId]);

    const notes = (await listNotifications(store, { mineId: 'm-demo11', limit: 50 })).items;
    expect(notes.filter((n) => n.kind === 'blacklist.published')).toHaveLength(3);
    // The drop to D was told once, by the credit seed; the listing does not tell it again.
    expect(notes.filter((n) => n.kind === 'credit.tier_changed')).toHaveLength(1);
    // m-demo06 stays as the credit seed left it.
    expect((await currentCredit(store, 'm-demo06')).tier).toBe('B');
  });
});
