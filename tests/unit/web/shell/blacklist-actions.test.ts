// The blacklist entry page offers each role the actions the entry's state allows (lib/blacklist/lifecycle.ts), and
// builds the request body from its form.
import { describe, expect, it } from 'vitest';
import { actionBody, allowedActions } from '#web/src/pages/blacklist-actions.ts';

const entry = (status: string, extra: Record<string, unknown> = {}) =>
  ({ status, objections: [], ...extra }) as Parameters<typeof allowedActions>[0];

describe('allowedActions', () => {
  it.each([
    ['proposed', 'inspector', ['serve_notice', 'withdraw']],
    ['proposed', 'legal_reviewer', []],
    ['notice_served', 'bureau_admin', ['record_objection', 'submit_review', 'withdraw']],
    ['under_review', 'legal_reviewer', ['approve', 'reject']],
    ['under_review', 'bureau_admin', ['withdraw']],
    ['published', 'inspector', ['request_removal']],
    ['published', 'legal_reviewer', []],
    ['removed', 'bureau_admin', ['revoke_removal']],
    ['removed', 'legal_reviewer', ['revoke_removal']],
    ['removed', 'inspector', []],
    ['expired', 'bureau_admin', []],
    ['under_review', 'mine_user', []],
  ] as const)('%s, %s → %j', (status, role, actions) => {
    expect(allowedActions(entry(status), role)).toEqual(actions);
  });

  it('offers answering only while an objection waits, and deciding a removal only while one is asked', () => {
    expect(allowedActions(entry('notice_served', { objections: [{ objectionId: 'o1' }] }), 'inspector')).toContain(
      'answer_objection',
    );
    expect(
      allowedActions(entry('notice_served', { objections: [{ objectionId: 'o1', answer: {} }] }), 'inspector'),
    ).not.toContain('answer_objection');
    const asked = entry('published', { removalRequest: { reason: 'x' } });
    expect(allowedActions(asked, 'legal_reviewer')).toEqual(['approve_removal', 'reject_removal']);
    expect(allowedActions(asked, 'inspector')).toEqual([]);
  });

  it('offers revoking a removal in two steps: proposing while none waits, then deciding to a legal reviewer', () => {
    const proposed = entry('removed', { revocationRequest: { reason: 'x' } });
    expect(allowedActions(proposed, 'legal_reviewer')).toEqual(['approve_revocation', 'reject_revocation']);
    expect(allowedActions(proposed, 'bureau_admin')).toEqual([]);
    expect(allowedActions(proposed, 'inspector')).toEqual([]);
  });
});

describe('actionBody', () => {
  it('trims text and leaves empty optional fields out', () => {
    expect(actionBody('serve_notice', 3, { servedOn: '2026-11-20', noticeNo: '  ' })).toEqual({
      body: { action: 'serve_notice', version: 3, servedOn: '2026-11-20' },
    });
    expect(actionBody('approve', 4, { decisionNo: ' 东煤管黑〔2026〕9号 ', scopes: ['safety_licence'] })).toEqual({
      body: { action: 'approve', version: 4, decisionNo: '东煤管黑〔2026〕9号', scopes: ['safety_licence'] },
    });
    expect(actionBody('approve', 4, { decisionNo: 'x', scopes: [] })).toEqual({
      body: { action: 'approve', version: 4, decisionNo: 'x' },
    });
  });

  it('splits evidence into lines and sends the checkbox as a boolean', () => {
    expect(
      actionBody('request_removal', 7, { reason: '整改到位', evidence: '整改报告.pdf\n\n  验收意见.pdf ' }),
    ).toEqual({
      body: { action: 'request_removal', version: 7, reason: '整改到位', evidence: ['整改报告.pdf', '验收意见.pdf'] },
    });
    expect(actionBody('answer_objection', 2, { objectionId: 'obj-1', answer: '不成立' })).toEqual({
      body: { action: 'answer_objection', version: 2, objectionId: 'obj-1', answer: '不成立', upheld: false },
    });
    expect(actionBody('submit_review', 2, {})).toEqual({ body: { action: 'submit_review', version: 2 } });
  });

  it('names the required fields left empty', () => {
    expect(actionBody('approve', 4, {})).toEqual({ missing: ['决定书文号'] });
    expect(actionBody('revoke_removal', 4, { reason: 'x', evidence: '\n' })).toEqual({
      missing: ['查实弄虚作假的材料（每行一项）'],
    });
  });
});
