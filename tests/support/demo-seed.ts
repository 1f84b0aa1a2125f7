import type { Db } from '#lib/store/db.ts';
import { type DemoBlacklistSummary, seedDemoBlacklist } from '#local/seed/demo-blacklist.ts';
import { seedDemoCredit } from '#local/seed/demo-credit.ts';
import { seedDemoDisclosure } from '#local/seed/demo-disclosure.ts';
import { seedDemoDistrict } from '#local/seed/demo-district.ts';
import { seedDemoEnforcement } from '#local/seed/demo-enforcement.ts';
import { seedDemoPersons } from '#local/seed/demo-persons.ts';
import { seedDemoPower } from '#local/seed/demo-power.ts';

/**
 * The whole demo district as `npm start` seeds it, in its order (the blacklist after the credit: it reads the
 * credit; the disclosure last: it publishes what the others decided).
 */
export async function seedWholeDemo(db: Db): Promise<{ blacklist: DemoBlacklistSummary }> {
  await seedDemoDistrict(db);
  await seedDemoEnforcement(db);
  await seedDemoPower(db);
  await seedDemoCredit(db);
  const blacklist = await seedDemoBlacklist(db);
  await seedDemoPersons(db);
  await seedDemoDisclosure(db);
  return { blacklist };
}
