import type { Principal } from '#lib/auth/principal.ts';
import { blacklistPolicy } from '#lib/blacklist/blacklist-policy.ts';
import { actOnEntry } from '#lib/blacklist/blacklist-service.ts';
import { listEntries } from '#lib/blacklist/entry-queries.ts';
import type { BlacklistAction } from '#lib/blacklist/lifecycle.ts';
import { proposeEntry } from '#lib/blacklist/proposals.ts';
import { creditOnListing } from '#lib/credit/listing-effects.ts';
import { addPerson, listPersons } from '#lib/registry/persons.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION, DEMO_MINES, demoResidentId } from './demo-district.ts';

/**
 * The demo district's blacklist (严重失信主体名单), so a newcomer sees a listing through its whole procedure and one
 * still on its way. Written through the same functions the API uses (proposeEntry, actOnEntry), by two plainly
 * fictional people: an inspector who proposes, serves the notice and submits, and a different legal reviewer who
 * approves (the four-eyes rule). Runs after the credit seed, which proposes m-demo11's enterprise (tier D).
 *
 * - m-demo11 (明停暗开 while suspended): its enterprise's system proposal, notice served 20 days ago, the mine's
 *   objection recorded and answered (not upheld), approved and listed a few days ago; and two of its registered key
 *   persons, the mine manager (矿长) and the actual controller (实际控制人), listed for STOPPED_MINE_PRODUCING. The
 *   enterprise's listing forces the mine's credit to D (actOnEntry classifies it again on publication).
 * - m-demo06 (licence violation): proposed for OPERATING_WITHOUT_PERMIT, notice served 10 days ago, no objection,
 *   submitted and waiting for the legal review (under_review).
 */
const INSPECTOR: Principal = {
  kind: 'bureau',
  sub: 'seed-blacklist-inspector',
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: '监管中队刘某（演示）',
};
const LEGAL_REVIEWER: Principal = {
  kind: 'bureau',
  sub: 'seed-legal-reviewer',
  role: 'legal_reviewer',
  jurisdiction: DEMO_JURISDICTION,
  name: '法制审核科陈某（演示）',
};

/** The mine whose enterprise and key persons are listed, and the mine whose proposal waits for legal review. */
export const DEMO_LISTED_MINE = 'm-demo11';
export const DEMO_REVIEW_MINE = 'm-demo06';
/** The key persons of the listed mine who are listed with it. */
export const DEMO_LISTED_ROLES = ['mine_manager', 'actual_controller'] as const;

/** Days before today: the notices served, the objection received, the day listed. */
const SERVED_DAYS_AGO = 20;
const OBJECTION_DAYS_AGO = 16;
const LISTED_DAYS_AGO = 4;
const REVIEW_SERVED_DAYS_AGO = 10;

export interface DemoBlacklistSummary {
  readonly published: { readonly enterprises: number; readonly persons: number };
  readonly underReview: number;
  /** The decision numbers of the published entries, enterprise first. */
  readonly decisionNos: readonly string[];
}

type Entry = Awaited<ReturnType<typeof actOnEntry>>;

