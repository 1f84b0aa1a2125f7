// The on-site flow of an inspection: which action is taken from which state, the bodies of start, close and
// issue_decision (each refusal names its field), and an on-site decision's orders checked against the findings.
import { describe, expect, it } from 'vitest';
import { RuleError, ValidationError } from '#lib/errors.ts';
import { checkDecisionItems, inspectionActionAllowed } from '#lib/inspections/inspection-actions.ts';
import {
  INSPECTION_ACTIONS,
  INSPECTION_STATUSES,
  type InspectionAction,
  type InspectionStatus,
} from '#lib/inspections/inspection-item.ts';
import { createInspectionBody, inspectionActionBody } from '#lib/inspections/schemas.ts';
import { INSPECTION_TOPIC_LABELS, INSPECTION_TOPICS } from '#lib/inspections/vocabulary.ts';
import { parsePart } from '#lib/schemas/parse.ts';

const fieldsOf = (schema: Parameters<typeof parsePart>[0], value: unknown): string[] => {
  try {
    parsePart(schema, value, 'body');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  return [];
};

const ALLOWED: Record<InspectionAction, readonly InspectionStatus[]> = {
  complete: ['planned'],
  cancel: ['planned'],
  start: ['planned'],
  close: ['in_progress'],
  issue_decision: ['in_progress', 'done'],
};

describe('the transitions', () => {
  const cases = INSPECTION_ACTIONS.flatMap((action) =>
    INSPECTION_STATUSES.map((status) => [action, status, ALLOWED[action].includes(status)] as const),
  );
  it.each(cases)('%s from %s: allowed %s', (action, status, allowed) => {
    expect(inspectionActionAllowed(status, action)).toBe(allowed);
  });
});

const team = [
  { userId: 'u-1', name: '王检查' },
  { userId: 'u-2', name: '李监察' },
];
const started = {
  kind: 'started',
  startedOn: '2026-03-01',
  inspectors: team,
  leaderUserId: 'u-2',
  purpose: '雨季三防专项检查',
  topics: ['water_control', 'ventilation_gas_dust'],
};
const start = { ...started, kind: undefined, action: 'start', version: 1 };
delete (start as { kind?: unknown }).kind;

describe('starting on site', () => {
  it('the six campaign topics have their Chinese labels', () => {
    expect(INSPECTION_TOPICS.map((t) => INSPECTION_TOPIC_LABELS[t])).toEqual([
      '一通三防',
      '防治水',
      '顶板',
      '机电运输',
      '冲击地压',
      '应急',
    ]);
  });

  it('a started inspection and a start action are accepted', () => {
    expect(parsePart(createInspectionBody, started, 'body')).toEqual(started);
    expect(fieldsOf(inspectionActionBody, start)).toEqual([]);
    expect(fieldsOf(inspectionActionBody, { ...start, purpose: undefined })).toEqual([]);
  });

  it.each([
    ['no topics', { topics: [] }, ['body.topics']],
    ['an unknown topic', { topics: ['gas'] }, ['body.topics.0']],
    ['a topic twice', { topics: ['roof', 'roof'] }, ['body.topics']],
    ['a leader outside the team', { leaderUserId: 'u-9' }, ['body.leaderUserId']],
    ['no leader', { leaderUserId: undefined }, ['body.leaderUserId']],
    ['no team', { inspectors: [] }, ['body.inspectors', 'body.leaderUserId']],
    ['no purpose', { purpose: undefined }, ['body.purpose']],
    ['a day that does not exist', { startedOn: '2026-02-30' }, ['body.startedOn']],
  ])('refuses %s', (_, change, fields) => {
    expect(fieldsOf(createInspectionBody, { ...started, ...change })).toEqual(fields);
  });

  it.each([
    ['no topics', { topics: [] }, ['body.topics']],
    ['a leader outside the team', { leaderUserId: 'u-9' }, ['body.leaderUserId']],
    ['no version', { version: undefined }, ['body.version']],
  ])('a start action refuses %s', (_, change, fields) => {
    expect(fieldsOf(inspectionActionBody, { ...start, ...change })).toEqual(fields);
  });
});

describe('closing and issuing a decision', () => {
  it.each([
    ['a close with its summary', { action: 'close', version: 2, summary: '检查完毕' }, []],
    ['a close on a given day', { action: 'close', version: 2, summary: '检查完毕', doneOn: '2026-03-02' }, []],
    ['a close without a summary', { action: 'close', version: 2 }, ['body.summary']],
    ['a decision without orders', { action: 'issue_decision', version: 2, items: [] }, ['body.items']],
    [
      'a decision with an unknown measure',
      { action: 'issue_decision', version: 2, items: [{ measure: 'fine' }] },
      ['body.items.0.measure'],
    ],
    [
      'a decision stopping work',
      { action: 'issue_decision', version: 2, items: [{ measure: 'stop_work', hazardIds: ['hz-1'] }] },
      [],
    ],
  ])('%s', (_, body, fields) => {
    expect(fieldsOf(inspectionActionBody, body)).toEqual(fields);
  });

  const findings = { hazardIds: ['hz-1'], violationIds: ['vio-1'] };
  const item = (x: object) => ({ measure: 'stop_work' as const, hazardIds: [], violationIds: [], ...x });
  const today = '2026-03-01';
  const problem = (items: ReturnType<typeof item>[]) => {
    try {
      checkDecisionItems(items, findings, today);
    } catch (error) {
      return { kind: (error as Error).constructor.name, fields: (error as ValidationError).fields.map((f) => f.field) };
    }
    return undefined;
  };

  it.each([
    ['rectification with a deadline today', [item({ measure: 'rectify_by_deadline', deadline: today })], undefined],
    [
      'rectification without a deadline',
      [item({ measure: 'rectify_by_deadline' })],
      { kind: ValidationError.name, fields: ['body.items.0.deadline'] },
    ],
    [
      'a deadline yesterday',
      [item({ measure: 'rectify_by_deadline', deadline: '2026-02-28' })],
      { kind: ValidationError.name, fields: ['body.items.0.deadline'] },
    ],
    ['other with details', [item({ measure: 'other', description: '封存设备' })], undefined],
    [
      'other without details',
      [item({ measure: 'other' })],
      { kind: ValidationError.name, fields: ['body.items.0.description'] },
    ],
    ['findings of this inspection', [item({ hazardIds: ['hz-1'], violationIds: ['vio-1'] })], undefined],
    [
      'a hazard and a violation not found on it',
      [item({}), item({ hazardIds: ['hz-1', 'hz-2'], violationIds: ['vio-2'] })],
      { kind: RuleError.name, fields: ['body.items.1.hazardIds.1', 'body.items.1.violationIds.0'] },
    ],
  ])('%s', (_, items, expected) => {
    expect(problem(items)).toEqual(expected);
  });

  it('each order carries its measure’s label', () => {
    expect(checkDecisionItems([item({ measure: 'withdraw_personnel' })], findings, today)[0]?.measureLabel).toBe(
      '责令从危险区域撤出作业人员',
    );
  });
});
