/** The shapes of the electricity review's API answers the charts read (`GET /v1/mines/{id}/power-readings`, `…/power-reviews`). */
import type { MineReview } from '../types.ts';

export interface ReadingBand {
  readonly maintenanceKwh: number;
  readonly productionCeilingKwh: number;
  readonly medianKwh: number | null;
  readonly madKwh: number | null;
  /** The daily totals the review accepts without a finding; absent where no rule bounds the day. */
  readonly lowKwh?: number;
  readonly highKwh?: number;
}

export interface ReadingMeter {
  readonly meterId: string;
  readonly kwh: number;
  readonly revision: number;
  readonly quarterHours?: readonly number[];
}

export interface ReadingDay {
  readonly date: string;
  readonly kwh: number | null;
  readonly meters: readonly ReadingMeter[];
  /** Present once the day has been reviewed. */
  readonly status?: string;
  readonly verdict?: 'normal' | 'anomaly' | 'no_data';
  readonly rules?: readonly string[];
  readonly band?: ReadingBand;
}

export interface ReadingSeries {
  readonly mineId: string;
  readonly from: string;
  readonly to: string;
  readonly days: readonly ReadingDay[];
}

/** The fields of a day's review the chart reads (the API's review has more). */
export type MineReviewDay = Pick<MineReview, 'date' | 'status' | 'verdict' | 'totalKwh'> & {
  readonly findings: readonly Pick<MineReview['findings'][number], 'rule' | 'severity' | 'message'>[];
};
