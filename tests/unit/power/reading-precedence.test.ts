import { describe, expect, it } from 'vitest';
import { decideRow, type RowContext } from '#lib/power/reading-precedence.ts';
import type { ReadingSource, StoredReading } from '#lib/power/reading-records.ts';

// The precedence of the sources as one table: what a row from one source does to a reading stored from another.
const AT = '2025-03-10T02:00:00.000Z';
const ctx = (source: ReadingSource, extra: Partial<RowContext> = {}): RowContext => ({
  mineId: 'm-1',
  source,
  actor: { sub: `${source}-user`, role: source === 'mine' ? 'mine_user' : 'inspector' },
  at: AT,
  afterReview: false,
  ...extra,
});
const stored = (source: StoredReading['source'], kwh: number, extra: Partial<StoredReading> = {}): StoredReading => ({
  meterId: 'main',
  date: '2025-03-08',
  kwh,
  mineId: 'm-1',
  source,
  revision: 1,
  recordedAt: '2025-03-09T01:00:00.000Z',
  recordedBy: { sub: `${source}-user`, role: 'inspector' },
  version: 1,
  ...extra,
});
const row = (kwh: number, reason?: string) => ({
  meterId: 'main',
  date: '2025-03-08',
  kwh,
  ...(reason ? { reason } : {}),
});

describe('a row over a stored reading', () => {
  it.each([
    // stored, row source, row kWh, reason → kind, kWh in force, source in force
    ['grid', 'mine', 1200, '以我矿为准', 'declared', 5400, 'grid'],
    ['bureau', 'mine', 1200, undefined, 'declared', 5400, 'bureau'],
    ['inspector', 'mine', 1200, undefined, 'declared', 5400, 'inspector'],
    ['mine', 'grid', 1200, undefined, 'superseded', 1200, 'grid'],
    ['mine', 'bureau', 1200, undefined, 'superseded', 1200, 'bureau'],
    ['bureau', 'grid', 1200, undefined, 'superseded', 1200, 'grid'],
    ['grid', 'grid', 1200, '电网公司更正', 'revised', 1200, 'grid'],
    ['mine', 'mine', 1200, '抄表有误', 'revised', 1200, 'mine'],
    ['grid', 'grid', 5400, undefined, 'unchanged', 5400, 'grid'],
    ['grid', 'bureau', 5400, undefined, 'unchanged', 5400, 'grid'],
  ] as const)(
    'stored %s, a %s row of %i kWh (reason %s): %s, %i kWh from %s in force',
    (was, source, kwh, reason, kind, inForceKwh, inForceSource) => {
      const d = decideRow(stored(was, 5400), row(kwh, reason), ctx(source));
      expect(d.kind).toBe(kind);
      if (d.kind === 'reject') return;
      expect(d.inForce).toMatchObject({ kwh: inForceKwh, source: inForceSource });
    },
  );

  it.each([
    ['bureau under the grid, another value', 'grid', 'bureau', undefined, 'kwh'],
    ['the same source, another value, no reason', 'grid', 'grid', undefined, 'reason'],
  ] as const)('%s: refused naming %s', (_what, was, source, reason, field) => {
    expect(decideRow(stored(was, 5400), row(1200, reason), ctx(source))).toMatchObject({ kind: 'reject', field });
  });

  it('a first reading is created from its source, version 1', () => {
    expect(decideRow(undefined, row(900), ctx('mine'))).toMatchObject({
      kind: 'created',
      item: { kwh: 900, source: 'mine', revision: 1, version: 1, recordedAt: AT },
      reviewAgain: false,
    });
  });

  it('the mine under the grid keeps the grid value and writes its own beside it, with who and when', () => {
    const d = decideRow(stored('grid', 5400), row(1200), ctx('mine'));
    expect(d).toMatchObject({
      kind: 'declared',
      item: { kwh: 5400, source: 'grid', declared: { kwh: 1200, declaredAt: AT, declaredBy: { sub: 'mine-user' } } },
    });
    expect(d.kind !== 'reject' && d.revision).toBeFalsy();
  });

  it('a changed declaration needs a reason, keeps the earlier one, and after review is a late change of its own', () => {
    const before = stored('grid', 5400, {
      declared: { kwh: 1200, declaredAt: AT, declaredBy: { sub: 'mine-user', role: 'mine_user' } },
    });
    expect(decideRow(before, row(5300), ctx('mine'))).toMatchObject({ kind: 'reject', field: 'reason' });
    const d = decideRow(before, row(5300, '更正'), ctx('mine', { afterReview: true }));
    expect(d).toMatchObject({
      kind: 'declared',
      item: {
        kwh: 5400,
        declared: { kwh: 5300 },
        revisionsAfterReview: [{ previousKwh: 1200, kwh: 5300, declaration: true }],
      },
      revision: { kind: 'declaration', previous: { kwh: 1200, source: 'mine' } },
      reviewAgain: true,
    });
  });

  it('the grid over the mine: the mine value becomes its declaration; a reviewed day is reviewed again, not marked late', () => {
    const d = decideRow(stored('mine', 1200), row(5400), ctx('grid', { afterReview: true, defaultReason: '导入' }));
    expect(d).toMatchObject({
      kind: 'superseded',
      item: { kwh: 5400, source: 'grid', revision: 2, version: 2, declared: { kwh: 1200 } },
      revision: { kind: 'superseded', previous: { kwh: 1200, source: 'mine' }, reason: '导入' },
      reviewAgain: true,
    });
    expect(d.kind !== 'reject' && d.item?.revisionsAfterReview).toBeFalsy();
  });

  it('the same import delivered again on a reviewed day changes nothing but asks for the review again; another file does not', () => {
    const stored5400 = stored('grid', 5400, { importId: 'imp-1', revision: 2, version: 2 });
    const again = decideRow(stored5400, row(5400), ctx('grid', { importId: 'imp-1', afterReview: true }));
    expect(again).toMatchObject({ kind: 'unchanged', reviewAgain: true });
    expect(again.kind !== 'reject' && again.item).toBeFalsy();
    expect(decideRow(stored5400, row(5400), ctx('grid', { importId: 'imp-2', afterReview: true }))).toMatchObject({
      kind: 'unchanged',
      reviewAgain: false,
    });
    expect(decideRow(stored5400, row(5400), ctx('grid', { importId: 'imp-1', afterReview: false }))).toMatchObject({
      kind: 'unchanged',
      reviewAgain: false,
    });
  });
});
