/** The shapes of the API answers the mine's file reads (see lib/registry, lib/credit, lib/cases and friends). */

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
  readonly creditCodeCheckValid: boolean;
  readonly jurisdiction: string;
  readonly address?: string;
  readonly approvedCapacityTonnesPerYear: number;
  readonly gasGrade: string;
  readonly hydrogeology: string;
  readonly standardisationGrade: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly statusSince: string;
  readonly assignedOfficial?: { readonly userId: string; readonly name: string; readonly mobile?: string; readonly email?: string };
  readonly contacts?: {
    readonly safetyManager?: { readonly name: string; readonly mobile: string };
    readonly dispatchRoom?: { readonly phone: string };
  };
}

export interface Licence {
  readonly type: string;
  readonly label: string;
  readonly number: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  readonly issuer?: string;
  readonly daysToExpiry: number;
  readonly state: 'valid' | 'expiring' | 'expired';
}

export interface PeriodicDuty {
  readonly duty: string;
  readonly label: string;
  readonly lastDoneOn: string;
  readonly resultGradeLabel?: string;
  readonly reference?: string;
  readonly intervalMonths: number;
  readonly nextDueOn: string;
  readonly daysToDue: number;
  readonly state: 'done' | 'due_soon' | 'overdue';
}

export interface Person {
  readonly personId: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly name: string;
  readonly residentIdMasked: string;
  readonly mobile?: string;
}

export interface Equipment {
  readonly equipmentId: string;
  readonly name: string;
  readonly ratedKw: number;
  readonly circuit: string;
  readonly mustRunWhenStopped: boolean;
  readonly meterId?: string;
}

export interface CreditItem {
  readonly recordKind: string;
  readonly recordId: string | null;
  readonly date: string | null;
  readonly rule: string;
  readonly label: string;
  readonly points: number;
  readonly stopsCountingOn: string | null;
  readonly serious: boolean;
}

export interface Credit {
  readonly asOf: string;
  readonly score: number;
  readonly scoreTier: string;
  readonly tier: string;
  readonly tierLabel: string;
  readonly previousTier: string | null;
  readonly tierSince: string;
  readonly forced: readonly { readonly rule: string; readonly label: string }[];
  readonly override: { readonly tier: string; readonly endsOn: string; readonly reason: string } | null;
  readonly items: readonly CreditItem[];
  readonly deductions: number;
  readonly bonuses: number;
  readonly nextRepairOn: string | null;
  readonly inspectionsPerYear: number;
  readonly lastInspectionOn: string | null;
  readonly nextInspectionDue: string;
  readonly provisional?: boolean;
}

export interface Hazard {
  readonly hazardId: string;
  readonly levelLabel: string;
  readonly categoryName?: string;
  readonly description: string;
  readonly location: string;
  readonly foundOn: string;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly statusLabel: string;
}

export interface Violation {
  readonly violationId: string;
  readonly categoryNo: number;
  readonly categoryName: string;
  readonly date: string;
  readonly description: string;
}

export interface Penalty {
  readonly penaltyId: string;
  readonly kindLabel: string;
  readonly amountYuan?: number;
  readonly decisionNo?: string;
  readonly description: string;
  readonly major: boolean;
  readonly statusLabel: string;
  readonly proposedAt: string;
  readonly effectiveOn?: string;
  readonly overdue: boolean;
}

export interface Inspection {
  readonly inspectionId: string;
  readonly date: string;
  readonly statusLabel: string;
  readonly purpose?: string;
  readonly summary?: string;
  readonly inspectors: readonly { readonly name: string }[];
  readonly overdue: boolean;
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
}

export interface Case {
  readonly caseId: string;
  readonly rule: string;
  readonly ruleLabel: string;
  readonly severity: string;
  readonly statusLabel: string;
  readonly openedOn: string;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly firstFinding: { readonly message: string };
}

export interface MineRecord {
  readonly mine: Mine;
  readonly openHazards: readonly Hazard[];
  readonly violations: readonly Violation[];
  readonly penalties: readonly Penalty[];
  readonly inspections: readonly Inspection[];
  readonly accidents: readonly Accident[];
  readonly openCases: readonly Case[];
}

export interface ListOf<T> {
  readonly items: readonly T[];
}
