import type * as z from 'zod/mini';
import { stripKeys } from '#lib/store/keys.ts';
import { checkCreditCode } from '#lib/validators/credit-code.ts';
import type { createMineBody } from './schemas.ts';
import type { LicenceType, LicenceValidity, StatusSpan } from './vocabulary.ts';
import { MINE_STATUS_LABELS, type MineStatus } from './vocabulary.ts';

/** A mine profile as stored (PK MINE#<id>, SK PROFILE). */
export interface MineItem {
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
  readonly status: MineStatus;
  readonly statusSince: string;
  /** The status history as spans, oldest first (see profile-write.ts). */
  readonly statusTimeline: readonly StatusSpan[];
  /** Each recorded licence's validity, copied here with the licence (lib/registry/licences.ts) for the review. */
  readonly licences?: Partial<Record<LicenceType, LicenceValidity>>;
  readonly assignedOfficial?: { userId: string; name: string; mobile?: string; email?: string };
  readonly contacts?: Record<string, unknown>;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type MineInput = z.infer<typeof createMineBody>;

export interface Warning {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Real credit codes sometimes fail the check character, so a bad one is stored with a warning rather than
 * refused (DOMAIN.md, Validators).
 */
export function creditCodeWarnings(code: string, field = 'creditCode'): Warning[] {
  const check = checkCreditCode(code);
  if (check.checkDigitValid) return [];
  return [
    {
      field,
      code: 'CREDIT_CODE_CHECK_CHARACTER',
      message: `统一社会信用代码校验位不符（应为 ${check.expectedCheck ?? '?'}），已按原样保存，请核对。`,
    },
  ];
}

export function mineView(item: MineItem, warnings: readonly Warning[] = []) {
  return {
    ...stripKeys(item),
    statusLabel: MINE_STATUS_LABELS[item.status],
    ...(warnings.length ? { warnings } : {}),
  };
}
