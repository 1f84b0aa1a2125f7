// Violation records: the plan's list of categories, and what a request to record or correct one may carry. Every
// refusal names its field, as a client sees it in the 400 problem.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { parsePart } from '#lib/schemas/parse.ts';
import { categoryName, categoryNo, VIOLATION_CATEGORIES, VIOLATION_CODES } from '#lib/violations/categories.ts';
import {
  correctViolationBody,
  listMineViolationsQuery,
  listViolationsQuery,
  recordViolationBody,
} from '#lib/violations/schemas.ts';
import { violationCategories } from '#lib/violations/violation-records.ts';

const fieldsOf = (
  schema: Parameters<typeof parsePart>[0],
  value: unknown,
  part: 'body' | 'query' = 'body',
): string[] => {
  try {
    parsePart(schema, value, part);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  return [];
};

describe('the plan’s categories', () => {
  it('are numbered 1–19 without 17, each with a unique code and a Chinese name', () => {
    expect(VIOLATION_CATEGORIES.map((c) => c.no)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19,
    ]);
    expect(new Set(VIOLATION_CODES).size).toBe(VIOLATION_CODES.length);
    for (const c of VIOLATION_CATEGORIES) {
      expect(c.code).toMatch(/^[a-z_]+$/);
      expect(c.name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each([
    ['closed_mine_revived', 19, '已关闭煤矿死灰复燃'],
    ['stopped_mine_producing', 15, '停产停工煤矿明停暗开、未经验收擅自生产或拒不执行停产指令'],
    ['fake_rectification', 12, '隐患整改弄虚作假、整改闭合时限较长'],
    ['outdated_capacity', 1, '淘汰落后产能'],
  ] as const)('%s is no. %i, %s', (code, no, name) => {
    expect(categoryNo(code)).toBe(no);
    expect(categoryName(code)).toBe(name);
  });

  // The plan's words: what an item says, and what it does not.
  it.each([
    [1, [], ['未按期关闭']],
    [5, ['以假图纸、假密闭等隐瞒作业地点'], ['印章']],
    [6, ['设备工艺'], []],
    [8, ['高冒区'], []],
    [12, ['整改闭合时限较长'], []],
    [15, ['停产停工煤矿'], ['停产整顿煤矿']],
  ] as const)('item (%i) says %j and not %j', (no, says, never) => {
    const name = VIOLATION_CATEGORIES.find((c) => c.no === no)!.name;
    for (const words of says) expect(name).toContain(words);
    for (const words of never) expect(name).not.toContain(words);
  });

  it('the API list carries code, number and name of every category, in the plan’s order', () => {
    expect(violationCategories()).toEqual(VIOLATION_CATEGORIES.map(({ code, no, name }) => ({ code, no, name })));
  });
});

const valid = {
  category: 'over_capacity',
  date: '2025-03-01',
  description: '超能力组织生产',
  source: { kind: 'manual' },
};

describe('recording a violation', () => {
  it('accepts a manual record and one from an inspection; evidence defaults to none', () => {
    expect(parsePart(recordViolationBody, valid, 'body')).toEqual({ ...valid, evidence: [] });
    const fromInspection = {
      ...valid,
      evidence: ['照片 IMG_001', '询问笔录 2025-3'],
      source: { kind: 'inspection', id: 'insp-123' },
    };
    expect(parsePart(recordViolationBody, fromInspection, 'body')).toEqual(fromInspection);
  });

  it.each([
    ['an unknown category', { ...valid, category: 'speeding' }, ['body.category']],
    ['a category by its Chinese name', { ...valid, category: '超能力、超强度、超定员组织生产' }, ['body.category']],
    ['no category', { ...valid, category: undefined }, ['body.category']],
    ['a day that does not exist', { ...valid, date: '2025-02-29' }, ['body.date']],
    ['a timestamp for a date', { ...valid, date: '2025-03-01T08:00:00Z' }, ['body.date']],
    ['an empty description', { ...valid, description: '   ' }, ['body.description']],
    ['evidence that is not text', { ...valid, evidence: [42] }, ['body.evidence.0']],
    ['too much evidence', { ...valid, evidence: Array.from({ length: 51 }, (_, i) => `e${i}`) }, ['body.evidence']],
    ['an inspection source without its id', { ...valid, source: { kind: 'inspection' } }, ['body.source.id']],
    [
      'an inspection id that is not an id',
      { ...valid, source: { kind: 'inspection', id: 'INSP 1' } },
      ['body.source.id'],
    ],
    [
      'a case as source (only confirmed cases record those)',
      { ...valid, source: { kind: 'case', id: 'case-1' } },
      ['body.source.kind'],
    ],
    ['no source', { ...valid, source: undefined }, ['body.source']],
    ['an unknown field', { ...valid, severity: 'high' }, ['body.severity']],
  ])('refuses %s', (_, body, fields) => {
    expect(fieldsOf(recordViolationBody, body)).toEqual(fields);
  });
});

describe('correcting a violation', () => {
  it('takes the version, a reason and at least one corrected field', () => {
    expect(
      parsePart(correctViolationBody, { version: 2, reason: '类别录入错误', category: 'monitoring_failure' }, 'body'),
    ).toEqual({ version: 2, reason: '类别录入错误', category: 'monitoring_failure' });
  });

  it.each([
    ['no version', { reason: '更正', description: 'x' }, ['body.version']],
    ['version 0', { version: 0, reason: '更正', description: 'x' }, ['body.version']],
    ['no reason', { version: 1, description: 'x' }, ['body.reason']],
    ['nothing to correct', { version: 1, reason: '更正' }, ['body']],
    ['an unknown category', { version: 1, reason: '更正', category: 'x' }, ['body.category']],
    ['a bad date', { version: 1, reason: '更正', date: '2025-13-01' }, ['body.date']],
    [
      'a change of source (and so nothing to correct)',
      { version: 1, reason: '更正', source: { kind: 'manual' } },
      ['body.source', 'body'],
    ],
    ['a move to another mine', { version: 1, reason: '更正', mineId: 'm-other', description: 'x' }, ['body.mineId']],
  ])('refuses %s', (_, body, fields) => {
    expect(fieldsOf(correctViolationBody, body)).toEqual(fields);
  });
});

describe('listing violations', () => {
  it.each([
    [{ from: '2025-03-01', to: '2025-02-01' }, ['query.to']],
    [{ from: '2025-02-30' }, ['query.from']],
    [{ category: 'unknown' }, ['query.category']],
    [{ limit: '0' }, ['query.limit']],
    [{ mineId: 'M 1' }, ['query.mineId']],
  ])('refuses %j', (query, fields) => {
    expect(fieldsOf(listViolationsQuery, query, 'query')).toEqual(fields);
  });

  it('accepts a window of one day, and a mine list takes no mineId', () => {
    expect(
      parsePart(
        listViolationsQuery,
        { from: '2025-03-01', to: '2025-03-01', category: 'over_capacity', mineId: 'm-1', limit: '5' },
        'query',
      ),
    ).toEqual({
      from: '2025-03-01',
      to: '2025-03-01',
      category: 'over_capacity',
      mineId: 'm-1',
      limit: 5,
    });
    expect(fieldsOf(listMineViolationsQuery, { mineId: 'm-1' }, 'query')).toEqual(['query.mineId']);
  });
});
