import type { Principal } from '#lib/auth/principal.ts';
import { equipment, meters } from '#lib/registry/equipment.ts';
import { nameJurisdiction } from '#lib/registry/jurisdictions.ts';
import { putLicence } from '#lib/registry/licences.ts';
import { assignOfficial, updateContacts } from '#lib/registry/mine-contacts.ts';
import { createMine } from '#lib/registry/mines.ts';
import { dutyIntervalMonths, putPeriodicDuty } from '#lib/registry/periodic-duties.ts';
import { addPerson } from '#lib/registry/persons.ts';
import type { Circuit, LicenceType, PeriodicDuty } from '#lib/registry/vocabulary.ts';
import type { Db } from '#lib/store/db.ts';
import { TenantStore } from '#lib/store/tenant-store.ts';
import { addDays, addMonths, todayInShanghai } from '#lib/validators/business-date.ts';
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';
import { DEMO_JURISDICTION } from './demo-jurisdiction.ts';
import { DEMO_OFFICIAL, seedDemoUsers } from './demo-users.ts';

/**
 * The demo district of the bureau's plan: 鹤岗市东山区, 9 producing and 4 suspended mines, among them 泰源煤矿 (risk
 * control pilot) and 蔬园一煤矿 (grade-2 standardisation pilot). Other names and every person are plainly
 * fictional. It is written through the same registry functions the API uses, so it is validated and audited.
 */
export { DEMO_JURISDICTION };

export interface DemoMine {
  id: string;
  name: string;
  status: 'producing' | 'suspended';
  capacity: number;
  gas: 'low' | 'high' | 'outburst';
  standard: 'grade1' | 'grade2' | 'grade3' | 'none';
  /** Days from today to the 安全生产许可证 expiry; some soon, to show reminders. */
  safetyLicenceDays: number;
}

export const DEMO_MINES: readonly DemoMine[] = [
  {
    id: 'm-taiyuan',
    name: '泰源煤矿',
    status: 'producing',
    capacity: 450_000,
    gas: 'high',
    standard: 'grade2',
    safetyLicenceDays: 25,
  },
  {
    id: 'm-shuyuan1',
    name: '蔬园一煤矿',
    status: 'producing',
    capacity: 300_000,
    gas: 'low',
    standard: 'grade2',
    safetyLicenceDays: 400,
  },
  {
    id: 'm-demo03',
    name: '东山演示三矿',
    status: 'producing',
    capacity: 210_000,
    gas: 'low',
    standard: 'grade3',
    safetyLicenceDays: 80,
  },
  {
    id: 'm-demo04',
    name: '东山演示四矿',
    status: 'producing',
    capacity: 150_000,
    gas: 'low',
    standard: 'grade3',
    safetyLicenceDays: 700,
  },
  {
    id: 'm-demo05',
    name: '东山演示五矿',
    status: 'producing',
    capacity: 600_000,
    gas: 'high',
    standard: 'grade1',
    safetyLicenceDays: 900,
  },
  {
    id: 'm-demo06',
    name: '东山演示六矿',
    status: 'producing',
    capacity: 90_000,
    gas: 'low',
    standard: 'none',
    // Its 安全生产许可证 ran out the day before yesterday and it still produces: last night's review finds it
    // (LICENCE_INVALID, DEMO_EXPIRED_LICENCE_MINE), and the morning's reminders chase it daily.
    safetyLicenceDays: -2,
  },
  {
    id: 'm-demo07',
    name: '东山演示七矿',
    status: 'producing',
    capacity: 240_000,
    gas: 'outburst',
    standard: 'grade2',
    safetyLicenceDays: 500,
  },
  {
    id: 'm-demo08',
    name: '东山演示八矿',
    status: 'producing',
    capacity: 120_000,
    gas: 'low',
    standard: 'grade3',
    safetyLicenceDays: 45,
  },
  {
    id: 'm-demo09',
    name: '东山演示九矿',
    status: 'producing',
    capacity: 180_000,
    gas: 'low',
    standard: 'grade3',
    safetyLicenceDays: 300,
  },
  {
    id: 'm-demo10',
    name: '东山演示十矿',
    status: 'suspended',
    capacity: 90_000,
    gas: 'low',
    standard: 'none',
    safetyLicenceDays: -20,
  },
  {
    id: 'm-demo11',
    name: '东山演示十一矿',
    status: 'suspended',
    capacity: 150_000,
    gas: 'high',
    standard: 'grade3',
    safetyLicenceDays: 200,
  },
  {
    id: 'm-demo12',
    name: '东山演示十二矿',
    status: 'suspended',
    capacity: 90_000,
    gas: 'low',
    standard: 'none',
    safetyLicenceDays: 15,
  },
  {
    id: 'm-demo13',
    name: '东山演示十三矿',
    status: 'suspended',
    capacity: 120_000,
    gas: 'low',
    standard: 'grade3',
    safetyLicenceDays: 600,
  },
];

