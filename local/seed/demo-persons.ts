import type { Principal } from '#lib/auth/principal.ts';
import { decideCertificate, registerCertificate } from '#lib/registry/certificates.ts';
import type { SpecialOperation } from '#lib/registry/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { DEMO_JURISDICTION, DEMO_MINES, demoResidentId } from './demo-district.ts';

/**
 * The demo district's certificates of safety managers and special-operations workers (持证上岗), written through the
 * functions the API uses: 泰源煤矿's safety manager and four special-operations workers, one of whose 瓦斯检查
 * certificates expires within the reminder window and one of which has expired; 蔬园一煤矿's hoist operator, asked
 * for by the mine and approved by the bureau, and an electrician's certificate the mine asked for that waits for
 * the bureau. Holders are plainly fictional.
 */
const INSPECTOR: Principal = {
  kind: 'bureau',
  sub: 'seed-inspector',
  role: 'inspector',
  jurisdiction: DEMO_JURISDICTION,
  name: '监管中队（演示）',
};
const mineStaff = (mineId: string): Principal => ({
  kind: 'mine',
  sub: `seed-staff-${mineId}`,
  role: 'mine_user',
  mineId,
  name: '矿方填报员（演示）',
});

/** Days from today to the expiry of the one certificate inside the 60-day window. */
export const DEMO_EXPIRING_IN_DAYS = 20;

interface DemoCertificate {
  readonly mineId: string;
  readonly holderName: string;
  readonly operation?: SpecialOperation;
  /** Expiry, in days from today. */
  readonly expiresIn: number;
  /** Asked for by the mine: approved by the bureau, or still waiting. */
  readonly byMine?: 'approved' | 'pending';
}

const CERTIFICATES: readonly DemoCertificate[] = [
  { mineId: 'm-taiyuan', holderName: '周某（演示）', expiresIn: 700 },
  {
    mineId: 'm-taiyuan',
    holderName: '吴某（演示）',
    operation: 'coal_gas_inspection',
    expiresIn: DEMO_EXPIRING_IN_DAYS,
  },
  { mineId: 'm-taiyuan', holderName: '郑某（演示）', operation: 'coal_underground_electrical', expiresIn: 1200 },
  { mineId: 'm-taiyuan', holderName: '冯某（演示）', operation: 'coal_blasting', expiresIn: -12 },
  { mineId: 'm-taiyuan', holderName: '陈某某（演示）', operation: 'welding', expiresIn: 400 },
  { mineId: 'm-shuyuan1', holderName: '褚某（演示）', operation: 'coal_hoist', expiresIn: 900, byMine: 'approved' },
  { mineId: 'm-shuyuan1', holderName: '卫某（演示）', operation: 'electrician', expiresIn: 1500, byMine: 'pending' },
];

export async function seedDemoPersons(db: Db): Promise<{ certificates: number; expiring: number; pending: number }> {
  const inspector = new TenantStore(db, INSPECTOR);
  const today = todayInShanghai(db.now());
  for (const [k, c] of CERTIFICATES.entries()) {
    const mineIndex = Math.max(
      0,
      DEMO_MINES.findIndex((m) => m.id === c.mineId),
    );
    const expiresOn = addDays(today, c.expiresIn);
    const body = {
      kind: c.operation ? ('special_operation' as const) : ('safety_manager' as const),
      ...(c.operation ? { operation: c.operation } : {}),
      holderName: c.holderName,
      residentId: demoResidentId(mineIndex, 30 + k),
      certificateNo: c.operation ? `T2304060${String(1000 + k)}` : `AQ-HG-${String(2024_000 + k)}`,
      // Special-operations certificates run six years, safety managers' three.
      issuedOn: addDays(expiresOn, c.operation ? -6 * 365 : -3 * 365),
      expiresOn,
    };
    if (!c.byMine) {
      await registerCertificate(inspector, c.mineId, body);
      continue;
    }
    const asked = await registerCertificate(new TenantStore(db, mineStaff(c.mineId)), c.mineId, body);
    if (c.byMine === 'approved')
      await decideCertificate(inspector, c.mineId, asked.certificateId, 'approve', { version: asked.version });
  }
  return {
    certificates: CERTIFICATES.length,
    expiring: CERTIFICATES.filter((c) => c.expiresIn >= 0 && c.expiresIn <= 60).length,
    pending: CERTIFICATES.filter((c) => c.byMine === 'pending').length,
  };
}
