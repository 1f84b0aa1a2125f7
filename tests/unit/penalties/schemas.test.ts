// What the penalty routes accept: each kind with its own fields, real calendar dates, a suspension that does not
// end before it starts, and a 400 naming the failing field for everything else.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { penaltyPolicy } from '#lib/penalties/penalty-policy.ts';
import { createPenaltyBody, listPenaltiesQuery, penaltyActionBody } from '#lib/penalties/schemas.ts';
import { INTERVIEW_NOT_A_PENALTY, NEW_PENALTY_KINDS, PENALTY_KINDS } from '#lib/penalties/vocabulary.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const base = {
  basis: '《安全生产法》第一百一十条',
  description: '超能力组织生产',
  decisionNo: '（鹤东）煤安罚〔2025〕1号',
};
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

describe('the kinds', () => {
  it('interview is kept for the penalties stored with it, but is no kind of a new penalty', () => {
    expect(PENALTY_KINDS).toContain('interview');
    expect(NEW_PENALTY_KINDS).toEqual(['warning', 'fine', 'ordered_suspension', 'licence_action']);
  });
});

describe('creating a penalty', () => {
  it('an interview is refused with a message pointing to the interviews route; an unknown kind lists the kinds', () => {
    const messageOf = (kind: string) => {
      try {
        parsePart(createPenaltyBody, { ...base, kind, interviewee: '矿长', interviewDate: '2025-03-01' }, 'body');
      } catch (error) {
        return (error as ValidationError).fields[0]?.message;
      }
      return undefined;
    };
    expect(messageOf('interview')).toBe(INTERVIEW_NOT_A_PENALTY);
    expect(messageOf('interview')).toContain('POST /v1/mines/{mineId}/interviews');
    expect(messageOf('detention')).toBe('处罚种类须为 warning | fine | ordered_suspension | licence_action 之一');
  });

  it.each([
    ['warning', {}],
    ['fine', { amountYuan: 50_000.5 }],
    ['ordered_suspension', { scope: '全矿', from: '2025-03-01', to: '2025-03-01' }],
    ['ordered_suspension', { scope: '一采区', from: '2025-03-01' }],
    ['licence_action', { licenceType: 'safety_production', licenceAction: 'revoke' }],
  ])('accepts a %s with its own fields', (kind, extra) => {
    const body = parsePart(createPenaltyBody, { kind, ...base, ...extra }, 'body');
    expect(body).toMatchObject({ kind, ...extra, violationIds: [] });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an unknown kind', { kind: 'detention' }, ['body.kind']],
    ['no kind', {}, ['body.kind']],
    ['a fine of 0', { kind: 'fine', amountYuan: 0 }, ['body.amountYuan']],
    ['a negative fine', { kind: 'fine', amountYuan: -5 }, ['body.amountYuan']],
    ['a fine in fen fractions', { kind: 'fine', amountYuan: 10.001 }, ['body.amountYuan']],
    ['a fine without an amount', { kind: 'fine' }, ['body.amountYuan']],
    ['a suspension on 30 February', { kind: 'ordered_suspension', scope: '全矿', from: '2025-02-30' }, ['body.from']],
    [
      'a suspension with a slashed date',
      { kind: 'ordered_suspension', scope: '全矿', from: '2025/03/01' },
      ['body.from'],
    ],
    [
      'a suspension ending before it starts',
      { kind: 'ordered_suspension', scope: '全矿', from: '2025-03-10', to: '2025-03-09' },
      ['body.to'],
    ],
    ['a suspension without a scope', { kind: 'ordered_suspension', from: '2025-03-10' }, ['body.scope']],
    [
      'an interview (约谈 is a record of its own now)',
      { kind: 'interview', interviewee: '矿长', interviewDate: '2025-03-01' },
      ['body.kind'],
    ],
    [
      'an unknown licence type',
      { kind: 'licence_action', licenceType: 'fishing', licenceAction: 'suspend' },
      ['body.licenceType'],
    ],
    [
      'an unknown licence action',
      { kind: 'licence_action', licenceType: 'mining', licenceAction: 'burn' },
      ['body.licenceAction'],
    ],
    ['a field of another kind', { kind: 'warning', amountYuan: 100 }, ['body.amountYuan']],
    ['a bad violation id', { kind: 'warning', violationIds: ['ok-1', 'NOT OK'] }, ['body.violationIds.1']],
  ])('refuses %s, naming the field', (_, body, fields) => {
    expect(fieldsOf(createPenaltyBody, { ...base, ...body })).toEqual(fields);
  });

  it('needs a basis and a description', () => {
    expect(fieldsOf(createPenaltyBody, { kind: 'warning' }).sort()).toEqual(['body.basis', 'body.description']);
  });
});

describe('acting on a penalty and listing', () => {
  it.each<[Record<string, unknown>, string[]]>([
    [{ action: 'approve', version: 2 }, []],
    [{ action: 'publish', version: 2 }, ['body.action']],
    [{ action: 'approve', version: 0 }, ['body.version']],
    [{ action: 'execute', version: 2, executedOn: '2025-13-01', evidence: ['x'] }, ['body.executedOn']],
    [{ action: 'execute', version: 2, executedOn: '2025-03-01', evidence: [] }, ['body.evidence']],
    [{ action: 'approve', version: 2, reviewer: 'me' }, ['body.reviewer']],
  ])('%j → %j', (body, fields) => {
    expect(fieldsOf(penaltyActionBody, body)).toEqual(fields);
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ status: 'overdue', kind: 'fine', major: 'true' }, []],
    [{ status: 'late' }, ['query.status']],
    [{ kind: 'detention' }, ['query.kind']],
    [{ major: 'yes' }, ['query.major']],
  ])('query %j → %j', (query, fields) => {
    expect(fieldsOf(listPenaltiesQuery, query, 'query')).toEqual(fields);
  });

  it('policy thresholds are bounded', () => {
    expect(
      fieldsOf(penaltyPolicy.changeSchema, { version: 0, thresholds: { executionDueDays: 0 }, reason: 'x' }),
    ).toEqual(['body.thresholds.executionDueDays']);
    expect(
      fieldsOf(penaltyPolicy.changeSchema, { version: 0, thresholds: { majorFineThresholdYuan: -1 }, reason: 'x' }),
    ).toEqual(['body.thresholds.majorFineThresholdYuan']);
    expect(
      fieldsOf(penaltyPolicy.changeSchema, {
        version: 0,
        thresholds: { majorFineThresholdYuan: 30_000 },
        reason: '本局目录',
      }),
    ).toEqual([]);
  });
});
