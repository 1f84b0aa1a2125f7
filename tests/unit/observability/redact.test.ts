import { describe, expect, it } from 'vitest';
import { redactingReplacer, redactPersonalData } from '#lib/observability/redact.ts';

describe('redactPersonalData', () => {
  it.each([
    // Resident IDs: 18 characters, digit or X last; 17 or 19 digits are not one.
    ['ID 23040619780315123X here', 'ID 230406********123X here'],
    ['23040619780315123x', '230406********123x'],
    ['230406197803151234', '230406********1234'],
    ['a230406197803151234b', 'a230406********1234b'],
    ['23040619780315123', '23040619780315123'],
    ['2304061978031512345', '2304061978031512345'],
    // Mobiles: 11 digits starting 13–19, with or without +86; 10 or 12 digits, or a 12 prefix, are not one.
    ['call 13812345678.', 'call 138****5678.'],
    ['+8613812345678', '138****5678'],
    ['008619912345678', '199****5678'],
    ['12812345678', '12812345678'],
    ['1381234567', '1381234567'],
    ['138123456789', '138123456789'],
    ['1764709845123', '1764709845123'],
    // Emails: the first character and the domain stay.
    ['to anquan.taiyuan@example.cn;', 'to a***@example.cn;'],
    ['"x@y.org"', '"x***@y.org"'],
    ['no-at-sign.example.cn', 'no-at-sign.example.cn'],
    ['user@localhost', 'user@localhost'],
    // What logs carry otherwise is left alone.
    ['2026-12-02T20:05:34.257Z m-taiyuan logscan-15', '2026-12-02T20:05:34.257Z m-taiyuan logscan-15'],
    ['230406********1010', '230406********1010'],
  ])('%s → %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('the replacer masks every string of a nested value, and leaves keys and other values', () => {
    const line = JSON.stringify(
      { message: 'x', error: { message: 'Store failure on {"mobile":"13655556666"}' }, n: 13812345678, ok: true },
      redactingReplacer,
    );
    expect(line).toBe(
      '{"message":"x","error":{"message":"Store failure on {\\"mobile\\":\\"136****6666\\"}"},"n":13812345678,"ok":true}',
    );
  });
});
