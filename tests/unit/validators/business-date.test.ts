// Business dates: YYYY-MM-DD calendar days in Asia/Shanghai (UTC+8, no DST).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDateSchema } from '#lib/schemas/primitives.ts';
import {
  addDays,
  daysBetween,
  isBusinessDate,
  isFutureBusinessDate,
  todayInShanghai,
} from '#lib/validators/business-date.ts';

describe('isBusinessDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '2023-01-01', '1999-04-30', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (d) => expect(isBusinessDate(d)).toBe(true),
  );
  it.each([
    '2023-02-29',
    '1900-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-01-00',
    '2023-1-01',
    '20230101',
    '2023-01-01T00:00:00Z',
    ' 2023-01-01',
    '２０２３-01-01',
    '',
  ])('refuses %j', (d) => expect(isBusinessDate(d)).toBe(false));
});

describe('todayInShanghai', () => {
  it.each([
    ['2024-12-31T15:59:59.999Z', '2024-12-31'],
    ['2024-12-31T16:00:00.000Z', '2025-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['1970-01-01T00:00:00.000Z', '1970-01-01'],
    ['1969-12-31T15:00:00.000Z', '1969-12-31'],
    ['1969-12-31T16:00:00.000Z', '1970-01-01'],
  ])('%s → %s', (iso, day) => expect(todayInShanghai(new Date(iso))).toBe(day));

  it('agrees with Intl for Asia/Shanghai', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          expect(todayInShanghai(d)).toBe(fmt.format(d));
        },
      ),
    );
  });

  it('throws on an invalid Date', () => expect(() => todayInShanghai(new Date(Number.NaN))).toThrow(RangeError));
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-01-31', 0, '2024-01-31'],
  ])('%s + %i = %s', (d, n, r) => expect(addDays(d, n)).toBe(r));

  it.each([
    ['2023-02-29', 1],
    ['2023-01-01', 1.5],
    ['9999-12-31', 1],
  ])('throws on %s + %s', (d, n) => expect(() => addDays(d, n)).toThrow(RangeError));

  it('matches UTC Date arithmetic and round-trips', () => {
    const date = fc
      .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -40000, max: 40000 }), (d, n) => {
        const r = addDays(d, n);
        expect(r).toBe(new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
        expect(isBusinessDate(r)).toBe(true);
        expect(addDays(r, -n)).toBe(d);
        expect(daysBetween(d, r)).toBe(n);
      }),
    );
  });
});

describe('isFutureBusinessDate', () => {
  const now = new Date('2025-06-15T16:30:00Z'); // 2025-06-16 00:30 in Shanghai
  it.each([
    ['2025-06-17', true],
    ['2025-06-16', false],
    ['2025-06-15', false],
    ['2026-01-01', true],
  ])('%s → %s', (d, future) => expect(isFutureBusinessDate(d, now)).toBe(future));
  it('throws on a malformed date', () => expect(() => isFutureBusinessDate('2025-6-1', now)).toThrow(RangeError));
});

describe('businessDateSchema', () => {
  it('accepts a real date', () => expect(businessDateSchema.parse('2024-02-29')).toBe('2024-02-29'));
  it.each(['2023-02-29', '2023-13-01', '2023/01/01', 20230101])('refuses %j', (d) => {
    const r = businessDateSchema.safeParse(d);
    expect(r.success).toBe(false);
  });
  it('says what it expects', () => {
    expect(businessDateSchema.safeParse('2023-02-29').error?.issues[0]?.message).toBe(
      '日期须为真实日历日，格式 YYYY-MM-DD',
    );
  });
  it('agrees with isBusinessDate on date-shaped strings', () => {
    const shaped = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(shaped, (s) => {
        expect(businessDateSchema.safeParse(s).success).toBe(isBusinessDate(s));
      }),
    );
  });
});
