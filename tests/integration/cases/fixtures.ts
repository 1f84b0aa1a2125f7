import type { Finding } from '#lib/findings/vocabulary.ts';
import { DS } from '../../support/district-db.ts';

/** A high hoist-share finding of the nightly review: on its own it opens an investigation case. */
export const hoistShare: Finding = {
  rule: 'HOIST_SHARE',
  severity: 'high',
  measured: 0.13,
  threshold: 0.12,
  unit: 'share',
  baseline: { name: 'hoistShare', value: 0.097, source: 'history' },
  message: '提升回路用电占比由 9.7% 升至 13%。',
};

/** A mine's reviewed day as the nightly job hands it to recordCaseFindings (a district mine, three days to act). */
export const reviewed = (mineId: string, date: string, findings: Finding[]) => ({
  review: { mineId, date, findings },
  mineName: `${mineId} 煤矿`,
  jurisdiction: DS,
  caseDeadlineDays: 3,
});
