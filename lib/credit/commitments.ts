import type * as z from 'zod/mini';
import { ValidationError } from '#lib/errors.ts';
import { mineRecords } from '#lib/registry/mine-records.ts';
import { creditIndex, sk } from '#lib/store/keys.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import type { commitmentBody } from './schemas.ts';

/**
 * A mine's yearly safety commitment (安全承诺), filed with the bureau. Filed within the credit window it earns the
 * commitment bonus, so it carries the credit index by the day it was filed.
 */
type CommitmentBody = z.infer<typeof commitmentBody>;

export const commitments = mineRecords<CommitmentBody>({
  entityType: 'safetyCommitment',
  label: '安全承诺',
  idField: 'year',
  sortKey: (year) => sk.commitment(Number(year)),
  prefix: sk.commitmentPrefix,
  indexKeys: (mine, year, body) => creditIndex(mine.mineId, body.filedOn, 'COMMITMENT', year),
});

/** A commitment is for the year it is filed in, or filed late in the year before for the next one. */
export function putCommitment(store: TenantStore, mineId: string, year: number, body: CommitmentBody) {
  refuseFutureDates(store.now(), { field: 'body.filedOn', label: '报备日期', date: body.filedOn });
  const filedYear = Number(body.filedOn.slice(0, 4));
  if (year !== filedYear && year !== filedYear + 1) {
    throw new ValidationError(`${year} 年度的安全承诺须在 ${year - 1} 或 ${year} 年报备`, [
      { field: 'path.year', message: `filed in ${filedYear}` },
    ]);
  }
  return commitments.put(store, mineId, String(year), body);
}
