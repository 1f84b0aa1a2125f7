// Inspections: planning one, recording one done, completing or cancelling a planned one, and listing them. Every
// refusal names its field.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#lib/errors.ts';
import { inspectionDueKeys } from '#lib/inspections/inspection-item.ts';
import { createInspectionBody, inspectionActionBody, listInspectionsQuery } from '#lib/inspections/schemas.ts';
import { parsePart } from '#lib/schemas/parse.ts';

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

const inspectors = [{ userId: 'u-1', name: '王检查' }];
const planned = { kind: 'planned', plannedOn: '2025-04-01', inspectors, purpose: '季度执法检查' };
const done = { kind: 'done', doneOn: '2025-03-01', inspectors, summary: '检查通风、瓦斯' };

describe('creating an inspection', () => {
  it('a planned one carries its day, inspectors and purpose', () => {
    expect(parsePart(createInspectionBody, planned, 'body')).toEqual(planned);
  });

  it('a done one gets empty findings when none are given', () => {
    expect(parsePart(createInspectionBody, done, 'body')).toEqual({
      ...done,
      findings: { hazardIds: [], violationIds: [] },
    });
  });

  it.each([
    ['no kind', { ...planned, kind: undefined }, ['body.kind']],
    ['an unknown kind', { ...planned, kind: 'surprise' }, ['body.kind']],
    ['a planned one without a day', { ...planned, plannedOn: undefined }, ['body.plannedOn']],
    ['a planned day that does not exist', { ...planned, plannedOn: '2025-04-31' }, ['body.plannedOn']],
    ['no inspectors', { ...planned, inspectors: [] }, ['body.inspectors']],
    ['an inspector without a name', { ...planned, inspectors: [{ userId: 'u-1' }] }, ['body.inspectors.0.name']],
    ['a planned one without purpose', { ...planned, purpose: undefined }, ['body.purpose']],
    ['a planned one with a done day', { ...planned, doneOn: '2025-04-01' }, ['body.doneOn']],
    ['a done one without a summary', { ...done, summary: undefined }, ['body.summary']],
    ['a done one before its planned day', { ...done, plannedOn: '2025-03-02' }, ['body.doneOn']],
    ['a hazard id that is not an id', { ...done, findings: { hazardIds: ['隐患 1'] } }, ['body.findings.hazardIds.0']],
    [
      'a violation listed twice',
      { ...done, findings: { violationIds: ['vio-1', 'vio-1'] } },
      ['body.findings.violationIds'],
    ],
    ['an unknown kind of finding', { ...done, findings: { penaltyIds: ['p-1'] } }, ['body.findings.penaltyIds']],
  ])('refuses %s', (_, body, fields) => {
    expect(fieldsOf(createInspectionBody, body)).toEqual(fields);
  });

  it('a done one on its planned day is fine', () => {
    expect(fieldsOf(createInspectionBody, { ...done, plannedOn: done.doneOn })).toEqual([]);
  });
});

describe('acting on a planned inspection', () => {
  const complete = {
    action: 'complete',
    version: 1,
    doneOn: '2025-04-02',
    inspectors,
    summary: '检查完毕',
    findings: { hazardIds: ['hz-1'], violationIds: ['vio-1'] },
  };

  it('complete and cancel parse', () => {
    expect(parsePart(inspectionActionBody, complete, 'body')).toEqual(complete);
    expect(parsePart(inspectionActionBody, { action: 'cancel', version: 3, reason: '煤矿已停产' }, 'body')).toEqual({
      action: 'cancel',
      version: 3,
      reason: '煤矿已停产',
    });
  });

  it.each([
    ['an unknown action', { action: 'verify', version: 1 }, ['body.action']],
    ['complete without a version', { ...complete, version: undefined }, ['body.version']],
    ['complete without a day', { ...complete, doneOn: undefined }, ['body.doneOn']],
    ['complete without inspectors', { ...complete, inspectors: [] }, ['body.inspectors']],
    ['cancel without a reason', { action: 'cancel', version: 1 }, ['body.reason']],
    ['cancel with findings', { action: 'cancel', version: 1, reason: '取消', findings: {} }, ['body.findings']],
  ])('refuses %s', (_, body, fields) => {
    expect(fieldsOf(inspectionActionBody, body)).toEqual(fields);
  });
});

describe('listing inspections', () => {
  it.each([
    [{ status: 'open' }, ['query.status']],
    [{ from: '2025-05-01', to: '2025-04-01' }, ['query.to']],
  ])('refuses %j', (query, fields) => {
    expect(fieldsOf(listInspectionsQuery, query, 'query')).toEqual(fields);
  });
});

describe('the due-date index', () => {
  const record = {
    plannedOn: '2025-04-01',
    mineId: 'm-1',
    inspectionId: 'insp-1',
    jurisdiction: 'hlj/hegang/dongshan',
  };
  it('holds a planned inspection under its district and planned day, and nothing once done or cancelled', () => {
    expect(inspectionDueKeys({ ...record, status: 'planned' })).toEqual({
      GSI2PK: 'DUE#hlj/hegang/dongshan',
      GSI2SK: '2025-04-01#INSPECTION#m-1#insp-1',
    });
    expect(inspectionDueKeys({ ...record, status: 'done' })).toEqual({});
    expect(inspectionDueKeys({ ...record, status: 'cancelled' })).toEqual({});
  });
});