export async function seedDemoBlacklist(db: Db): Promise<DemoBlacklistSummary> {
  const inspector = new TenantStore(db, INSPECTOR);
  const reviewer = new TenantStore(db, LEGAL_REVIEWER);
  const today = todayInShanghai(db.now());
  const day = (n: number) => addDays(today, n);
  const year = today.slice(0, 4);
  const { objectionDays } = (await blacklistPolicy.inForce(db, DEMO_JURISDICTION)).values;
  let decisions = 0;
  let notices = 0;

  const act = (store: TenantStore, entry: Entry, action: BlacklistAction) =>
    actOnEntry(store, entry.entryId, { ...action, version: entry.version }, creditOnListing);
  const serveNotice = (entry: Entry, daysAgo: number) =>
    act(inspector, entry, {
      action: 'serve_notice',
      servedOn: day(-daysAgo),
      noticeNo: `东煤管告〔${year}〕${++notices}号`,
    });
  /** Submitted after the objection window, approved by the legal reviewer: listed a few days ago (after the window). */
  const reviewAndPublish = async (entry: Entry) => {
    const submitted = await act(inspector, entry, { action: 'submit_review' });
    const listedOn = [day(-LISTED_DAYS_AGO), addDays(submitted.notice!.objectionDeadline, 1)].sort().at(-1)!;
    return act(reviewer, submitted, { action: 'approve', decisionNo: `东煤管黑〔${year}〕${++decisions}号`, listedOn });
  };

  // The listed mine's enterprise: the proposal the credit classification made when the mine dropped to D.
  const proposed = (
    await listEntries(inspector, { mineId: DEMO_LISTED_MINE, subjectType: 'enterprise', status: 'proposed', limit: 10 })
  ).items[0];
  if (!proposed)
    throw new Error(
      `[seed] no open blacklist proposal for ${DEMO_LISTED_MINE}: the credit seed (seedDemoCredit) runs first`,
    );
  let enterprise = await serveNotice(proposed, SERVED_DAYS_AGO);
  enterprise = await act(inspector, enterprise, {
    action: 'record_objection',
    receivedOn: [day(-OBJECTION_DAYS_AGO), enterprise.notice!.objectionDeadline].sort()[0]!,
    content: '企业陈述申辩：夜间用电系排水、通风设备检修试运转，提升机仅为检修试车，并未组织生产，请求不予列入（演示）',
  });
  enterprise = await act(inspector, enterprise, {
    action: 'answer_objection',
    objectionId: enterprise.objections[0]!.objectionId,
    upheld: false,
    answer:
      '经核查，夜间突击检查时采煤工作面有人员作业，提升机运行记录与用电曲线一致，检修试车说法与现场事实不符，申辩理由不成立（演示）',
  });
  enterprise = await reviewAndPublish(enterprise);

  // Its mine manager and actual controller, registered with the mine (registered here should the register lack them).
  const persons = await listPersons(inspector, DEMO_LISTED_MINE);
  const mineIndex = DEMO_MINES.findIndex((m) => m.id === DEMO_LISTED_MINE);
  const listedPersons: Entry[] = [];
  for (const [j, role] of DEMO_LISTED_ROLES.entries()) {
    const person =
      persons.find((p) => p.role === role) ??
      (await addPerson(inspector, DEMO_LISTED_MINE, {
        role,
        name: role === 'mine_manager' ? '李某某' : '王某',
        residentId: demoResidentId(mineIndex, 20 + j),
      }));
    const draft = await proposeEntry(inspector, {
      subjectType: 'person',
      mineId: DEMO_LISTED_MINE,
      personId: person.personId,
      grounds: ['STOPPED_MINE_PRODUCING'],
      note: `${person.roleLabel}${person.name}对停产整顿期间擅自组织生产（明停暗开）负有直接责任，拟列入严重失信主体名单（演示）`,
    });
    listedPersons.push(await reviewAndPublish(await serveNotice(draft, SERVED_DAYS_AGO)));
  }

  // The proposal waiting for the legal reviewer: the licence violation mine.
  const draft = await proposeEntry(inspector, {
    subjectType: 'enterprise',
    mineId: DEMO_REVIEW_MINE,
    grounds: ['OPERATING_WITHOUT_PERMIT'],
    note: '安全生产许可证有效期届满未延续仍组织生产，拟列入严重失信主体名单（演示）',
  });
  const served = await serveNotice(draft, Math.max(REVIEW_SERVED_DAYS_AGO, objectionDays + 1));
  await act(inspector, served, { action: 'submit_review' });

  return {
    published: { enterprises: 1, persons: listedPersons.length },
    underReview: 1,
    decisionNos: [enterprise, ...listedPersons].map((e) => e.decisionNo!),
  };
}

/** The line `npm start` logs. */
export const describeDemoBlacklist = (s: DemoBlacklistSummary): string =>
  `${s.published.enterprises} enterprise${s.published.enterprises === 1 ? '' : 's'} and ${s.published.persons} persons published, ${s.underReview} proposal${s.underReview === 1 ? '' : 's'} under legal review`;
