// 本矿填报's plain data: the forms' flat names as the API's nested body, the duty ids the evidence routes take, and
// what a readings call came to in words.
import { describe, expect, it } from 'vitest';
import { nest, postedText, sumPosted } from '#web/src/pages/mine-work/work-data.ts';

const zero = { created: 0, revised: 0, unchanged: 0, declared: 0, superseded: 0 };

describe('nest', () => {
  it('builds the nested body and sends the named numbers as numbers', () => {
    expect(
      nest(
        {
          level: 'major',
          'supervision.responsiblePerson.name': '王某',
          'supervision.funds.amount': '350000',
          'supervision.funds.source': '安全费用',
          multiplier: '2',
        },
        ['supervision.funds.amount'],
      ),
    ).toEqual({
      level: 'major',
      supervision: { responsiblePerson: { name: '王某' }, funds: { amount: 350000, source: '安全费用' } },
      multiplier: '2',
    });
  });

  it.each([
    ['an empty value', { 'a.b': '' }, {}],
    ['an undefined value', { 'a.b': undefined }, {}],
    ['a zero kept', { n: '0' }, { n: 0 }],
  ])('leaves out or keeps %s', (_, flat, body) => {
    expect(nest(flat, ['n'])).toEqual(body);
  });
});

describe('postedText', () => {
  it.each([
    [{ ...zero, created: 9 }, '已报送：新增 9 条'],
    [{ ...zero, created: 1, revised: 2, unchanged: 3 }, '已报送：新增 1 条，修订 2 条，3 条与已报相同'],
    [
      { ...zero, declared: 4, superseded: 1 },
      '已报送：4 条作为本矿申报（以电网或监管部门数据为准），1 条替换了较低来源的数据',
    ],
    [zero, '已报送：无变化'],
  ])('%j → %s', (posted, text) => {
    expect(postedText(posted)).toBe(text);
  });

  it('adds two calls’ counts', () => {
    expect(sumPosted({ ...zero, created: 1, declared: 2 }, { ...zero, created: 3, unchanged: 1 })).toEqual({
      ...zero,
      created: 4,
      declared: 2,
      unchanged: 1,
    });
  });
});
