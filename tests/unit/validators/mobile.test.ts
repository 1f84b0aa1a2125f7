// Mainland mobile numbers: format, normalization of typed separators and country code, masking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mobileSchema } from '#lib/schemas/primitives.ts';
import { isMobile, maskMobile, normalizeMobile } from '#lib/validators/mobile.ts';

describe('isMobile', () => {
  it.each(['13800000000', '19912345678', '15000000000'])('accepts %s', (m) => expect(isMobile(m)).toBe(true));
  it.each(['12800000000', '10800000000', '1380000000', '138000000000', '23800000000', '1380000000a', ' 13800000000'])(
    'refuses %j',
    (m) => expect(isMobile(m)).toBe(false),
  );
});

describe('normalizeMobile', () => {
  it.each([
    [' 138 0000 0000 ', '13800000000'],
    ['138-0000-0000', '13800000000'],
    ['+8613800000000', '13800000000'],
    ['0086 138 0000 0000', '13800000000'],
    ['+86 10 1234 5678', '+86101234567' + '8'], // a landline keeps its prefix and so fails isMobile
  ])('%j → %j', (raw, normalized) => expect(normalizeMobile(raw)).toBe(normalized));
});

describe('maskMobile', () => {
  it.each([
    ['13800000000', '138****0000'],
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['1381234', '*******'],
  ])('%s → %s', (m, masked) => expect(maskMobile(m)).toBe(masked));

  it('hides digits 4-7 of any valid number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        const masked = maskMobile(m);
        expect(masked).toHaveLength(11);
        expect(masked.slice(3, 7)).toBe('****');
        expect(masked.slice(0, 3) + masked.slice(7)).toBe(m.slice(0, 3) + m.slice(7));
      }),
    );
  });
});

describe('mobileSchema', () => {
  it('normalizes', () => expect(mobileSchema.parse('+86 138-0000-0000')).toBe('13800000000'));
  it('refuses a landline', () => {
    const r = mobileSchema.safeParse('010-12345678');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/手机号码/);
  });
});
