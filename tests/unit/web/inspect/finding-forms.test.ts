import { describe, expect, it } from 'vitest';
import { hazardBody, toFormFields, violationBody } from '#web/src/workbench/finding-bodies.ts';

const officials = [{ userId: 'dev-bureau_admin', name: '东山区煤管局' }];
const major = {
  level: 'major',
  description: '回风巷瓦斯超限',
  location: '3102 回风巷',
  deadline: '2026-12-10',
  measures: '停止作业，加强通风',
  category: 'GAS_OVERLIMIT',
  'supervision.responsiblePerson.name': '张矿长',
  'supervision.responsiblePerson.position': '矿长',
  'supervision.funds.amount': '150000.5',
  'supervision.funds.source': '安全费用',
  'supervision.contingencyPlan': '撤人断电',
  'supervision.official.userId': 'dev-bureau_admin',
};

describe('the hazard form as the API body', () => {
  it('nests the 五落实 of a major hazard, the amount as a number and the official by name', () => {
    expect(hazardBody(major, 'i-1', officials)).toEqual({
      level: 'major',
      description: '回风巷瓦斯超限',
      location: '3102 回风巷',
      deadline: '2026-12-10',
      measures: '停止作业，加强通风',
      category: 'GAS_OVERLIMIT',
      source: 'inspection',
      inspectionId: 'i-1',
      supervision: {
        responsiblePerson: { name: '张矿长', position: '矿长', mobile: undefined },
        funds: { amount: 150000.5, source: '安全费用' },
        contingencyPlan: '撤人断电',
        official: { userId: 'dev-bureau_admin', name: '东山区煤管局' },
      },
    });
  });

  it('leaves out the items not filled, so the API names each one', () => {
    const b = hazardBody(
      { level: 'major', 'supervision.contingencyPlan': ' ', 'supervision.official.userId': 'u-x' },
      '@ref:inspection-a',
      officials,
    );
    expect(JSON.parse(JSON.stringify(b.supervision))).toEqual({ official: { userId: 'u-x', name: 'u-x' } });
    expect(b.inspectionId).toBe('@ref:inspection-a');
  });

  it('sends no category or 五落实 for a general hazard even if typed before switching', () => {
    const b = hazardBody({ ...major, level: 'general' }, 'i-1', officials);
    expect(b.level).toBe('general');
    expect(b.category).toBeUndefined();
    expect(b.supervision).toBeUndefined();
    expect(b.measures).toBe('停止作业，加强通风');
  });

  it.each([
    ['body.supervision.responsiblePerson', 'body.supervision.responsiblePerson.name'],
    ['body.supervision.funds', 'body.supervision.funds.amount'],
    ['body.supervision.official', 'body.supervision.official.userId'],
    ['body.supervision.contingencyPlan', 'body.supervision.contingencyPlan'],
    ['body.category', 'body.category'],
  ])('shows the API problem at %s beside %s', (apiField, formField) => {
    const mapped = toFormFields({ status: 422, title: '请求有误', fields: [{ field: apiField, message: 'm' }] });
    expect((mapped as { fields: { field: string }[] }).fields[0]!.field).toBe(formField);
  });

  it('leaves other errors as they are', () => {
    const e = new TypeError('offline');
    expect(toFormFields(e)).toBe(e);
  });
});

describe('the violation form as the API body', () => {
  it('names the inspection as its source', () => {
    expect(violationBody({ category: 'over_capacity', date: '2026-12-02', description: ' 超能力 ' }, 'i-1')).toEqual({
      category: 'over_capacity',
      date: '2026-12-02',
      description: '超能力',
      source: { kind: 'inspection', id: 'i-1' },
    });
    expect(violationBody({}, '@ref:inspection-b').source.id).toBe('@ref:inspection-b');
  });

  it.each([
    ['none ticked', undefined, undefined],
    ['an empty list', [], undefined],
    ['one ticked', ['p-1'], ['p-1']],
    ['two ticked', ['p-1', 'p-2'], ['p-1', 'p-2']],
  ])('names the responsible persons when %s', (_, ticked, sent) => {
    const body = violationBody({ category: 'over_capacity', responsiblePersons: ticked }, 'i-1');
    expect(body.responsiblePersons).toEqual(sent);
    expect('responsiblePersons' in body).toBe(sent !== undefined);
  });
});