/**
 * The producing demo mine whose 安全生产许可证 expired two days ago (valid through its expiry day, so invalid from
 * yesterday on): only last night's review, not the ordinary days before it, has its LICENCE_INVALID finding.
 */
export const DEMO_EXPIRED_LICENCE_MINE = 'm-demo06';

const SEED_PRINCIPAL = {
  kind: 'bureau',
  sub: 'seed',
  role: 'bureau_admin',
  jurisdiction: DEMO_JURISDICTION,
  name: '演示数据',
} as const satisfies Principal;

/** A well-formed code with a correct check character, derived from the mine's position. */
export const demoCreditCode = (i: number): string => {
  const first17 = `9123040${String(7000000000 + i * 7919).slice(0, 10)}`;
  return first17 + creditCodeCheckChar(first17);
};

/** Fictional resident IDs with valid check characters (region 230406, birth dates in the 1960s–70s). */
export const demoResidentId = (i: number, j: number): string => {
  const first17 = `230406${1965 + ((i * 3 + j) % 12)}0${1 + (j % 9)}1${i % 10}${String(100 + i * 5 + j).slice(-3)}`;
  return first17 + residentIdCheckChar(first17);
};

/** Every demo mine's equipment register, before scaling by capacity (the benches use the same). */
export const EQUIPMENT: readonly { id: string; name: string; kw: number; circuit: Circuit; mustRun: boolean }[] = [
  { id: 'fan-main-1', name: '主通风机 1号', kw: 250, circuit: 'ventilation', mustRun: true },
  { id: 'fan-main-2', name: '主通风机 2号（备用）', kw: 250, circuit: 'ventilation', mustRun: false },
  { id: 'pump-1', name: '主排水泵 1号', kw: 160, circuit: 'drainage', mustRun: true },
  { id: 'pump-2', name: '主排水泵 2号', kw: 160, circuit: 'drainage', mustRun: false },
  { id: 'monitor', name: '安全监控系统', kw: 15, circuit: 'monitoring', mustRun: true },
  { id: 'hoist-main', name: '主井提升机', kw: 800, circuit: 'hoist', mustRun: false },
  { id: 'shearer', name: '采煤机及工作面设备', kw: 650, circuit: 'other', mustRun: false },
];

const PEOPLE: { role: 'chairman' | 'mine_manager' | 'chief_engineer' | 'actual_controller'; name: string }[] = [
  { role: 'chairman', name: '王某' },
  { role: 'mine_manager', name: '李某某' },
  { role: 'chief_engineer', name: '赵某' },
  { role: 'actual_controller', name: '王某' },
];

/** How many years each licence is issued for: 营业执照 for a long fixed term, the 救护协议 renewed yearly. */
export const DEMO_LICENCE_TERM_YEARS: Readonly<Record<LicenceType, number>> = {
  safety_production: 3,
  mining: 10,
  business: 20,
  principal_qualification: 3,
  rescue_agreement: 1,
};

export interface DemoLicence {
  readonly type: LicenceType;
  readonly number: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
}

/**
 * The i-th demo mine's licences as of `today`: each expires a set number of days away (some soon, one past, to show
 * the reminders) and was issued one term before it expires, so always in the past; its number carries the issue year.
 */
export function demoLicences(today: string, m: DemoMine, i: number): DemoLicence[] {
  const daysToExpiry: Record<LicenceType, number> = {
    safety_production: m.safetyLicenceDays,
    mining: 800 + i * 10,
    business: 3000,
    principal_qualification: 120 + i * 30,
    rescue_agreement: 30 + i * 20,
  };
  return (Object.entries(daysToExpiry) as [LicenceType, number][]).map(([type, days]) => {
    const expiresOn = addDays(today, days);
    const issuedOn = addMonths(expiresOn, -12 * DEMO_LICENCE_TERM_YEARS[type]);
    const number = `黑${type.slice(0, 2).toUpperCase()}-${issuedOn.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`;
    return { type, number, issuedOn, expiresOn };
  });
}

export interface DemoDuty {
  readonly duty: PeriodicDuty;
  readonly lastDoneOn: string;
  readonly resultGrade?: DemoMine['gas'];
}

/**
 * The i-th demo mine's appraisal and drills as of `today`, done so that their next due dates spread over the coming
 * months, with one drill overdue (m-demo04's on-site drill); each was done within its cycle, so never after today.
 */
