// Unified social credit code: boundary cases both sides, and the check character's single-substitution guarantee.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeSchema } from '#lib/schemas/primitives.ts';
import { CREDIT_CODE_ALPHABET, checkCreditCode, creditCodeCheckChar } from '#lib/validators/credit-code.ts';

// Check characters computed independently of this module.
const VALID = ['91350100M000100Y43', '91110108551385082Q', '12100000400000624D', '91440300708461136T'];

describe('checkCreditCode', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({
      wellFormed: true,
      checkDigitValid: true,
      normalized: code,
      expectedCheck: code.charAt(17),
    });
  });

  it.each([
    ['91350100M000100Y44', '3'],
    ['91110108551385082R', 'Q'],
    ['12100000400000624C', 'D'],
    ['913500100M00100Y43', 'A'], // two adjacent characters of a valid code swapped
  ])('%s is well-formed with a wrong check character (expected %s)', (code, expected) => {
    const r = checkCreditCode(code);
    expect(r.wellFormed).toBe(true);
    expect(r.checkDigitValid).toBe(false);
    expect(r.expectedCheck).toBe(expected);
    expect(r.problem).toBeUndefined();
  });

  it('reports the known real code 91350203M0001QAY9B as well-formed but failing the check', () => {
    expect(checkCreditCode('91350203M0001QAY9B')).toEqual({
      wellFormed: true,
      checkDigitValid: false,
      normalized: '91350203M0001QAY9B',
      expectedCheck: '9',
    });
  });

  it('normalizes lower case and surrounding space', () => {
    const r = checkCreditCode('  91350100m000100y43\t');
    expect(r.normalized).toBe('91350100M000100Y43');
    expect(r.checkDigitValid).toBe(true);
  });

  it.each([
    ['', 'expected 18 characters, got 0'],
    ['91350100M000100Y4', 'expected 18 characters, got 17'],
    ['91350100M000100Y430', 'expected 18 characters, got 19'],
    ['91350100M000 100Y43', 'expected 18 characters, got 19'],
  ])('refuses %j: %s', (code, problem) => {
    expect(checkCreditCode(code)).toEqual({
      wellFormed: false,
      checkDigitValid: false,
      normalized: code.trim().toUpperCase(),
      problem,
    });
  });

  it.each(['I', 'O', 'Z', 'S', 'V', 'i', 'o', 'z', 's', 'v', '-', ' ', '统'])('refuses the character %j', (c) => {
    const code = `91350100M${c}00100Y43`;
    const r = checkCreditCode(code);
    expect(r.wellFormed).toBe(false);
    expect(r.checkDigitValid).toBe(false);
    expect(r.expectedCheck).toBeUndefined();
    expect(r.problem).toBe(`invalid character ${JSON.stringify(c.toUpperCase())} at position 10`);
  });

  it('names the first invalid position, including the check character', () => {
    expect(checkCreditCode('O1350100M000100Y43').problem).toMatch(/position 1$/);
    expect(checkCreditCode('91350100M000100Y4I').problem).toMatch(/position 18$/);
  });
});

describe('creditCodeCheckChar', () => {
  it('maps a remainder of 0 to "0" (31 → 0)', () => {
    // All zeros: Σ = 0, 31 − 0 = 31 → 0.
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
  });
  it.each(['', '91350100M000100Y', '91350100M000100Y43', '91350100M000100YI'])('throws on %j', (s) => {
    expect(() => creditCodeCheckChar(s)).toThrow(RangeError);
  });
});

describe('creditCodeSchema', () => {
  it('passes a normalized code through', () => {
    expect(creditCodeSchema.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });
  it('does not refuse a code whose check character fails', () => {
    expect(creditCodeSchema.parse('91350203m0001qay9b')).toBe('91350203M0001QAY9B');
  });
  it.each([
    ['91350100M000100Y4', /expected 18 characters, got 17/],
    ['91350100MI00100Y43', /invalid character "I" at position 10/],
  ])('refuses %s, naming the problem', (code, message) => {
    const r = creditCodeSchema.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toMatch(message);
  });
  it('refuses non-strings', () => {
    expect(creditCodeSchema.safeParse(91350100).success).toBe(false);
  });
});

describe('properties', () => {
  const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
  const first17 = fc.array(alphabetChar, { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

  it('appending the check character gives a check-valid code', () => {
    fc.assert(
      fc.property(first17, (s) => {
        const r = checkCreditCode(s + creditCodeCheckChar(s));
        expect(r.wellFormed && r.checkDigitValid).toBe(true);
      }),
    );
  });

  it('changing any one character to another valid character makes it check-invalid', () => {
    fc.assert(
      fc.property(first17, fc.nat(17), fc.integer({ min: 1, max: 30 }), (s, pos, shift) => {
        const code = s + creditCodeCheckChar(s);
        const old = CREDIT_CODE_ALPHABET.indexOf(code.charAt(pos));
        const changed = code.slice(0, pos) + CREDIT_CODE_ALPHABET.charAt((old + shift) % 31) + code.slice(pos + 1);
        const r = checkCreditCode(changed);
        expect(r.wellFormed).toBe(true);
        expect(r.checkDigitValid).toBe(false);
      }),
    );
  });

  it('never throws and is well-formed exactly for 18 alphabet characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (raw) => {
        const r = checkCreditCode(raw);
        const n = raw.trim().toUpperCase();
        expect(r.normalized).toBe(n);
        expect(r.wellFormed).toBe(n.length === 18 && [...n].every((c) => CREDIT_CODE_ALPHABET.includes(c)));
        expect(r.wellFormed).toBe(r.problem === undefined);
        if (r.checkDigitValid) expect(r.wellFormed).toBe(true);
      }),
    );
  });
});
