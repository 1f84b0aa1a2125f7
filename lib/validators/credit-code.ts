/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): the registration number of every mine's
 * operating company. This module only reports: some real, registered codes fail the check character (for example
 * `91350203M0001QAY9B`), so callers accept a well-formed code and attach a warning when the check fails.
 */

/** The 31 characters a code may use: digits and capitals without I, O, Z, S, V. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weight of each of the first 17 positions (3^i mod 31). */
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const CREDIT_CODE_LENGTH = 18;

export interface CreditCodeCheck {
  /** 18 characters, all from the alphabet. */
  readonly wellFormed: boolean;
  /** Well-formed and the 18th character is the computed check character. */
  readonly checkDigitValid: boolean;
  /** Input trimmed and upper-cased. */
  readonly normalized: string;
  /** The check character the first 17 characters call for (only when well-formed). */
  readonly expectedCheck?: string;
  /** Why the code is not well-formed (short, English). */
  readonly problem?: string;
}

/**
 * Check character for the first 17 characters of a code (already normalized).
 * Throws RangeError when the input is not 17 characters of the alphabet.
 */
export const creditCodeCheckChar = (first17: string): string => {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`Expected 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`Invalid character ${JSON.stringify(first17.charAt(i))} at position ${i + 1}`);
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET.charAt(check === 31 ? 0 : check);
};

/** Normalizes (trim, upper case) and checks a code; never throws. */
export const checkCreditCode = (raw: string): CreditCodeCheck => {
  const normalized = raw.trim().toUpperCase();
  const notWellFormed = (problem: string): CreditCodeCheck => ({
    wellFormed: false,
    checkDigitValid: false,
    normalized,
    problem,
  });
  if (normalized.length !== CREDIT_CODE_LENGTH) {
    return notWellFormed(`expected ${CREDIT_CODE_LENGTH} characters, got ${normalized.length}`);
  }
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charAt(i);
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      return notWellFormed(`invalid character ${JSON.stringify(c)} at position ${i + 1}`);
    }
  }
  const expectedCheck = creditCodeCheckChar(normalized.slice(0, 17));
  return { wellFormed: true, checkDigitValid: normalized.charAt(17) === expectedCheck, normalized, expectedCheck };
};
