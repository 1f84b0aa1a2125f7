// The form toolkit's pure parts: the API's problem+json mapped onto a form's inputs, the values a form sends, and
// the Idempotency-Key of a submission.
import { describe, expect, it } from 'vitest';
import { cleanValues, fieldName, formProblems, readableMessage, SubmissionKeys } from '#web/src/forms/errors.ts';

/** An answer of the API as `ApiError` (web/src/api.ts) carries it. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fields: readonly { field: string; message: string }[] = [],
  ) {
    super(title);
  }
}

describe('fieldName', () => {
  it.each([
    ['body.note', 'note'],
    ['body.limits.majorFineYuan', 'limits.majorFineYuan'],
    ['body', 'body'],
    ['body.', ''],
    ['query.status', 'query.status'],
    ['principal', 'principal'],
    ['note', 'note'],
    ['bodyx.note', 'bodyx.note'],
  ])('%s → %s', (api, name) => {
    expect(fieldName(api)).toBe(name);
  });
});

describe('readableMessage', () => {
  it.each([
    ['决定书文号不能为空', '决定书文号不能为空'],
    ['a reason is required to reject', '此项必填'],
    ['Required', '此项必填'],
    ['requiredness unknown', '此项有误（requiredness unknown）'],
    ['not used by approve', '此项有误（not used by approve）'],
    ['决定书文号 is required for the penalty to take effect', '决定书文号 is required for the penalty to take effect'],
  ])('%s → %s', (message, shown) => {
    expect(readableMessage(message)).toBe(shown);
  });
});

describe('formProblems', () => {
  const refused = new ApiError(400, '请求参数有误', '请求中以下字段有误：body.note, body.version', [
    { field: 'body.note', message: 'a reason is required to reject' },
    { field: 'body.version', message: 'stale' },
  ]);

  it('puts a field the form shows beside its input, and the others in the box with the title and detail', () => {
    expect(formProblems(refused, ['note'])).toEqual({
      byField: { note: '此项必填' },
      box: {
        title: '请求参数有误',
        detail: '请求中以下字段有误：body.note, body.version',
        fields: [{ field: 'version', message: '此项有误（stale）' }],
      },
    });
  });

  it('points to the marked inputs instead of listing field paths when every problem is beside its input', () => {
    const onlyNote = new ApiError(400, '请求参数有误', '请求中以下字段有误：body.note', [
      { field: 'body.note', message: 'a reason is required to reject' },
    ]);
    expect(formProblems(onlyNote, ['note'])).toEqual({
      byField: { note: '此项必填' },
      box: { title: '请求参数有误', detail: '请按标出的提示更正后再提交。', fields: [] },
    });
  });

  it('leaves every field to the box when the form shows none of them', () => {
    const p = formProblems(refused, ['reason']);
    expect(p.byField).toEqual({});
    expect(p.box?.fields.map((f) => f.field)).toEqual(['note', 'version']);
  });

  it('joins two messages for one field', () => {
    const twice = new ApiError(400, '请求参数有误', undefined, [
      { field: 'body.decisionNo', message: '不能为空' },
      { field: 'body.decisionNo', message: '格式不正确' },
    ]);
    expect(formProblems(twice, ['decisionNo']).byField).toEqual({ decisionNo: '不能为空；格式不正确' });
  });

  it('names the four-eyes refusal in the box with its detail (a rule, not a field of the form)', () => {
    const fourEyes = new ApiError(422, '提出人不能审核通过（四眼原则）', '本处罚的提出人为 张某，须由另一人办理', [
      { field: 'principal', message: 'the proposer may not decide' },
    ]);
    const p = formProblems(fourEyes, ['note', 'decisionNo']);
    expect(p.byField).toEqual({});
    // The developer's English of a place that is no field of the form stays out; the Chinese says it all.
    expect(p.box).toEqual({
      title: '提出人不能审核通过（四眼原则）',
      detail: '本处罚的提出人为 张某，须由另一人办理',
      fields: [],
    });
    const chinese = new ApiError(422, '不能办理', undefined, [{ field: 'path.mineId', message: '煤矿不存在' }]);
    expect(formProblems(chinese, []).box?.fields).toEqual([{ field: 'path.mineId', message: '煤矿不存在' }]);
  });

  it.each([
    [403, '您的角色不能执行此操作。'],
    [404, '记录不存在，或不在您的管辖范围内。'],
    [409, '数据已被他人修改，请刷新后重试。'],
    [422, undefined],
  ])('a %i without detail says what it means: %s', (status, detail) => {
    expect(formProblems(new ApiError(status, '标题', undefined), []).box?.detail).toBe(detail);
  });

  it('says a lost connection in words, and an error of the page itself by its message', () => {
    expect(formProblems(new TypeError('Failed to fetch'), []).box?.title).toMatch(/^网络错误/);
    expect(formProblems(new Error('请填写理由'), []).box?.title).toBe('请填写理由');
  });

  it('has nothing to show without an error', () => {
    expect(formProblems(undefined, ['note'])).toEqual({ byField: {}, box: null });
  });
});

describe('cleanValues', () => {
  it('trims text, leaves out empty text and empty lists, keeps booleans and lists', () => {
    expect(
      cleanValues({
        note: '  理由  ',
        decisionNo: '   ',
        empty: '',
        scopes: [],
        chosen: ['a'],
        upheld: false,
        x: undefined,
      }),
    ).toEqual({ note: '理由', chosen: ['a'], upheld: false });
  });
});

describe('SubmissionKeys', () => {
  const keys = () => {
    let n = 0;
    return new SubmissionKeys(() => `k${++n}`);
  };

  it('reuses the key when the same body is sent again (a retry), and takes a new one when it differs', () => {
    const k = keys();
    expect(k.keyFor({ a: 1 })).toBe('k1');
    expect(k.keyFor({ a: 1 })).toBe('k1');
    expect(k.keyFor({ a: 2 })).toBe('k2');
    expect(k.keyFor({ a: 1 })).toBe('k3');
  });

  it('takes a new key for the next submission once one went through, even with the same body', () => {
    const k = keys();
    expect(k.keyFor({ a: 1 })).toBe('k1');
    k.succeeded();
    expect(k.keyFor({ a: 1 })).toBe('k2');
  });
});
