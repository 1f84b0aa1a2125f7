import {
  GAS_GRADE_LABELS,
  GAS_GRADES,
  HYDROGEOLOGY,
  HYDROGEOLOGY_LABELS,
  MINE_STATUS_LABELS,
  MINE_STATUSES,
  STANDARDISATION_GRADES,
  STANDARDISATION_LABELS,
} from '#lib/registry/vocabulary.ts';
import type { Option } from '../../forms/index.ts';

/** The choices of a mine's profile, in the registry's own words. */
const options = <T extends string>(codes: readonly T[], labels: Record<T, string>): Option[] =>
  codes.map((c) => ({ value: c, label: labels[c] }));

export const STATUS_OPTIONS = options(MINE_STATUSES, MINE_STATUS_LABELS);
export const GAS_OPTIONS = options(GAS_GRADES, GAS_GRADE_LABELS);
export const HYDRO_OPTIONS = options(HYDROGEOLOGY, HYDROGEOLOGY_LABELS);
export const STANDARD_OPTIONS = options(STANDARDISATION_GRADES, STANDARDISATION_LABELS);

/** The profile's text values, as the form holds them. */
export const PROFILE_FIELDS = [
  'name',
  'enterpriseName',
  'creditCode',
  'jurisdiction',
  'address',
  'approvedCapacityTonnesPerYear',
  'gasGrade',
  'hydrogeology',
  'standardisationGrade',
] as const;

/** The form's capacity (text) as the API's number; anything else left for the API to refuse in its words. */
export function withCapacity(body: Record<string, unknown>): Record<string, unknown> {
  const raw = body.approvedCapacityTonnesPerYear;
  if (typeof raw !== 'string') return body;
  const n = Number(raw.replace(/[,，\s]/g, ''));
  return { ...body, approvedCapacityTonnesPerYear: Number.isFinite(n) && raw.trim() !== '' ? n : raw };
}

/** Only what changed, for a PATCH: a value cleared is left out (the profile's optional text stays as it was). */
export function changedProfile(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = after[field];
    if (value !== undefined && String(value) !== String(before[field] ?? '')) out[field] = value;
  }
  return out;
}
