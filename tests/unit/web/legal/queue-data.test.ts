// 法制审核's queue: what waits for a legal reviewer, from the lists the page reads, oldest first, with the days waited.
import { describe, expect, it } from 'vitest';
import {
  buildQueue,
  countByKind,
  daysWaiting,
  type Override,
  type Penalty,
  type PolicyChange,
  type QueueSources,
} from '#web/src/pages/legal/queue-data.ts';
import type { BlacklistEntry } from '#web/src/types.ts';

const actor = (sub: string) => ({ sub, role: 'inspector', name: sub });
const penalty = (id: string, status: string, submittedAt: string): Penalty => ({
  penaltyId: id,
  mineId: 'm1',
  mineName: '一矿',
  kind: 'fine',
  kindLabel: '罚款',
  amountYuan: 80000,
  basis: '依据',
  description: '事实',
  majorReason: '罚款超过标准',
  status,
  statusLabel: status,
  proposedBy: actor('p'),
  proposedAt: '2026-01-01T00:00:00.000Z',
  steps: [
    { action: 'propose', at: '2026-01-01T00:00:00.000Z', by: actor('p') },
    { action: 'submit_for_review', at: submittedAt, by: actor('s') },
  ],
  version: 2,
});
const entry = (id: string, status: string, extra: Partial<BlacklistEntry> = {}): BlacklistEntry =>
  ({
    entryId: id,
    status,
    subjectName: '某公司',
    mineId: 'm2',
    mineName: '二矿',
    proposedBy: actor('bp'),
    proposedAt: '2026-01-02T00:00:00.000Z',
    steps: [{ action: 'submit_review', at: '2026-01-05T02:00:00.000Z', by: actor('bp') }],
    ...extra,
  }) as unknown as BlacklistEntry;
const request = {
  reason: '已修复',
  evidence: ['材料'],
  requestedBy: actor('rq'),
  requestedAt: '2026-01-03T00:00:00.000Z',
};
const override = (id: string, status: Override['status']): Override =>
  ({
    overrideId: id,
    mineId: 'm3',
    mineName: '三矿',
    tier: 'C',
    reason: '理由',
    endsOn: '2026-06-30',
    status,
    proposedBy: actor('admin'),
    proposedAt: '2026-01-04T00:00:00.000Z',
    version: 1,
  }) as Override;
const change = (id: string, status: PolicyChange['status']): PolicyChange => ({
  changeId: id,
  policy: 'penalty',
  guarded: [{ path: 'p.majorFineYuan', label: '重大执法决定罚款标准（元）', from: 50000, to: 30000 }],
  reason: '收紧',
  status,
  proposedBy: actor('admin'),
  proposedAt: '2026-01-06T00:00:00.000Z',
  version: 1,
});

describe('daysWaiting', () => {
  it.each([
    // 16:00 UTC is midnight in Shanghai: the day turns there, not in UTC.
    ['2026-01-09T15:59:59.000Z', '2026-01-10', 1],
    ['2026-01-09T16:00:00.000Z', '2026-01-10', 0],
    ['2026-01-01T00:00:00.000Z', '2026-01-10', 9],
    ['2026-01-11T00:00:00.000Z', '2026-01-10', 0],
    ['not a time', '2026-01-10', 0],
  ])('%s to %s → %i', (since, today, days) => {
    expect(daysWaiting(since, today)).toBe(days);
  });
});

describe('buildQueue', () => {
  const sources: QueueSources = {
    penalties: [
      penalty('pen-1', 'under_review', '2026-01-07T00:00:00.000Z'),
      penalty('pen-2', 'effective', '2026-01-01T00:00:00.000Z'),
    ],
    blacklist: [
      entry('bl-review', 'under_review'),
      entry('bl-removal', 'published', { removalRequest: request }),
      entry('bl-listed', 'published'),
      entry('bl-revoke', 'removed', { revocationRequest: { ...request, requestedAt: '2026-01-08T00:00:00.000Z' } }),
      entry('bl-removed', 'removed'),
    ],
    overrides: [override('ov-1', 'proposed'), override('ov-2', 'approved')],
    policyChanges: [
      { policy: 'penalty', label: '处罚策略', changes: [change('ch-1', 'pending'), change('ch-2', 'rejected')] },
    ],
  };
  const queue = buildQueue(sources, '2026-01-10');

  it('holds only what waits for the review, the longest waiting first', () => {
    expect(queue.map((i) => i.key)).toEqual([
      'blacklist:bl-removal:removal',
      'override:ov-1',
      'blacklist:bl-review:listing',
      'policy:ch-1',
      'penalty:pen-1',
      'blacklist:bl-revoke:revocation',
    ]);
  });

  it('dates a penalty from its submission to the review, a request from when it was asked', () => {
    const byKey = Object.fromEntries(queue.map((i) => [i.key, i]));
    expect(byKey['penalty:pen-1']).toMatchObject({ since: '2026-01-07T00:00:00.000Z', daysWaiting: 3 });
    expect(byKey['blacklist:bl-removal:removal']).toMatchObject({ daysWaiting: 7, proposedBy: actor('rq') });
    expect(byKey['penalty:pen-1']?.what).toBe('罚款 80,000 元：事实');
  });

  it('counts each kind', () => {
    expect(countByKind(queue)).toEqual({ penalty: 1, blacklist: 3, override: 1, policy: 1 });
    expect(countByKind([])).toEqual({ penalty: 0, blacklist: 0, override: 0, policy: 0 });
  });
});
