import type { Principal } from '#lib/auth/principal.ts';
import { nameJurisdiction } from '#lib/registry/jurisdictions.ts';
import { putLicence } from '#lib/registry/licences.ts';
import { assignOfficial, updateContacts } from '#lib/registry/mine-contacts.ts';
import { createMine } from '#lib/registry/mines.ts';
import { putPeriodicDuty } from '#lib/registry/periodic-duties.ts';
import { addPerson } from '#lib/registry/persons.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { seedDemoRegisterRequest, seedMeteredEquipment } from './demo-equipment.ts';
import { DEMO_JURISDICTION } from './demo-jurisdiction.ts';
import { demoDuties, demoLicences } from './demo-licences.ts';
import { DEMO_MINES, type DemoMine, demoCreditCode, demoResidentId } from './demo-mines.ts';
import { DEMO_OFFICIAL, seedDemoUsers } from './demo-users.ts';

export {
  DEMO_REGISTER_REQUEST,
  demoGridAccount,
  demoRegisterSince,
  EQUIPMENT,
} from './demo-equipment.ts';
export {
  DEMO_LICENCE_TERM_YEARS,
  type DemoDuty,
  type DemoLicence,
  demoDuties,
  demoLicences,
} from './demo-licences.ts';
export {
  DEMO_EXPIRED_LICENCE_MINE,
  DEMO_MINES,
  type DemoMine,
  demoCreditCode,
  demoResidentId,
} from './demo-mines.ts';
/**
 * The demo district of the bureau's plan: 鹤岗市东山区, 9 producing and 4 suspended mines, among them 泰源煤矿 (risk
 * control pilot) and 蔬园一煤矿 (grade-2 standardisation pilot). Other names and every person are plainly
 * fictional. It is written through the same registry functions the API uses, so it is validated and audited.
 */
export { DEMO_JURISDICTION };

const SEED_PRINCIPAL = {
  kind: 'bureau',
  sub: 'seed',
  role: 'bureau_admin',
  jurisdiction: DEMO_JURISDICTION,
  name: '演示数据',
} as const satisfies Principal;

const PEOPLE: { role: 'chairman' | 'mine_manager' | 'chief_engineer' | 'actual_controller'; name: string }[] = [
  { role: 'chairman', name: '王某' },
  { role: 'mine_manager', name: '李某某' },
  { role: 'chief_engineer', name: '赵某' },
  { role: 'actual_controller', name: '王某' },
];

/** The demo's jurisdictions by name, each named by its own level's bureau. */
const DEMO_JURISDICTION_NAMES: readonly { path: string; name: string; bureauName?: string }[] = [
  { path: 'hlj', name: '黑龙江省' },
  { path: 'hlj/hegang', name: '鹤岗市' },
  { path: DEMO_JURISDICTION, name: '东山区', bureauName: '鹤岗市东山区煤管局（演示）' },
  { path: 'hlj/hegang/xingshan', name: '兴山区', bureauName: '鹤岗市兴山区煤管局（演示）' },
];

export async function seedDemoDistrict(db: Db): Promise<{ mines: number }> {
  const store = new TenantStore(db, SEED_PRINCIPAL);
  for (const j of DEMO_JURISDICTION_NAMES) {
    await nameJurisdiction(new TenantStore(db, { ...SEED_PRINCIPAL, jurisdiction: j.path }), {
      version: 0,
      name: j.name,
      bureauName: j.bureauName,
    });
  }
  // Before the mines: each is assigned an official, who must be a user of the directory.
  await seedDemoUsers(db);
  const today = todayInShanghai(db.now());
  // Mines are independent partitions: seed them side by side, each one's records in order.
  await Promise.all(DEMO_MINES.map((m, i) => seedMine(store, today, m, i)));
  await seedDemoRegisterRequest(db);
  return { mines: DEMO_MINES.length };
}

/**
 * Where a demo mine is registered: its district, the official assigned to it, and the offset of its credit code,
 * resident IDs and grid account among all demo mines' (each district its own range, so none is shared).
 */
export interface DemoPlace {
  readonly jurisdiction: string;
  readonly districtName: string;
  readonly official: { readonly sub: string; readonly name: string };
  readonly codeOffset: number;
  /** The first letters of its meters' serial numbers. */
  readonly serialPrefix: string;
}

const DONGSHAN: DemoPlace = {
  jurisdiction: DEMO_JURISDICTION,
  districtName: '东山区',
  official: DEMO_OFFICIAL,
  codeOffset: 0,
  serialPrefix: 'DS',
};

/**
 * One demo mine with everything its register holds: profile, official, contacts, licences, appraisal and drills,
 * people, meters and equipment. `i` is its position in its district's list.
 */
export async function seedMine(
  store: TenantStore,
  today: string,
  m: DemoMine,
  i: number,
  place: DemoPlace = DONGSHAN,
): Promise<void> {
  {
    const code = place.codeOffset + i;
    const mine = await createMine(store, {
      mineId: m.id,
      name: m.name,
      enterpriseName: `${m.name.replace('煤矿', '')}矿业有限公司`,
      creditCode: demoCreditCode(code),
      jurisdiction: place.jurisdiction,
      address: `黑龙江省鹤岗市${place.districtName}（演示地址 ${i + 1}）`,
      approvedCapacityTonnesPerYear: m.capacity,
      gasGrade: m.gas,
      hydrogeology: i % 3 === 0 ? 'medium' : 'simple',
      standardisationGrade: m.standard,
      status: m.status,
      statusEffectiveDate: m.status === 'suspended' ? addDays(today, -60 - i) : addDays(today, -400),
    });
    let version = mine.version;
    version = (await assignOfficial(store, m.id, { version, userId: place.official.sub, name: place.official.name }))
      .version;
    await updateContacts(store, m.id, {
      version,
      safetyManager: { name: '安全副矿长（演示）', mobile: `1390000${String(1000 + code).padStart(4, '0')}` },
    });

    for (const { type, ...licence } of demoLicences(today, m, i)) {
      await putLicence(store, m.id, type, { ...licence, issuer: '演示发证机关' });
    }
    for (const { duty, ...done } of demoDuties(today, m, i)) {
      await putPeriodicDuty(store, m.id, duty, { ...done, reference: `演示记录-${i + 1}` });
    }
    for (const [j, p] of PEOPLE.entries()) {
      // The same fictional person is chairman and actual controller: one ID, two roles.
      await addPerson(store, m.id, {
        role: p.role,
        name: p.name,
        residentId: demoResidentId(code, p.role === 'actual_controller' ? 0 : j),
      });
    }
    await seedMeteredEquipment(store, today, m, i, code, place.serialPrefix);
  }
}
