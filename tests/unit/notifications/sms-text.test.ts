// The text of an SMS: one message (70 characters with the product's signature), short texts whole, long ones cut
// with an ellipsis. An SMS in Chinese is sent as UCS-2/UTF-16, so a rare character outside the BMP (a 生僻字 in a
// mine's or a person's name) takes two of the 70 and must never be cut in half.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SMS_MAX_CHARS, smsText } from '#lib/notifications/notification.ts';

const SIGNATURE = '【煤安监管】';
const ROOM = SMS_MAX_CHARS - SIGNATURE.length;

/** Common CJK ideographs and Chinese punctuation (all in the BMP). */
const arbHan = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c));
const unit = fc.oneof(
  { weight: 8, arbitrary: arbHan },
  { weight: 1, arbitrary: fc.constantFrom('，', '。', '：', '（', '）', '1', '0', ' ', 'A') },
);
const arbShort = fc.string({ unit, maxLength: ROOM });
const arbLong = fc.string({ unit, minLength: ROOM + 1, maxLength: 300 });
const arbChinese = fc.oneof(arbShort, arbLong, fc.string({ unit, minLength: ROOM - 3, maxLength: ROOM + 3 }));
/** With CJK Extension B characters (two UTF-16 code units each). */
const arbRare = fc.integer({ min: 0x20000, max: 0x2a6df }).map((c) => String.fromCodePoint(c));
const arbWithRare = fc.string({ unit: fc.oneof(arbHan, arbRare), minLength: 20, maxLength: 120, size: 'max' });

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('smsText', () => {
  it('is 70 characters at most, whatever the Chinese text', () => {
    fc.assert(
      fc.property(arbChinese, (text) => {
        const sms = smsText(text);
        expect([...sms].length).toBeLessThanOrEqual(SMS_MAX_CHARS);
        expect(sms.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
        expect(sms.startsWith(SIGNATURE)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a text that fits whole, after the signature', () => {
    fc.assert(
      fc.property(arbShort, (text) => {
        expect(smsText(text)).toBe(SIGNATURE + text);
      }),
    );
  });

  it('cuts a text that does not fit to exactly 70, ending with …, keeping its beginning', () => {
    fc.assert(
      fc.property(arbLong, (text) => {
        const sms = smsText(text);
        expect(sms.length).toBe(SMS_MAX_CHARS);
        expect(sms.endsWith('…')).toBe(true);
        expect(text.startsWith(sms.slice(SIGNATURE.length, -1))).toBe(true);
      }),
    );
  });

  it('counts a character outside the BMP as two and never splits it', () => {
    fc.assert(
      fc.property(arbWithRare, (text) => {
        const sms = smsText(text);
        expect(sms.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
        expect(loneSurrogate.test(sms)).toBe(false);
        if (text.length <= ROOM) expect(sms).toBe(SIGNATURE + text);
        else {
          expect(sms.endsWith('…')).toBe(true);
          expect(text.startsWith(sms.slice(SIGNATURE.length, -1))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['empty', '', SIGNATURE],
    [
      'short',
      '某某煤矿安全生产许可证30天后到期，请及时办理',
      `${SIGNATURE}某某煤矿安全生产许可证30天后到期，请及时办理`,
    ],
    ['exactly the room left', '煤'.repeat(ROOM), SIGNATURE + '煤'.repeat(ROOM)],
    ['one over', '煤'.repeat(ROOM + 1), `${SIGNATURE}${'煤'.repeat(ROOM - 1)}…`],
    ['far over', '矿'.repeat(500), `${SIGNATURE}${'矿'.repeat(ROOM - 1)}…`],
    ['a rare character where the cut falls', `${'煤'.repeat(ROOM - 2)}𠀀矿`, `${SIGNATURE}${'煤'.repeat(ROOM - 2)}…`],
  ])('%s', (_what, text, expected) => {
    expect(smsText(text)).toBe(expected);
  });
});
