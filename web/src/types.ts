/**
 * The shapes the pages read from the API. Where the server publishes a response schema (the schemas.ts of each lib
 * area, the source of the OpenAPI document) the shape is that schema's type, so a field the API renames or drops
 * shows up here at build time; type-only imports add nothing to the bundle. The answers without such a schema are
 * written out with the fields the pages use.
 */
import type * as z from 'zod/mini';
import type { acceptanceSchema } from '#lib/acceptance/schemas.ts';
import type { checkSchema, entrySchema } from '#lib/blacklist/schemas.ts';
import type { caseDetailSchema, caseSchema } from '#lib/cases/schemas.ts';
import type { creditSchema, creditSummarySchema } from '#lib/credit/schemas.ts';
import type { directiveSchema } from '#lib/directives/schemas.ts';
import type { findingSchema } from '#lib/findings/schemas.ts';
import type { hazardSchema } from '#lib/hazards/schemas.ts';
import type { overviewSchema } from '#lib/overview/schemas.ts';
import type { personFileSchema } from '#lib/persons/schemas.ts';
import type { reviewSchema } from '#lib/power/schemas.ts';
import type { certificateSchema } from '#lib/registry/certificate-schemas.ts';
import type {
  equipmentSchema,
  licenceSchema,
  mineSchema,
  periodicDutySchema,
  personSchema,
} from '#lib/registry/schemas.ts';
import type { actorSchema, stepSchema } from '#lib/schemas/records.ts';

export type Actor = z.infer<typeof actorSchema>;
export type Step = z.infer<typeof stepSchema>;

/** The API sends the contacts as stored; the mine's file shows the safety manager. */
export type Mine = Omit<z.infer<typeof mineSchema>, 'contacts'> & {
  readonly contacts?: {
    readonly safetyManager?: { readonly name: string; readonly mobile: string };
    readonly dispatchRoom?: { readonly phone: string };
  };
};
export type Licence = z.infer<typeof licenceSchema>;
export type PeriodicDuty = z.infer<typeof periodicDutySchema>;
export type Person = z.infer<typeof personSchema>;
export type Certificate = z.infer<typeof certificateSchema>;
export type PersonFile = z.infer<typeof personFileSchema>;
/** A responsible key person a record names (masked ID). */
export interface NamedPerson {
  readonly personId: string;
  readonly name: string;
  readonly roleLabel: string;
}
export type Equipment = z.infer<typeof equipmentSchema>;

export type Credit = z.infer<typeof creditSchema>;
/** A mine's line of the jurisdiction's credit list (no items). */
export type CreditSummary = z.infer<typeof creditSummarySchema>;
export type CreditItem = Credit['items'][number];

export type Finding = z.infer<typeof findingSchema>;
/** A mine's review of one day: in its own list of reviews and in the day's list of every mine. */
export type MineReview = z.infer<typeof reviewSchema>;
export type Case = z.infer<typeof caseSchema>;
/** A 督办函 or 监管监察意见书 with its items' states and rounds of answers. */
export type Directive = z.infer<typeof directiveSchema>;
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export type Hazard = z.infer<typeof hazardSchema>;
/** 复工复产验收: a mine's acceptance before it resumes production. */
export type Acceptance = z.infer<typeof acceptanceSchema>;

/** The answer of 联合惩戒查询: whether the subject is restricted for the scope, and the published entries behind it. */
export type BlacklistCheck = z.infer<typeof checkSchema>;

/**
 * A blacklist entry as the API sends it. Its schema leaves the objections, the removal request and the history open
 * and does not name the proposer, so those are spelt out here.
 */
export type BlacklistEntry = Omit<
  z.infer<typeof entrySchema>,
  'objections' | 'removalRequest' | 'revocationRequest' | 'steps'
> & {
  readonly objections: readonly Objection[];
  readonly removalRequest?: PendingRequest;
  /** A proposal to revoke the early removal, waiting for a second signature. */
  readonly revocationRequest?: PendingRequest;
  readonly proposedBy?: Actor;
  readonly proposedAt?: string;
  readonly steps: readonly Step[];
};
/** A request waiting for a legal reviewer's signature: who asked, why, on what material. */
export interface PendingRequest {
  readonly reason: string;
  readonly evidence: readonly string[];
  readonly requestedBy: Actor;
  readonly requestedAt: string;
}
export interface Objection {
  readonly objectionId: string;
  readonly receivedOn: string;
  readonly content: string;
  readonly answer?: { readonly text: string; readonly upheld: boolean; readonly by: Actor; readonly at: string };
}

