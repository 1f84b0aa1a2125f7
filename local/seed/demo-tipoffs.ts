import type { Principal } from '#lib/auth/principal.ts';
import type { ObjectStore } from '#lib/files/object-store.ts';
import { listMinePenalties } from '#lib/penalties/penalty-queries.ts';
import type { Db } from '#lib/store/db.ts';
import { queryPage } from '#lib/store/query.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import {
  approveReward,
  assignTipoff,
  concludeTipoff,
  linkRecord,
  payReward,
  proposeReward,
  triageTipoff,
} from '#lib/tipoffs/bureau.ts';
import { solveProof } from '#lib/tipoffs/proof-of-work.ts';
import { fileTipoff, issueChallenge } from '#lib/tipoffs/public.ts';
import { tipoffsOfProvince } from '#lib/tipoffs/tipoff-item.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION } from './demo-district.ts';
import { DEMO_USERS } from './demo-users.ts';

/**
 * The demo district's tip-offs (举报), written through the functions the API uses: one about m-demo11's production
 * while it was to stand still, accepted, investigated (its 80,000 yuan fine linked), found 属实, its reward of 12,000
 * yuan proposed by the assigned inspector, approved by a different legal reviewer and recorded as paid by the
 * leader; and one new report waiting for triage. The reporters are plainly fictional; neither left a real number.
 */
const bureau = (u: { sub: string; role: string; name: string }): Principal => ({
  kind: 'bureau',
  sub: u.sub,
  role: u.role as 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: u.name,
});
const ADMIN = bureau(DEMO_USERS.bureau_admin);
const INSPECTOR = bureau(DEMO_USERS.inspector);
const LEGAL: Principal = {
  kind: 'bureau',
  sub: 'seed-legal-reviewer',
  role: 'legal_reviewer',
  jurisdiction: DEMO_JURISDICTION,
  name: '法制审核科陈某（演示）',
};
const SEED_SOURCE = 'seed';
const noFiles = (): ObjectStore => {
  throw new Error('The demo tip-offs carry no files');
};

async function file(db: Db, body: Record<string, unknown>) {
  const c = await issueChallenge(db, SEED_SOURCE, { jurisdiction: DEMO_JURISDICTION });
  return fileTipoff(db, noFiles, SEED_SOURCE, {
    jurisdiction: DEMO_JURISDICTION,
    files: [],
    staffOrRelative: false,
    proof: { challenge: c.challenge, nonce: solveProof(c.challenge, c.difficulty) },
    ...body,
  } as unknown as Parameters<typeof fileTipoff>[3]);
}

export interface DemoTipoffSummary {
  readonly founded: string | undefined;
  readonly waiting: number;
}

/** Idempotent: a district that has tip-offs already gets none. */
export async function seedDemoTipoffs(db: Db): Promise<DemoTipoffSummary | undefined> {
  const existing = await queryPage(
    db,
    { index: 'GSI1', partition: tipoffsOfProvince(DEMO_JURISDICTION), beginsWith: `${DEMO_JURISDICTION}/` },
    { limit: 1 },
  );
  if (existing.items.length) return undefined;

  await file(db, {
    mineId: 'm-demo11',
    subject: 'illegal_production',
    what: '停产整顿期间夜里偷偷下井生产，运煤车天亮前出场（演示）',
    when: '停产整顿通知下达后的每天夜里',
    where: '主井和煤场',
    contact: { name: '王某某（演示）', mobile: '13800000000' },
  });
  await file(db, {
    mineName: '东山演示十三矿',
    subject: 'major_hazard',
    what: '回风巷瓦斯探头被遮挡，井下有人抽烟（演示）',
    when: '上周',
    where: '二采区回风巷',
  });

  const admin = new TenantStore(db, ADMIN);
  const inspector = new TenantStore(db, INSPECTOR);
  const legal = new TenantStore(db, LEGAL);
  const list = await queryPage<{ tipoffId: string; mineId?: string; version: number }>(db, {
    index: 'GSI1',
    partition: tipoffsOfProvince(DEMO_JURISDICTION),
    beginsWith: `${DEMO_JURISDICTION}/`,
  });
  const t = list.items.find((i) => i.mineId === 'm-demo11');
  if (!t) return { founded: undefined, waiting: list.items.length };
  const id = t.tipoffId;
  let v = (await triageTipoff(admin, id, { version: t.version, decision: 'accept' })).version;
  v = (await assignTipoff(admin, id, { version: v, handlers: [INSPECTOR.sub] })).version;
  const fine = (await listMinePenalties(admin, 'm-demo11', {})).items.find((p) => p.kind === 'fine');
  if (fine) v = (await linkRecord(inspector, id, { version: v, kind: 'penalties', id: fine.penaltyId })).version;
  v = (
    await concludeTipoff(inspector, id, {
      version: v,
      finding: 'founded',
      publicAnswer: '经核查，举报属实。该矿停产整顿期间擅自组织生产，本局已依法处罚。感谢您的举报。',
    })
  ).version;
  if (fine) {
    const proposed = await proposeReward(inspector, id, {
      version: v,
      subject: 'illegal_production',
      penaltyId: fine.penaltyId,
    });
    v = (await approveReward(legal, id, proposed.version)).version;
    await payReward(admin, id, {
      version: v,
      paidOn: todayInShanghai(db.now()),
      amountYuan: proposed.reward?.amountYuan ?? 0,
    });
  }
  return { founded: id, waiting: list.items.length - 1 };
}

export const describeDemoTipoffs = (s: DemoTipoffSummary | undefined): string =>
  s
    ? `${s.founded ? '1 founded with its reward paid' : 'none founded'}, ${s.waiting} waiting for triage`
    : 'already there';
