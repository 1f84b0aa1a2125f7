import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { RuleError } from '#lib/errors.ts';
import { approveCertificateBody, certificateBody } from '#lib/registry/certificate-schemas.ts';
import {
  CERTIFICATE_EXPIRING_WITHIN_DAYS,
  type CertificateItem,
  certificateStateOn,
  certificateView,
} from '#lib/registry/certificates.ts';
import { certificateExpiry } from '#lib/registry/dated-kinds.ts';
import { type NamedPerson, namePersons, personFileWrites, personKeyOf } from '#lib/registry/responsible-persons.ts';
import { responsiblePersonsField } from '#lib/registry/schemas.ts';
import { reminderStage } from '#lib/reminders/schedule.ts';
import type { Db } from '#lib/store/db.ts';
import { addDays } from '#lib/validators/business-date.ts';

/**
 * People are accountable: which persons a record may name and how it names them (masked, of its own mine), the
 * pointers that keep a person's file, and certificates' validation and expiry at the boundaries.
 */
const KEY = '0123456789ab';
const MANAGER = `p-${KEY}-mine-manager`;
const CONTROLLER = `p-${KEY}-actual-controller`;
const OTHER = 'p-ba9876543210-chief-engineer';
const MASKED = '230406********1234';

/** A Db holding the key persons of mine m-1 only. */
function personsDb(persons: Record<string, object>): Db {
  const doc = {
    send: async (command: { input: { Key: { PK: string; SK: string } } }) => {
      const { PK, SK } = command.input.Key;
      const id = SK.slice('PERSON#'.length);
      return PK === 'MINE#m-1' && persons[id] ? { Item: persons[id] } : {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { doc, tableName: 't', now: () => new Date(), newId: (p) => `${p}-1` };
}
const stored = (personId: string, role: string) => ({
  PK: 'MINE#m-1',
  SK: `PERSON#${personId}`,
  personId,
  mineId: 'm-1',
  role,
  name: '赵某',
  residentIdMasked: MASKED,
  residentIdHash: 'secret-hash',
  mobile: '13800000000',
});
const db = personsDb({
  [MANAGER]: stored(MANAGER, 'mine_manager'),
  [CONTROLLER]: stored(CONTROLLER, 'actual_controller'),
});

describe('naming responsible persons', () => {
  it('copies a key person of the mine with the masked ID only: no hash, no mobile', async () => {
    const named = await namePersons(db, 'm-1', [MANAGER], 'body.responsiblePersons');
    expect(named).toEqual([
      { personId: MANAGER, name: '赵某', role: 'mine_manager', roleLabel: '矿长', residentIdMasked: MASKED },
    ]);
  });

  it('names each person once, however often the body repeats them', async () => {
    expect(await namePersons(db, 'm-1', [MANAGER, MANAGER], 'f')).toHaveLength(1);
  });

  it('refuses a person who is not a key person of the mine, naming each bad entry (422)', async () => {
    const refused = await namePersons(db, 'm-1', [MANAGER, OTHER, 'p-nobody'], 'body.responsiblePersons').catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).fields.map((f) => f.field)).toEqual([
      'body.responsiblePersons.1',
      'body.responsiblePersons.2',
    ]);
  });

  it('keeps a person already named on the record, though no longer on the file', async () => {
    const gone: NamedPerson = {
      personId: OTHER,
      name: '钱某',
      role: 'chief_engineer',
      roleLabel: '总工程师',
      residentIdMasked: MASKED,
    };
    expect(await namePersons(db, 'm-1', [OTHER], 'f', [gone])).toEqual([gone]);
  });

  it('leaves the named persons as they were when the body does not name any', async () => {
    expect(await namePersons(db, 'm-1', undefined, 'f', [])).toEqual([]);
  });

  it.each([
    [[], true],
    [Array.from({ length: 10 }, (_, i) => `p-${i}`), true],
    [Array.from({ length: 11 }, (_, i) => `p-${i}`), false],
  ])('accepts at most 10 persons in a body (%#)', (ids, valid) => {
    expect(z.safeParse(responsiblePersonsField, ids).success).toBe(valid);
  });
});

describe("the pointers of a person's file", () => {
  const ref = {
    kind: 'violation',
    recordId: 'vio-1',
    mineId: 'm-1',
    mineName: '泰源煤矿',
    jurisdiction: 'hlj/hegang/dongshan',
    date: '2026-11-30',
    title: '超能力',
  } as const;
  const person = (personId: string, roleLabel = '矿长'): NamedPerson => ({
    personId,
    name: '赵某',
    role: 'mine_manager',
    roleLabel,
    residentIdMasked: MASKED,
  });
  const ops = (writes: ReturnType<typeof personFileWrites>) =>
    writes.map((w) => {
      const item = w.item as { Put?: { Item: Record<string, unknown> }; Delete?: { Key: Record<string, unknown> } };
      return item.Put
        ? `put ${String(item.Put.Item.PK)} ${String(item.Put.Item.SK)}`
        : `delete ${String(item.Delete?.Key.PK)}`;
    });

  it('keys a person by the part of the id the ID hash gives, the same in every role', () => {
    expect(personKeyOf(MANAGER)).toBe(KEY);
    expect(personKeyOf(CONTROLLER)).toBe(KEY);
    expect(personKeyOf('legacy-person')).toBe('legacy-person');
  });

  it('writes one pointer per person, however many roles they are named in', () => {
    const writes = personFileWrites(recordingDb(), ref, [], [person(MANAGER), person(CONTROLLER, '实际控制人')]);
    expect(ops(writes)).toEqual([`put PERSONFILE#${KEY} VIOLATION#vio-1`]);
    const item = (writes[0]!.item as { Put: { Item: Record<string, unknown> } }).Put.Item;
    expect(item.roles).toEqual(['矿长', '实际控制人']);
    expect(JSON.stringify(item)).not.toContain('secret-hash');
  });

  it('removes the pointer of a person no longer named, and writes none when nobody is', () => {
    expect(ops(personFileWrites(recordingDb(), ref, [person(MANAGER)], [person(OTHER)]))).toEqual([
      `delete PERSONFILE#${KEY}`,
      'put PERSONFILE#ba9876543210 VIOLATION#vio-1',
    ]);
    expect(personFileWrites(recordingDb(), ref, [], [])).toEqual([]);
  });
});

const recordingDb = (): Db => ({
  doc: {} as DynamoDBDocumentClient,
  tableName: 't',
  now: () => new Date(),
  newId: (p) => p,
});

describe('certificate bodies', () => {
  const body = {
    kind: 'special_operation',
    operation: 'coal_blasting',
    holderName: '孙某',
    residentId: '11010519491231002X',
    certificateNo: 'T1',
    issuedOn: '2024-01-01',
    expiresOn: '2030-01-01',
  };
  const issues = (b: object) => {
    const r = z.safeParse(certificateBody, b);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it.each([
    ['a special operation with its category', body, []],
    ['a special operation without one', { ...body, operation: undefined }, ['operation']],
    ['a safety manager without one', { ...body, kind: 'safety_manager', operation: undefined }, []],
    ['a safety manager with one', { ...body, kind: 'safety_manager' }, ['operation']],
    ['an expiry the day after issue', { ...body, expiresOn: '2024-01-02' }, []],
    ['an expiry on the day of issue', { ...body, expiresOn: '2024-01-01' }, ['expiresOn']],
    ['an operation not in the catalogue', { ...body, operation: 'juggling' }, ['operation']],
    ['a resident ID with a wrong check character', { ...body, residentId: '110105194912310021' }, ['residentId']],
  ])('%s', (_, b, expected) => {
    expect(issues(b)).toEqual(expected);
  });

  it('an approval needs the version', () => {
    expect(z.safeParse(approveCertificateBody, {}).success).toBe(false);
  });
});

describe('certificate expiry', () => {
  const expiresOn = '2026-12-31';
  it.each([
    [addDays(expiresOn, -CERTIFICATE_EXPIRING_WITHIN_DAYS - 1), 'valid', 61],
    [addDays(expiresOn, -CERTIFICATE_EXPIRING_WITHIN_DAYS), 'expiring', 60],
    [expiresOn, 'expiring', 0],
    [addDays(expiresOn, 1), 'expired', -1],
  ])('on %s a certificate expiring %s is %s', (today, state, days) => {
    expect(certificateStateOn(expiresOn, today)).toEqual({ state, daysToExpiry: days });
  });

  const item: CertificateItem = {
    certificateId: 'cert-1',
    mineId: 'm-1',
    mineName: '泰源煤矿',
    jurisdiction: 'hlj/hegang/dongshan',
    kind: 'special_operation',
    operation: 'coal_hoist',
    holderName: '孙某',
    residentIdMasked: MASKED,
    certificateNo: 'T1',
    issuedOn: '2020-01-01',
    expiresOn,
    status: 'pending',
    requestedBy: { sub: 'u', role: 'mine_user' },
    requestedAt: '2026-01-01T00:00:00Z',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
  it('a pending certificate has no standing yet; an approved one does', () => {
    const noon = new Date('2026-12-01T04:00:00Z');
    expect(certificateView(item, noon).state).toBeUndefined();
    expect(certificateView({ ...item, status: 'approved' }, noon)).toMatchObject({
      state: 'expiring',
      stateLabel: '即将到期',
      daysToExpiry: 30,
      operationLabel: '煤矿提升机操作作业',
    });
  });

  it('is reminded 60, 30 and 7 days ahead and on the day, not daily after', () => {
    const rule = certificateExpiry.rules.certificate_expiry;
    const stages = [61, 60, 59, 30, 7, 1, 0, -1, -2].map(
      (d) => reminderStage(rule, expiresOn, addDays(expiresOn, -d))?.stage ?? null,
    );
    expect(stages).toEqual([null, 'T-60', null, 'T-30', 'T-7', null, 'T0', null, null]);
  });

  it("the reminder names the holder and the operation, never the resident ID's digits in clear", () => {
    const text = certificateExpiry.reminder(
      { ...item, GSI2SK: 'CERTIFICATE#m-1#cert-1' },
      {
        rule: 'certificate_expiry',
        name: '泰源煤矿',
        mineId: 'm-1',
        mineStatus: 'producing',
        due: expiresOn,
        stage: { stage: 'T-30', daysLeft: 30, escalate: false },
        theMine: [],
        official: [],
        leaders: [],
        escalation: [],
      },
    );
    expect(text?.title).toBe('人员证书到期提醒：泰源煤矿煤矿提升机操作作业证书（孙某，T1）');
    expect(text?.ref).toEqual({ entityType: 'certificate', entityId: 'm-1/cert-1' });
  });
});