export interface PowerReport {
  readonly date: string;
  readonly mines: number;
  readonly verdicts: Record<string, number>;
  readonly bySeverity: Record<string, number>;
  readonly anomalies: readonly {
    readonly mineId: string;
    readonly mineName: string;
    readonly status: string;
    readonly totalKwh: number | null;
    readonly severity: string;
    readonly findings: readonly {
      readonly rule: string;
      readonly severity: string;
      readonly message: string;
      readonly caseId?: string;
    }[];
  }[];
  readonly noData: readonly { readonly mineId: string; readonly mineName: string; readonly status: string }[];
  readonly pendingJurisdictions?: readonly string[];
  readonly policies?: readonly { readonly definedAt: string | null; readonly version: number }[];
}

export interface CalendarEntry {
  readonly calendarId: string;
  readonly title: string;
  readonly dueOn: string;
  readonly description?: string;
  readonly mineId?: string;
}

export interface InboxItem {
  readonly notificationId: string;
  readonly kind: string;
  readonly severity: string;
  readonly title: string;
  readonly body: string;
  readonly read: boolean;
  readonly createdAt: string;
  readonly mineId?: string;
  readonly ref?: { readonly entityType: string; readonly entityId: string };
}

export interface Delivery {
  readonly channel: string;
  readonly addressee: string;
  readonly toMasked?: string;
  readonly status: string;
  readonly attempts: number;
  readonly sentAt?: string;
  readonly holdUntil?: string;
  readonly lastError?: string;
}

export interface NotificationRecord {
  readonly notificationId: string;
  readonly kind: string;
  readonly mineId?: string;
  readonly severity: string;
  readonly title: string;
  readonly body: string;
  readonly status: string;
  readonly createdAt: string;
  readonly dispatchedAt?: string;
  readonly ref: { readonly entityType: string; readonly entityId: string };
  readonly deliveries?: Record<string, Delivery>;
}

export interface Violation {
  readonly violationId: string;
  readonly categoryNo: number;
  readonly categoryName: string;
  readonly date: string;
  readonly description: string;
  readonly responsiblePersons?: readonly NamedPerson[];
}

export interface Penalty {
  readonly penaltyId: string;
  readonly kindLabel: string;
  readonly amountYuan?: number;
  readonly decisionNo?: string;
  /** The 行政处罚决定书 number the bureau's register gave it, once decided. */
  readonly documentNo?: string;
  readonly description: string;
  readonly major: boolean;
  readonly statusLabel: string;
  readonly proposedAt: string;
  readonly effectiveOn?: string;
  readonly overdue: boolean;
  readonly responsiblePersons?: readonly NamedPerson[];
}

export interface Inspection {
  readonly inspectionId: string;
  readonly date: string;
  readonly statusLabel: string;
  readonly purpose?: string;
  readonly summary?: string;
  readonly inspectors: readonly { readonly name: string }[];
  readonly overdue: boolean;
  /** The 现场检查记录 number, once closed. */
  readonly recordNo?: string;
}

export interface Accident {
  readonly accidentId: string;
  readonly date: string;
  readonly levelLabel: string;
  readonly deaths: number;
  readonly injuries: number;
  readonly description: string;
  readonly concealed: boolean;
  readonly misreported: boolean;
  readonly responsiblePersons?: readonly NamedPerson[];
}

/** A mine's file: its profile and what is open or recent against it. */
export interface MineRecord {
  readonly mine: Mine;
  readonly openHazards: readonly Hazard[];
  readonly violations: readonly Violation[];
  readonly penalties: readonly Penalty[];
  readonly inspections: readonly Inspection[];
  readonly accidents: readonly Accident[];
  readonly directives: readonly Directive[];
  readonly openCases: readonly Case[];
}

export interface ListOf<T> {
  readonly items: readonly T[];
}

/** 辖区总览 (GET /v1/overview): a jurisdiction's figures and a row per child. */
export type OverviewAnswer = z.infer<typeof overviewSchema>;
export type OverviewRow = OverviewAnswer['children'][number];
export type OverviewFigures = OverviewAnswer['figures'];
