import { describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { assertMayAttach } from '#lib/evidence/targets.ts';
import { EVIDENCE_TYPES, evidenceTypeOfName, formatBytes, MAX_EVIDENCE_BYTES } from '#lib/evidence/vocabulary.ts';
import { contentDisposition } from '#lib/files/object-store.ts';

const bureau = (role: 'bureau_admin' | 'inspector' | 'legal_reviewer'): Principal => ({
  kind: 'bureau',
  role,
  sub: `u-${role}`,
  jurisdiction: 'hlj/hegang/dongshan',
});
const mine: Principal = { kind: 'mine', role: 'mine_user', sub: 'u-mine', mineId: 'm-a' };
const P = { admin: bureau('bureau_admin'), inspector: bureau('inspector'), legal: bureau('legal_reviewer'), mine };
const status = (fn: () => void): number => {
  try {
    fn();
    return 200;
  } catch (e) {
    return (e as { kind: string }).kind === 'forbidden' ? 403 : 400;
  }
};

describe('who may add a file to which step of a record', () => {
  // [record, step, source, admin, inspector, legal, mine]
  const table: [string, string, string | undefined, number, number, number, number][] = [
    ['hazard', 'found', 'inspection', 200, 200, 403, 403],
    ['hazard', 'found', 'case', 200, 200, 403, 403],
    // The mine's own report: what it found is its own evidence, and no inspector writes into it.
    ['hazard', 'found', 'self_report', 403, 403, 403, 200],
    ['hazard', 'rectified', 'inspection', 403, 403, 403, 200],
    ['hazard', 'verified', 'inspection', 200, 200, 403, 403],
    ['hazard', 'objection', 'inspection', 400, 400, 400, 400],
    ['inspection', 'onsite', undefined, 200, 200, 403, 403],
    ['violation', 'found', undefined, 200, 200, 403, 403],
    ['penalty', 'decided', undefined, 200, 200, 200, 403],
    ['penalty', 'executed', undefined, 200, 200, 403, 403],
    ['case', 'action', undefined, 200, 200, 403, 403],
    ['accident', 'report', undefined, 200, 200, 403, 403],
    ['blacklist', 'bureau', undefined, 200, 200, 200, 403],
    ['blacklist', 'objection', undefined, 200, 403, 200, 200],
    ['duty', 'record', undefined, 200, 403, 403, 200],
    ['register_request', 'request', undefined, 200, 200, 403, 200],
    // A directive's answers are the mine's alone; the bureau's document takes no files.
    ['directive', 'reply', undefined, 403, 403, 403, 200],
    ['directive', 'issued', undefined, 400, 400, 400, 400],
    // 复工复产验收: the mine's report is its own; the check is the inspectors'.
    ['acceptance', 'application', undefined, 403, 403, 403, 200],
    ['acceptance', 'check', undefined, 200, 200, 403, 403],
  ];
  it.each(table)('%s · %s (%s): admin %i, inspector %i, legal %i, mine %i', (kind, step, source, ...want) => {
    const record = { mineId: 'm-a', ...(source ? { source } : {}) };
    const got = [P.admin, P.inspector, P.legal, P.mine].map((p) =>
      status(() => assertMayAttach(p, kind as never, step, record)),
    );
    expect(got).toEqual(want);
  });
});

describe('file names and types', () => {
  it.each([
    ['photo.JPG', 'image/jpeg'],
    ['照片.jpeg', 'image/jpeg'],
    ['IMG_0001.heic', 'image/heic'],
    ['决定书.pdf', 'application/pdf'],
    ['台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['clip.mp4', undefined],
    ['noending', undefined],
  ])('%s → %s', (name, type) => expect(evidenceTypeOfName(name)).toBe(type));

  it('every type names at least one ending, and the limit is 20 MB', () => {
    for (const t of Object.values(EVIDENCE_TYPES)) expect(t.extensions.length).toBeGreaterThan(0);
    expect(MAX_EVIDENCE_BYTES).toBe(20 * 1024 * 1024);
  });

  it.each([
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [MAX_EVIDENCE_BYTES, '20.0 MB'],
  ])('%i bytes read as %s', (n, text) => expect(formatBytes(n)).toBe(text));

  it('a download keeps the Chinese name and gives old clients an ASCII one without quotes to break out of', () => {
    const header = contentDisposition('现场"照片"1.jpg');
    expect(header).toBe(
      `attachment; filename="______1.jpg"; filename*=UTF-8''${encodeURIComponent('现场"照片"1.jpg')}`,
    );
    expect(header).not.toMatch(/filename="[^"]*"[^;]*"/);
  });
});