export function demoDuties(today: string, m: DemoMine, i: number): DemoDuty[] {
  const dueInDays: [PeriodicDuty, number][] = [
    ['gas_grade_appraisal', 30 + i * 23],
    ['emergency_plan_drill', (20 + i * 25) % 330],
    ['onsite_response_drill', i === 3 ? -5 : (10 + i * 13) % 170],
  ];
  return dueInDays.map(([duty, dueIn]) => {
    const resultGrade = duty === 'gas_grade_appraisal' ? m.gas : undefined;
    const lastDoneOn = addDays(addMonths(today, -dutyIntervalMonths(duty, resultGrade)), dueIn);
    return { duty, lastDoneOn, ...(resultGrade ? { resultGrade } : {}) };
  });
}

/** The demo's jurisdictions by name, each named by its own level's bureau. */
const DEMO_JURISDICTION_NAMES: readonly { path: string; name: string; bureauName?: string }[] = [
  { path: 'hlj', name: '黑龙江省' },
  { path: 'hlj/hegang', name: '鹤岗市' },
  { path: DEMO_JURISDICTION, name: '东山区', bureauName: '鹤岗市东山区煤管局（演示）' },
  { path: 'hlj/hegang/xingshan', name: '兴山区', bureauName: '鹤岗市兴山区煤管局（演示）' },
];

/** The day the demo registers were approved: three years back, before any reading the demo or a walk through it dates. */
export const demoRegisterSince = (today: string): string => addMonths(today, -36);

/** The grid company's account of the i-th demo mine's main meter. */
export const demoGridAccount = (i: number): string => `23040600${String(i + 1).padStart(2, '0')}`;

/** An item's rated power at a mine of this size (the must-run ones never below 60 % of the reference mine's). */
const demoRatedKw = (e: (typeof EQUIPMENT)[number], scale: number): number =>
  Math.round(e.kw * (e.mustRun ? Math.max(0.6, scale) : scale));

/**
 * The request a newcomer finds waiting: 泰源煤矿 asks that its second drainage pump count as must-run from today (the
 * rainy season), which would raise the load its stopped days are excused; nothing changes until the bureau decides.
 */
export const DEMO_REGISTER_REQUEST = {
  mineId: 'm-taiyuan',
  equipmentId: 'pump-2',
  reason: '雨季涌水量增大，2号主排水泵停产期间也须常开',
} as const;

async function seedDemoRegisterRequest(db: Db, today: string): Promise<void> {
  const i = DEMO_MINES.findIndex((m) => m.id === DEMO_REGISTER_REQUEST.mineId);
  const mine = DEMO_MINES[i]!;
  const pump = EQUIPMENT.find((e) => e.id === DEMO_REGISTER_REQUEST.equipmentId)!;
  const mineUser = new TenantStore(db, {
    kind: 'mine',
    sub: `dev-mine_user-${mine.id}`,
    role: 'mine_user',
    mineId: mine.id,
    name: `${mine.name}机电科（演示）`,
  });
  const current = await equipment.get(mineUser, mine.id, pump.id);
  await equipment.put(mineUser, mine.id, pump.id, {
    version: current.version,
    name: pump.name,
    ratedKw: demoRatedKw(pump, mine.capacity / 300_000),
    circuit: pump.circuit,
    mustRunWhenStopped: true,
    meterId: 'main',
    effectiveFrom: today,
    reason: DEMO_REGISTER_REQUEST.reason,
  });
}

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
  await seedDemoRegisterRequest(db, today);
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
    const scale = m.capacity / 300_000;
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
    // The register as the bureau approved it when the district's files were set up, before any day the demo reviews.
    const effectiveFrom = demoRegisterSince(today);
    await meters.put(store, m.id, 'main', {
      name: '总进线电表',
      serialNo: `${place.serialPrefix}-${i + 1}-001`,
      gridAccountNo: demoGridAccount(code),
      multiplier: 1,
      effectiveFrom,
    });
    await meters.put(store, m.id, 'hoist', {
      name: '提升回路电表',
      serialNo: `${place.serialPrefix}-${i + 1}-002`,
      multiplier: 1,
      circuit: 'hoist',
      effectiveFrom,
    });
    for (const e of EQUIPMENT) {
      await equipment.put(store, m.id, e.id, {
        name: e.name,
        ratedKw: demoRatedKw(e, scale),
        circuit: e.circuit,
        mustRunWhenStopped: e.mustRun,
        meterId: e.circuit === 'hoist' ? 'hoist' : 'main',
        effectiveFrom,
      });
    }
  }
}
