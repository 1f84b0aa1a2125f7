/**
 * A mine user's credentials: one AssumeRole per mine with the mine's session tag and session policy, reused until
 * shortly before they expire, renewed then, never shared between mines, and a failure not kept. Without a role in
 * the environment (one machine, tests) the shared Db serves everyone.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '#lib/auth/principal.ts';
import { createDb, createDocumentClient } from '#lib/store/db.ts';
import { dbForPrincipal, MineCredentialCache, MineScopedDbs, RENEW_BEFORE_MS } from '#lib/store/scoped-db.ts';

const ROLE = 'arn:aws-cn:iam::111122223333:role/Coalsafe-MineAccessRole';
const TABLE = 'arn:aws-cn:dynamodb:cn-north-1:111122223333:table/Coalsafe-Data';
const sts = mockClient(STSClient);
const T0 = Date.parse('2026-05-01T00:00:00Z');
let now = T0;
let issued = 0;

beforeEach(() => {
  sts.reset();
  now = T0;
  issued = 0;
  sts.on(AssumeRoleCommand).callsFake(() => {
    issued += 1;
    return {
      Credentials: {
        AccessKeyId: `AKIA${issued}`,
        SecretAccessKey: 'secret',
        SessionToken: `token-${issued}`,
        Expiration: new Date(now + 15 * 60_000),
      },
    };
  });
});

const A = { mineId: 'mine-a', userSub: 'u-1' };
const A2 = { mineId: 'mine-a', userSub: 'u-9' };
const B = { mineId: 'mine-b', userSub: 'u-2' };
const cache = () => new MineCredentialCache({ roleArn: ROLE, tableArn: TABLE, sts: new STSClient({}), now: () => now });
const assumeCalls = () => sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input);

describe('MineCredentialCache', () => {
  it('assumes the role with the mine and the user as session tags and their session policy', async () => {
    await cache().credentialsFor(A);
    const [input] = assumeCalls();
    expect(input).toMatchObject({
      RoleArn: ROLE,
      Tags: [
        { Key: 'mineId', Value: 'mine-a' },
        { Key: 'userSub', Value: 'u-1' },
      ],
      DurationSeconds: 900,
    });
    const policy = JSON.parse(input!.Policy!);
    expect(JSON.stringify(policy)).toContain('"MINE#mine-a"');
    expect(JSON.stringify(policy)).not.toContain('mine-b');
  });

  it('reuses one mine’s credentials until shortly before expiry, then renews them', async () => {
    const c = cache();
    const first = await c.credentialsFor(A);
    now += 15 * 60_000 - RENEW_BEFORE_MS - 1_000;
    expect(await c.credentialsFor(A)).toBe(first);
    expect(assumeCalls()).toHaveLength(1);
    now += 2_000;
    const renewed = await c.credentialsFor(A);
    expect(renewed.sessionToken).not.toBe(first.sessionToken);
    expect(assumeCalls()).toHaveLength(2);
  });

  it('concurrent first requests of a mine share one AssumeRole', async () => {
    const c = cache();
    const [a, b] = await Promise.all([c.credentialsFor(A), c.credentialsFor(A)]);
    expect(a).toBe(b);
    expect(assumeCalls()).toHaveLength(1);
  });

  it('gives each mine its own credentials', async () => {
    const c = cache();
    const a = await c.credentialsFor(A);
    const b = await c.credentialsFor(B);
    expect(a.sessionToken).not.toBe(b.sessionToken);
    expect(assumeCalls().map((i) => i.Tags?.[0]?.Value)).toEqual(['mine-a', 'mine-b']);
  });

  it('gives each user of one mine its own credentials, tagged with the user, whose policy names only that user', async () => {
    const c = cache();
    const a = await c.credentialsFor(A);
    const a2 = await c.credentialsFor(A2);
    expect(a.sessionToken).not.toBe(a2.sessionToken);
    const [first, second] = assumeCalls();
    expect(first?.Tags).toEqual([
      { Key: 'mineId', Value: 'mine-a' },
      { Key: 'userSub', Value: 'u-1' },
    ]);
    expect(second?.Tags?.[1]).toEqual({ Key: 'userSub', Value: 'u-9' });
    expect(first?.Policy).toContain('USER#u-1');
    expect(first?.Policy).not.toContain('USER#u-9');
    const [readWrite] = JSON.parse(first!.Policy!).Statement;
    expect(readWrite.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']).not.toContain('USER#*');
  });

  it('does not keep a failed AssumeRole: the next request tries again', async () => {
    const c = cache();
    sts.on(AssumeRoleCommand).rejectsOnce(new Error('throttled'));
    await expect(c.credentialsFor(A)).rejects.toThrow('throttled');
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'A', SecretAccessKey: 'S', SessionToken: 'T', Expiration: new Date(now + 900_000) },
    });
    expect((await c.credentialsFor(A)).sessionToken).toBe('T');
  });

  it('refuses an answer without credentials', async () => {
    sts.on(AssumeRoleCommand).resolves({});
    await expect(cache().credentialsFor(A)).rejects.toThrow(/no credentials/);
  });
});

describe('which Db a caller gets', () => {
  const base = createDb({ doc: createDocumentClient('http://127.0.0.1:1'), tableName: 'coalsafe' });
  const mineUser: Principal = { kind: 'mine', role: 'mine_user', sub: 'u-1', mineId: 'mine-a' };
  const bureauUser: Principal = { kind: 'bureau', role: 'inspector', sub: 'u-2', jurisdiction: 'hlj/hegang' };

  it('without a mine access role in the environment, everyone gets the shared Db', () => {
    expect(dbForPrincipal(base, mineUser)).toBe(base);
    expect(dbForPrincipal(base, bureauUser)).toBe(base);
  });

  it('a mine gets a client of its own (one per mine), on the same table, signing with the mine’s credentials', async () => {
    const dbs = new MineScopedDbs(cache());
    const a = dbs.forMine(base, A);
    expect(a.doc).not.toBe(base.doc);
    expect(a.tableName).toBe(base.tableName);
    expect(dbs.forMine(base, A).doc).toBe(a.doc);
    expect(dbs.forMine(base, B).doc).not.toBe(a.doc);
    const signing = await a.doc.config.credentials();
    expect(signing.sessionToken).toBe('token-1');
    expect(assumeCalls()[0]?.Tags).toEqual([
      { Key: 'mineId', Value: 'mine-a' },
      { Key: 'userSub', Value: 'u-1' },
    ]);
  });
});
