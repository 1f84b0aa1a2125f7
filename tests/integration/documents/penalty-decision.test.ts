// The 行政处罚决定书 number on DynamoDB Local: a general penalty takes it when created (it is decided then), a major
// one only when the legal review approves it, never while proposed; an approval that fails takes none.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { lastDocumentNo } from '#lib/documents/numbers.ts';
import { ConflictError } from '#lib/errors.ts';
import { actOnPenalty, createPenalty } from '#lib/penalties/penalties.ts';
import { createPenaltyBody, penaltyActionBody } from '#lib/penalties/schemas.ts';
import { createMine } from '#lib/registry/mines.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { admin, bureau, mineInput } from '../../support/registry-fixtures.ts';
import { testClock } from '../../support/test-clock.ts';
import { testDb } from '../../support/test-db.ts';

const DS = 'hlj/hegang/dongshan';
const INSPECTOR = bureau('inspector', DS, 'insp-1');
const REVIEWER = bureau('legal_reviewer', DS, 'legal-1');
let db: Db;
const as = (p: Principal) => new TenantStore(db, p);

beforeAll(async () => {
  db = await testDb({ now: testClock('2026-03-10T01:00:00.000Z').now });
  await createMine(
    as(admin('hlj')),
    mineInput('m-pen', { status: 'producing', statusEffectiveDate: '2024-06-01', jurisdiction: DS }),
  );
});

const propose = (body: Record<string, unknown>) =>
  createPenalty(
    as(INSPECTOR),
    'm-pen',
    createPenaltyBody.parse({ basis: '《安全生产法》第一百一十条', description: '现场检查发现超能力生产', ...body }),
  );
const act = (penaltyId: string, body: Record<string, unknown>, by: Principal) =>
  actOnPenalty(as(by), penaltyId, penaltyActionBody.parse(body));
const scope = { kind: 'penalty_decision', jurisdiction: DS, year: 2026 } as const;

describe('the penalty decision number', () => {
  it('a general penalty is numbered when decided; a major one only on approval', async () => {
    const general = await propose({ kind: 'warning', decisionNo: 'D-1' });
    expect(general).toMatchObject({ status: 'effective', documentNo: '东山煤安罚〔2026〕1号' });

    const major = await propose({ kind: 'fine', amountYuan: 80_000 });
    expect(major.status).toBe('proposed');
    expect(major).not.toHaveProperty('documentNo');
    const sent = await act(major.penaltyId, { action: 'submit_for_review', version: 1 }, INSPECTOR);
    expect(sent).not.toHaveProperty('documentNo');
    expect(await lastDocumentNo(db, scope)).toBe(1);

    const stale = act(major.penaltyId, { action: 'approve', version: 1, decisionNo: 'D-2' }, REVIEWER);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    expect(await lastDocumentNo(db, scope)).toBe(1);

    const approved = await act(major.penaltyId, { action: 'approve', version: 2, decisionNo: 'D-2' }, REVIEWER);
    expect(approved).toMatchObject({ status: 'effective', documentNo: '东山煤安罚〔2026〕2号' });
    expect(await lastDocumentNo(db, scope)).toBe(2);
  });
});
