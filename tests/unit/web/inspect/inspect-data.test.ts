import { describe, expect, it } from 'vitest';
import type { FileWrite, JsonWrite, OutboxEntry } from '#web/src/offline/outbox.ts';
import { startBody, teamOf, typedMembers } from '#web/src/pages/inspect/inspection-data.ts';
import { aliasesOf, byRecordId, fileRecordId, inspectionOf, pendingFor } from '#web/src/pages/inspect/pending.ts';

const json = (path: string, body: unknown, ref?: string): OutboxEntry => ({
  id: `${path}-${JSON.stringify(body)}`,
  seq: 1,
  label: 'x',
  write: { type: 'json', method: 'POST', path, body } satisfies JsonWrite,
  ...(ref ? { produces: { ref, field: 'id' } } : {}),
  idempotencyKey: 'k',
  createdAt: '2026-12-02T08:00:00Z',
  attempts: 0,
});
const file = (recordPath: string): OutboxEntry => ({
  id: `f-${recordPath}-${Math.random()}`,
  seq: 2,
  label: 'photo',
  write: { type: 'file', recordPath, step: 'found', file: new Blob(['x']), fileName: 'a.jpg' } satisfies FileWrite,
  idempotencyKey: 'k',
  createdAt: '2026-12-02T08:00:00Z',
  attempts: 0,
});

describe('which waiting write belongs to an inspection', () => {
  it.each([
    ['hazard naming it', json('/v1/mines/m-a/hazards', { inspectionId: 'i-1' }), 'i-1'],
    [
      'hazard naming its ref',
      json('/v1/mines/m-a/hazards', { inspectionId: '@ref:inspection-x' }),
      '@ref:inspection-x',
    ],
    ['violation by source', json('/v1/mines/m-a/violations', { source: { kind: 'inspection', id: 'i-1' } }), 'i-1'],
    ['manual violation', json('/v1/mines/m-a/violations', { source: { kind: 'manual' } }), undefined],
    ['hazard without inspection', json('/v1/mines/m-a/hazards', { level: 'general' }), undefined],
    ['the inspection start itself', json('/v1/mines/m-a/inspections', { inspectionId: 'i-1' }), undefined],
    ['a penalty', json('/v1/mines/m-a/penalties', { inspectionId: 'i-1' }), undefined],
    ['a photo', file('/v1/mines/m-a/evidence/hazard/h-1'), undefined],
  ])('%s', (_name, entry, expected) => {
    expect(inspectionOf(entry.write)).toBe(expected);
  });

  it('reads the record a photo goes to, ref or id', () => {
    expect(fileRecordId(file('/v1/mines/m-a/evidence/hazard/@ref:hazard-1').write)).toBe('@ref:hazard-1');
    expect(fileRecordId(file('/v1/mines/m-a/evidence/hazard/h-9').write)).toBe('h-9');
    expect(fileRecordId(json('/v1/mines/m-a/hazards', {}).write)).toBeUndefined();
  });

  it('lists the findings waiting with their photos, and photos of records already sent', () => {
    const entries = [
      json('/v1/mines/m-a/hazards', { inspectionId: '@ref:inspection-x' }, 'hazard-1'),
      file('/v1/mines/m-a/evidence/hazard/@ref:hazard-1'),
      file('/v1/mines/m-a/evidence/hazard/@ref:hazard-1'),
      json('/v1/mines/m-a/hazards', { inspectionId: 'i-other' }, 'hazard-2'),
      file('/v1/mines/m-a/evidence/hazard/h-sent'),
      json('/v1/mines/m-a/violations', { source: { kind: 'inspection', id: 'i-1' } }, 'violation-1'),
    ];
    const { findings, photosByRecord } = pendingFor(entries, ['i-1', '@ref:inspection-x']);
    expect(findings.map((f) => [f.kind, f.photos])).toEqual([
      ['hazard', 2],
      ['violation', 0],
    ]);
    expect(photosByRecord).toEqual({ '@ref:hazard-1': 2, 'h-sent': 1 });
    expect(pendingFor(entries, ['i-none']).findings).toEqual([]);
  });

  it('names an id by the refs that produced it, and counts waiting photos by the id once known', () => {
    const refs = { 'inspection-x': 'i-1', 'hazard-1': 'h-1', 'inspection-y': 'i-2' };
    expect(aliasesOf(refs, 'i-1')).toEqual(['@ref:inspection-x']);
    expect(aliasesOf(refs, 'i-9')).toEqual([]);
    expect(byRecordId({ '@ref:hazard-1': 2, 'h-1': 1, '@ref:hazard-2': 1 }, refs)).toEqual({
      'h-1': 3,
      '@ref:hazard-2': 1,
    });
  });
});

describe('the start form as the API body', () => {
  const me = { userId: 'dev-inspector', name: '监管中队' };
  const directory = [me, { userId: 'u-li', name: '李明' }, { userId: 'u-zhao', name: '赵强' }];

  it.each([
    ['nobody typed', '', []],
    ['one name', '张三', ['张三']],
    ['顿号, comma, space; duplicates once', '张三、李四,王五 张三', ['张三', '李四', '王五']],
    ['only separators', '、 ,', []],
  ])('typed members: %s', (_name, text, names) => {
    expect(typedMembers(text).map((m) => m.name)).toEqual(names);
  });

  it('puts the signed-in officer first, then ticked colleagues, then typed names not already there', () => {
    const team = teamOf({ team: ['u-zhao', 'dev-inspector'], extra: '赵强、孙七' }, me, directory);
    expect(team).toEqual([me, { userId: 'u-zhao', name: '赵强' }, { userId: 'ext:孙七', name: '孙七' }]);
    expect(teamOf({}, me, directory)).toEqual([me]);
  });

  it('builds the started body, the leader defaulting to the officer', () => {
    const b = startBody(
      { mineId: 'm-taiyuan', startedOn: '2026-12-02', purpose: ' 专项检查 ', topics: ['roof'], team: ['u-li'] },
      me,
      directory,
    );
    expect(b).toEqual({
      mineId: 'm-taiyuan',
      body: {
        kind: 'started',
        startedOn: '2026-12-02',
        inspectors: [me, { userId: 'u-li', name: '李明' }],
        leaderUserId: 'dev-inspector',
        purpose: '专项检查',
        topics: ['roof'],
      },
    });
    expect(startBody({ mineId: ' ', leaderUserId: 'u-li' }, me, directory)).toMatchObject({
      mineId: undefined,
      body: { leaderUserId: 'u-li', topics: [] },
    });
  });
});
