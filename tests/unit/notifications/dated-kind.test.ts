import { describe, expect, it } from 'vitest';
import { type DueItem, remindedKind } from '#lib/notifications/dated-kind.ts';
import { DATED_KINDS } from '#lib/reminders/dated-kinds.ts';

const at = {
  rule: 'r',
  name: '某矿',
  mineId: 'm-1',
  mineStatus: 'producing',
  due: '2026-12-10',
  stage: { stage: 'T-7', daysLeft: 7, escalate: false },
  theMine: [],
  official: [],
  leaders: [],
  escalation: [],
} as const;

/** A kind whose reminder reaches, through a cast, for an attribute it does not declare. */
const sneaky = remindedKind({
  indexKind: 'SNEAKY',
  reads: ['number'],
  rules: { r: { leadDays: [7], onTheDay: true, dailyOverdue: false, escalateAfterDays: 0 } },
  ruleOf: (i) => ((i as unknown as { holder?: string }).holder === undefined ? 'r' : null),
  reminder: (i) => ({
    title: `${String(i.number)}/${String((i as unknown as { holder?: string }).holder)}`,
    body: '',
    sms: '',
    recipients: [],
    ref: { entityType: 'x', entityId: String(i.GSI2SK) },
  }),
});

describe('a reminded kind reads only what it declares', () => {
  const whole = { GSI2SK: '2026-12-10#SNEAKY#m-1#1', number: 'No.7', holder: '某人' } as DueItem<'number'>;

  it('hands its rule and reminder the declared attributes and the sort key, whoever passes the whole record', () => {
    expect(sneaky.ruleOf(whole)).toBe('r');
    expect(sneaky.reminder(whole, at)?.title).toBe('No.7/undefined');
    expect(sneaky.reminder(whole, at)?.ref.entityId).toBe('2026-12-10#SNEAKY#m-1#1');
  });

  it('words the same reminder from the whole record as from the list’s projection of it', () => {
    const projected = { GSI2SK: whole.GSI2SK, number: 'No.7' } as DueItem<'number'>;
    expect(sneaky.reminder(whole, at)).toEqual(sneaky.reminder(projected, at));
  });

  it('every reminded kind of the registry is built so: its rule looks up the sort key and its declared attributes', () => {
    // A kind declared as a plain object would hand its rule and reminder the whole record.
    for (const kind of DATED_KINDS) {
      if ('notReminded' in kind) continue;
      const seen: string[] = [];
      const spy = new Proxy({ GSI2SK: '2026-12-10#X#m-1#1' } as DueItem, {
        get: (target, name) => {
          if (typeof name === 'string') seen.push(name);
          return Reflect.get(target, name);
        },
      });
      kind.ruleOf(spy);
      expect(seen, kind.indexKind).toEqual(['GSI2SK', ...kind.reads]);
    }
  });
});
