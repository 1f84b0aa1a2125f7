/**
 * The shapes the pages read from the API (the fields they use; the schemas under lib/ on the server are the
 * full story).
 */
export interface Actor {
  readonly sub: string;
  readonly role: string;
  readonly name?: string;
}

export interface Mine {
  readonly mineId: string;
  readonly name: string;
  readonly enterpriseName?: string;
  readonly creditCode: string;
  readonly jurisdiction: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly statusSince: string;
  readonly approvedCapacityTonnesPerYear: number;
  readonly gasGrade: string;
  readonly hydrogeology: string;
  readonly standardisationGrade: string;
  readonly assignedOfficial?: { readonly userId: string; readonly name: string; readonly mobile?: string };
}

export interface Licence {
  readonly type: string;
  readonly label: string;
  readonly number: string;
  readonly expiresOn: string;
  readonly daysToExpiry: number;
  readonly state: 'valid' | 'expiring' | 'expired';
}

export interface Credit {
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly asOf: string;
  readonly score: number;
  readonly tier: string;
  readonly tierLabel: string;
  readonly scoreTier: string;
  readonly previousTier: string | null;
  readonly tierSince: string;
  readonly forced: readonly { readonly rule: string; readonly label: string }[];
  readonly override: { readonly tier: string; readonly endsOn: string; readonly reason: string } | null;
  readonly deductions: number;
  readonly bonuses: number;
  readonly nextRepairOn: string | null;
  readonly inspectionsPerYear: number;
  readonly lastInspectionOn: string | null;
  readonly nextInspectionDue: string;
  readonly provisional?: boolean;
}

export interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly measured: number;
  readonly threshold: number;
  readonly unit: string;
  readonly message: string;
}

export interface Step {
  readonly action: string;
  readonly at: string;
  readonly by: Actor;
  readonly note?: string;
  readonly evidence?: readonly string[];
}

export interface Case {
  readonly caseId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly rule: string;
  readonly ruleLabel: string;
  readonly severity: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly openedOn: string;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly firstFinding: Finding;
  readonly assignee?: { readonly userId: string; readonly name: string };
  readonly steps: readonly Step[];
  readonly violationId?: string;
  readonly version: number;
}
export interface CaseDetail extends Case {
  readonly evidence: readonly { readonly date: string; readonly finding: Finding }[];
}

export interface Hazard {
  readonly hazardId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly level: string;
  readonly levelLabel: string;
  readonly categoryName?: string;
  readonly description: string;
  readonly location: string;
  readonly foundOn: string;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly status: string;
  readonly statusLabel: string;
  readonly source: string;
  readonly supervision?: { readonly official: { readonly name: string } };
}

export interface BlacklistEntry {
  readonly entryId: string;
  readonly subjectType: string;
  readonly subjectName: string;
  readonly creditCode: string;
  readonly enterpriseName: string;
  readonly person?: { readonly roleLabel: string; readonly residentIdMasked: string };
  readonly mineId: string;
  readonly mineName: string;
  readonly grounds: readonly { readonly code: string; readonly name: string; readonly basis: string }[];
  readonly scopes: readonly string[];
  readonly status: string;
  readonly statusLabel: string;
  readonly notice?: { readonly servedOn: string; readonly noticeNo?: string; readonly objectionDeadline: string };
  readonly objections: readonly Objection[];
  readonly decisionNo?: string;
  readonly listedOn?: string;
  readonly endsOn?: string;
  readonly removalRequest?: { readonly reason: string; readonly evidence: readonly string[]; readonly requestedBy: Actor; readonly requestedAt: string };
  readonly removedOn?: string;
  readonly expiredOn?: string;
  readonly proposedBy?: Actor;
  readonly proposedAt?: string;
  readonly steps: readonly Step[];
  readonly version: number;
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
    readonly findings: readonly { readonly rule: string; readonly severity: string; readonly message: string; readonly caseId?: string }[];
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
