/**
 * 无证生产 / 证照失效组织生产 (the plan's item (2)): a mine producing on the reviewed day while its 安全生产许可证 or
 * 采矿许可证 is not valid on that day: expired (the day is after its expiry date; the expiry date itself is still
 * valid), or suspended or revoked by an approved licence action from that action's date. High, so it opens a case.
 * One finding naming every such licence; measured is the days the longest-lapsed one has been invalid, counting the
 * reviewed day. A licence the mine's file does not hold is not judged here.
 */
import { isExpiredOn, licenceStateOn } from '#lib/registry/licence-validity.ts';
import { LICENCE_LABELS, LICENCE_STATE_LABELS, type LicenceType } from '#lib/registry/vocabulary.ts';
import { addDays, daysBetween } from '#lib/validators/business-date.ts';
import { type LapsedLicence, licenceInvalidMessage } from '../messages.ts';
import { makeFinding, type Rule } from './context.ts';

/** The licences without which a mine may not produce. */
export const PRODUCTION_LICENCES: readonly LicenceType[] = ['safety_production', 'mining'];

export const licenceInvalid: Rule = ({ input, status }) => {
  if (status !== 'producing') return null;
  const date = input.date;
  const lapsed: (LapsedLicence & { since: string })[] = [];
  for (const type of PRODUCTION_LICENCES) {
    const v = input.licences?.[type];
    if (!v) continue;
    const acted = licenceStateOn(v, date);
    const base = { label: LICENCE_LABELS[type], number: v.number, expiresOn: v.expiresOn };
    if (acted) {
      const since = isExpiredOn(v, date) && addDays(v.expiresOn, 1) < acted.from ? addDays(v.expiresOn, 1) : acted.from;
      lapsed.push({
        ...base,
        since,
        acted: { state: LICENCE_STATE_LABELS[acted.state], from: acted.from, decisionNo: acted.decisionNo },
      });
    } else if (isExpiredOn(v, date)) {
      lapsed.push({ ...base, since: addDays(v.expiresOn, 1) });
    }
  }
  if (lapsed.length === 0) return null;
  const earliest = lapsed.map((l) => l.since).sort()[0]!;
  return makeFinding({
    rule: 'LICENCE_INVALID',
    severity: 'high',
    unit: 'days',
    measured: daysBetween(earliest, date) + 1,
    threshold: 0,
    baseline: { name: 'daysWithoutValidLicence', value: 0, source: 'default' },
    message: licenceInvalidMessage({ date, lapsed }),
  });
};
