import type { Actor } from '#lib/store/audit.ts';
import { gsi2, pk } from '#lib/store/keys.ts';
import type { EnforcementFigures } from './counting.ts';
import type { ReportState } from './vocabulary.ts';

/**
 * A district's monthly report to the city (月报): one item per district and month under the district's partition,
 * PK JUR#<district>, SK MONTHLYREPORT#<month>, with every submission kept in it (each one's figures frozen when it was
 * submitted, and the city's return with its comments or its acceptance). While it is due or returned it is on the
 * due-date index (GSI2 DUE#<district> / <dueOn>#MONTHLYREPORT#-#<month>@<district>), so the district's admins are reminded
 * before the deadline and while it is late; submitting takes it off, a return puts it back.
 */
export const MONTHLY_REPORT_DUE_KIND = 'MONTHLYREPORT';

export interface Submission {
  /** 1 for the first, 2 for the one after a return, … */
  readonly no: number;
  /** The statistics of the month as they stood at submission: never recomputed. */
  readonly figures: EnforcementFigures;
  readonly note?: string;
  readonly submittedBy: Actor;
  readonly submittedAt: string;
  readonly returned?: { readonly by: Actor; readonly at: string; readonly comments: string };
  readonly accepted?: { readonly by: Actor; readonly at: string };
}

export interface MonthlyReport {
  readonly jurisdiction: string;
  readonly month: string;
  readonly state: ReportState;
  readonly dueOn: string;
  readonly submissions: readonly Submission[];
  readonly version: number;
  readonly updatedAt: string;
}

export const monthlyReportKey = (jurisdiction: string, month: string) => ({
  PK: pk.jurisdiction(jurisdiction),
  SK: `MONTHLYREPORT#${month}`,
});

/** The stored item: on the due-date index only while the district owes it. */
export const monthlyReportItem = (r: MonthlyReport) => ({
  ...monthlyReportKey(r.jurisdiction, r.month),
  entity: 'monthlyReport',
  ...r,
  ...(r.state === 'due' || r.state === 'returned'
    ? {
        GSI2PK: gsi2.due(r.jurisdiction),
        GSI2SK: gsi2.dueItem(r.dueOn, MONTHLY_REPORT_DUE_KIND, '-', `${r.month}@${r.jurisdiction}`),
      }
    : {}),
});

/** The city a district reports to: its parent jurisdiction. */
export const parentOf = (path: string): string | undefined =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : undefined;
