// Resident ID numbers: check character, birth-date rules (leap days, future, year floor) and masking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdSchema } from '#lib/schemas/primitives.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import {
  checkResidentId,
  maskResidentId,
  maskResidentIdsIn,
  residentIdCheckChar,
} from '#lib/validators/resident-id.ts';

// A fixed "now" for the date rules: 2025-06-15 10:00 in Shanghai.
const NOW = new Date('2025-06-15T02:00:00Z');
const withCheck = (first17: string): string => first17 + residentIdCheckChar(first17);

describe('checkResidentId', () => {
  it.each([
    ['11010519491231002X', '1949-12-31'],
    ['440524188001010014', '1880-01-01'], // DOMAIN example: the year floor must allow it
    [withCheck('11010520000229001'), '2000-02-29'], // leap year (divisible by 400)
    [withCheck('11010519960229001'), '1996-02-29'],
    [withCheck('11010518000101001'), '1800-01-01'], // the floor itself
    [withCheck('11010520250615001'), '2025-06-15'], // born today
  ])('accepts %s (born %s)', (id, birthDate) => {
    expect(checkResidentId(id, NOW)).toEqual({ valid: true, normalized: id, birthDate });
  });

  it('accepts a lowercase x and normalizes it', () => {
    expect(checkResidentId(' 11010519491231002x ', NOW)).toEqual({
      valid: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
    });
  });

  it.each([
    ['11010519491231002', /expected 18 characters, got 17/],
    ['11010519491231002X1', /expected 18 characters, got 19/],
    ['', /expected 18 characters, got 0/],
    ['1101051949123100XX', /position 17, expected a digit/],
    ['A1010519491231002X', /position 1, expected a digit/],
    ['11010519491231002Y', /invalid check character "Y"/],
    ['110105194912310021', /check character is 1, expected X/],
    ['440524188001010015', /check character is 5, expected 4/],
    [withCheck('11010519000229001'), /19000229 .* not a real date/], // 1900: divisible by 100, not a leap year
    [withCheck('11010520230229001'), /20230229 .* not a real date/],
    [withCheck('11010519991332001'), /not a real date/], // month 13
    [withCheck('11010519990001001'), /not a real date/], // month 00
    [withCheck('11010519990100001'), /not a real date/], // day 00
    [withCheck('11010519990431001'), /not a real date/], // April 31
    [withCheck('11010517991231001'), /birth year 1799 is before 1800/],
    [withCheck('11010520250616001'), /2025-06-16 is in the future/], // tomorrow in Shanghai
    [withCheck('11010530000101001'), /in the future/],
  ])('refuses %s', (id, problem) => {
    const r = checkResidentId(id, NOW);
    expect(r.valid).toBe(false);
    expect(r.problem).toMatch(problem);
  });

  it('judges "future" by the Shanghai calendar day', () => {
    const id = withCheck('11010520250616001');
    // 2025-06-15T16:00Z is already 2025-06-16 00:00 in Shanghai.
    expect(checkResidentId(id, new Date('2025-06-15T15:59:59Z')).valid).toBe(false);
    expect(checkResidentId(id, new Date('2025-06-15T16:00:00Z')).valid).toBe(true);
  });

  it('returns the birth date even when the check character is wrong', () => {
    expect(checkResidentId('110105194912310021', NOW).birthDate).toBe('1949-12-31');
  });
});

describe('maskResidentId', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    ['440524188001010014', '440524********0014'],
    ['1101051949123100', '****************'], // malformed: masked completely
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskResidentId(id)).toBe(masked);
  });
});

describe('residentIdSchema', () => {
  it('passes a valid number through, normalized', () => {
    expect(residentIdSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });
  it.each([
    ['110105194912310021', /^不是有效的居民身份证号码：校验位不符$/],
    [withCheck('11010520230229001'), /^不是有效的居民身份证号码：出生日期无效$/],
    ['1101051949', /^不是有效的居民身份证号码：长度须为 18 位$/],
    ['11010519491231002Z', /^不是有效的居民身份证号码：校验位须为数字或 X$/],
    ['1101051949A231002X', /^不是有效的居民身份证号码：前 17 位须为数字$/],
  ])('refuses %s with a clear message that repeats none of its digits', (id, message) => {
    const r = residentIdSchema.safeParse(id);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(message);
    expect(r.error?.issues[0]?.message).not.toMatch(/\d{4}/);
  });
});

describe('properties', () => {
  const today = todayInShanghai(NOW);
  const span = 365 * 225; // 1800-01-01 .. today
  const birthDate = fc
    .integer({ min: 0, max: span })
    .map((n) => addDays(today, -n))
    .filter((d) => d >= '1800-01-01');
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const validId = fc
    .tuple(digits(6), birthDate, digits(3))
    .map(([region, date, seq]) => withCheck(region + date.replace(/-/g, '') + seq));

  it('appending the check character gives a valid number', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(checkResidentId(id, NOW).valid).toBe(true);
      }),
    );
  });

  it('changing any one character to another valid character makes it invalid', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.integer({ min: 1, max: 10 }), (id, pos, shift) => {
        const chars = pos === 17 ? '0123456789X' : '0123456789';
        const old = chars.indexOf(id.charAt(pos));
        const changed = id.slice(0, pos) + chars.charAt((old + shift) % chars.length) + id.slice(pos + 1);
        if (changed === id) return; // shift wrapped round to the same digit (only possible for 10 digits, shift 10)
        const r = checkResidentId(changed, NOW);
        expect(r.valid).toBe(false);
        // Wherever the change lands, the check character no longer matches (if the date survived to be checked).
        expect(residentIdCheckChar(changed.slice(0, 17))).not.toBe(changed.charAt(17));
      }),
    );
  });

  it('the mask never reveals positions 7-14 and keeps length 18', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const masked = maskResidentId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked.slice(0, 6)).toBe(id.slice(0, 6));
        expect(masked.slice(14)).toBe(id.slice(14));
      }),
    );
  });

  it('the mask never reveals the birth date of any 18-character input, and hides all of other inputs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (raw) => {
        const masked = maskResidentId(raw);
        const n = raw.trim().toUpperCase();
        expect(masked).toHaveLength(n.length);
        if (n.length === 18) expect(masked.slice(6, 14)).toBe('********');
        else expect(masked).toBe('*'.repeat(n.length));
      }),
    );
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (raw) => {
        checkResidentId(raw, NOW);
      }),
    );
  });
});

describe('maskResidentIdsIn', () => {
  it.each([
    ['名单记录 11010519491231002X 不存在', '名单记录 110105********002X 不存在'],
    ['/v1/blacklist/440524188001010014', '/v1/blacklist/440524********0014'],
    ['two: 11010519491231002x, 440524188001010014.', 'two: 110105********002x, 440524********0014.'],
    // Not an ID: shorter or longer runs of digits stay as they are (amounts, timestamps, decision numbers).
    ['1101051949123100', '1101051949123100'],
    ['1101051949123100211', '1101051949123100211'],
  ])('%s → %s', (text, masked) => {
    expect(maskResidentIdsIn(text)).toBe(masked);
  });
});
