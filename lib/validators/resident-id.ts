/**
 * Resident identity card number (公民身份号码, GB 11643-1999): identifies mine managers, special-operation
 * workers and blacklisted persons. It is personal data, so outside the record it belongs to it is shown masked.
 */
import { isRealCalendarDate, todayInShanghai } from './business-date.ts';

export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Earliest accepted birth year. GB 11643 itself sets no floor; a floor only catches typos. 1900 would be the
 * natural choice, but DOMAIN.md gives `440524188001010014` (born 1880) as a valid example, so the floor is 1800.
 */
export const RESIDENT_ID_MIN_BIRTH_YEAR = 1800;

export interface ResidentIdCheck {
  readonly valid: boolean;
  /** Input trimmed, lowercase x upper-cased. */
  readonly normalized: string;
  /** Why the number is invalid (short, English). */
  readonly problem?: string;
  /** Birth date from positions 7–14 as YYYY-MM-DD, when it is a real date. */
  readonly birthDate?: string;
}

/** Check character for the first 17 digits. Throws RangeError when the input is not 17 digits. */
export const residentIdCheckChar = (first17: string): string => {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('Expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * RESIDENT_ID_WEIGHTS[i]!;
  return CHECK_CHARS.charAt(sum % 11);
};

/**
 * Normalizes and checks a number: 17 digits and a check character (digit or X), a real birth date between
 * 1800-01-01 and today (Asia/Shanghai, relative to `now`), and a matching check character. Never throws.
 */
export const checkResidentId = (raw: string, now: Date = new Date()): ResidentIdCheck => {
  const normalized = raw.trim().toUpperCase();
  const invalid = (problem: string, birthDate?: string): ResidentIdCheck =>
    birthDate === undefined ? { valid: false, normalized, problem } : { valid: false, normalized, problem, birthDate };
  if (normalized.length !== 18) return invalid(`expected 18 characters, got ${normalized.length}`);
  for (let i = 0; i < 17; i++) {
    const c = normalized.charAt(i);
    if (c < '0' || c > '9')
      return invalid(`invalid character ${JSON.stringify(c)} at position ${i + 1}, expected a digit`);
  }
  const last = normalized.charAt(17);
  if (!/^[0-9X]$/.test(last)) return invalid(`invalid check character ${JSON.stringify(last)}, expected a digit or X`);

  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  if (!isRealCalendarDate(year, month, day)) {
    return invalid(`birth date ${normalized.slice(6, 14)} (positions 7-14) is not a real date`);
  }
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (year < RESIDENT_ID_MIN_BIRTH_YEAR)
    return invalid(`birth year ${year} is before ${RESIDENT_ID_MIN_BIRTH_YEAR}`, birthDate);
  if (birthDate > todayInShanghai(now)) return invalid(`birth date ${birthDate} is in the future`, birthDate);

  const expected = residentIdCheckChar(normalized.slice(0, 17));
  if (last !== expected) return invalid(`check character is ${last}, expected ${expected}`, birthDate);
  return { valid: true, normalized, birthDate };
};

/**
 * Masks positions 7–14 (the birth date): `110105********002X`. Input is trimmed and upper-cased first; anything
 * that is not 18 characters long is masked completely, so a malformed number never leaks through either.
 */
/** Masks every run in a text shaped like a resident ID (17 digits and a check character): digits 7–14 hidden. */
export const maskResidentIdsIn = (text: string): string =>
  text.replace(/(?<![0-9])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9Xx])/g, '$1********$2');

export const maskResidentId = (id: string): string => {
  const s = id.trim().toUpperCase();
  if (s.length !== 18) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}********${s.slice(14)}`;
};
