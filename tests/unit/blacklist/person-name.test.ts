// How a person check compares names (lib/blacklist/person-name.ts): the differences an input method makes (width,
// spaces, the middle dot's variants, Latin case) are the same name; any other character is another name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personNameKey, sameName } from '#lib/blacklist/person-name.ts';

describe('sameName', () => {
  it.each([
    ['张三', '张三'],
    ['  张三 ', '张三'],
    ['张 三', '张三'],
    ['张\u3000三', '张三'], // ideographic space
    ['阿卜杜·热合曼', '阿卜杜・热合曼'], // katakana middle dot
    ['阿卜杜·热合曼', '阿卜杜･热合曼'], // half-width katakana middle dot
    ['阿卜杜·热合曼', '阿卜杜•热合曼'], // bullet, as some keyboards type it
    ['阿卜杜·热合曼', '阿卜杜‧热合曼'], // hyphenation point
    ['ＺＨＡＮＧ　Ｗｅｉ', 'zhang wei'], // full-width Latin and space
  ])('%j is the same name as %j', (a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(sameName(b, a)).toBe(true);
  });

  it.each([
    ['张三', '张叁'],
    ['张三', '张三丰'],
    ['张三', '三张'],
    ['阿卜杜·热合曼', '阿卜杜热合曼'], // the dot is part of the name
    ['张三', ''],
    ['', ''],
    [' ', ' '],
  ])('%j is not the same name as %j', (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  it('holds for any name against itself typed in full width, with spaces around', () => {
    const fullWidth = (s: string) =>
      [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'张王李赵刘陈杨黄ABCxyz0123'), minLength: 1, maxLength: 8 }),
        (name) => {
          expect(sameName(name, `  ${fullWidth(name)}\u3000`)).toBe(true);
          expect(personNameKey(fullWidth(name))).toBe(personNameKey(name));
        },
      ),
    );
  });

  it('never takes a name for one with a character more', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'张王李赵刘陈杨黄'), minLength: 1, maxLength: 6 }),
        fc.constantFrom(...'伟芳娜敏静'),
        (name, extra) => {
          expect(sameName(name, name + extra)).toBe(false);
        },
      ),
    );
  });
});
