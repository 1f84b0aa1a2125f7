/**
 * The demo district's mines, as its register lists them: 鹤岗市东山区, 9 producing and 4 suspended mines, among them
 * 泰源煤矿 (risk control pilot) and 蔬园一煤矿 (grade-2 standardisation pilot); other names are plainly fictional. Also
 * the well-formed codes the demo derives from a mine's position: its unified credit code and its people's resident IDs.
 */
import { creditCodeCheckChar } from '#lib/validators/credit-code.ts';
import { residentIdCheckChar } from '#lib/validators/resident-id.ts';

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
