import { describe, expect, it } from 'vitest';
import {
  chosenPersons,
  type FieldProblem,
  personFields,
  personOptions,
  requireReason,
} from '#web/src/pages/persons/person-fields.ts';

const persons = [
  { personId: 'p-aaaaaaaaaaaa-mine_manager', name: '甲某', roleLabel: '矿长' },
  { personId: 'p-bbbbbbbbbbbb-chief_engineer', name: '乙某', roleLabel: '总工程师' },
];
/** The API's 422 as the page receives it (ApiError has this shape; the mapping reads problems by shape). */
const refused = (fields: { field: string; message: string }[]) =>
  Object.assign(new Error('责任人须为本矿登记的关键人员'), {
    status: 422,
    title: '责任人须为本矿登记的关键人员',
    detail: undefined,
    fields,
  });

describe('the responsible persons field', () => {
  it('offers each key person by role and name', () => {
    expect(personOptions(persons)).toEqual([
      { value: 'p-aaaaaaaaaaaa-mine_manager', label: '矿长 甲某' },
      { value: 'p-bbbbbbbbbbbb-chief_engineer', label: '总工程师 乙某' },
    ]);
  });

  it.each([
    ['nothing ticked', {}, []],
    ['an empty list', { responsiblePersons: [] }, []],
    ['two ticked', { responsiblePersons: ['a', 'b'] }, ['a', 'b']],
    ['a stray value', { responsiblePersons: ['a', 3] }, ['a']],
    ['text instead of a list', { responsiblePersons: 'a' }, []],
  ])('sends %s as the chosen ids', (_, values, ids) => {
    expect(chosenPersons(values)).toEqual(ids);
  });

  it.each([
    ['the first entry', 'body.responsiblePersons.0', '矿长 甲某：不是本矿登记的关键人员'],
    ['the second entry', 'body.responsiblePersons.1', '总工程师 乙某：不是本矿登记的关键人员'],
    [
      'an entry the page never sent',
      'body.responsiblePersons.2',
      '所选人员中有不是本矿登记的关键人员，请刷新页面后重新选择',
    ],
  ])('places the API’s problem of %s on the field with the person named', (_, field, message) => {
    const mapped = personFields(
      refused([{ field, message: '不是本矿登记的关键人员' }]),
      persons.map((p) => p.personId),
      persons,
    ) as FieldProblem;
    expect(mapped.fields).toEqual([{ field: 'body.responsiblePersons', message }]);
    expect(mapped.title).toBe('责任人须为本矿登记的关键人员');
  });

  it.each([
    ['the list itself', 'body.responsiblePersons'],
    ['another field', 'body.reason'],
    ['a field that only starts alike', 'body.responsiblePersonsX.0'],
  ])('leaves a problem of %s as it is', (_, field) => {
    const mapped = personFields(refused([{ field, message: 'x' }]), [], persons) as FieldProblem;
    expect(mapped.fields).toEqual([{ field, message: 'x' }]);
  });

  it('passes on what is not the API’s problem (no signal)', () => {
    const error = new TypeError('Failed to fetch');
    expect(personFields(error, [], persons)).toBe(error);
  });
});

describe('a reason required before sending', () => {
  it.each([
    ['missing', {}, true],
    ['blank', { reason: '   ' }, true],
    ['not text', { reason: 3 }, true],
    ['given', { reason: '复核认定' }, false],
  ])('when %s', (_, values, refused) => {
    const run = () => requireReason(values);
    if (!refused) return expect(run).not.toThrow();
    try {
      run();
      expect.unreachable();
    } catch (error) {
      expect((error as FieldProblem).fields).toEqual([{ field: 'body.reason', message: '请填写理由，将记入审计记录' }]);
    }
  });
});
