/**
 * The session policy a mine user's credentials carry, evaluated here as IAM would for DynamoDB: a request is allowed
 * when some statement names its action and resource and every leading key (the item's partition key, or the queried
 * index's) matches one of the statement's StringLike patterns (ForAllValues). The evaluator is small on purpose; its
 * own cases come first so that a policy that passes is not passing because the evaluator says yes to everything.
 */
import { describe, expect, it } from 'vitest';
import { READ_ACTIONS, WRITE_ACTIONS } from '#lib/auth/dynamo-actions.ts';
import {
  mineAccessStatements,
  mineSessionPolicy,
  type PolicyDocument,
  TAGGED_SESSION,
} from '#lib/auth/mine-session-policy.ts';
import { creditBucket, gsi4 } from '#lib/store/keys.ts';

// As long as CloudFormation names it (stack, construct path, hash, suffix).
const TABLE = 'arn:aws-cn:dynamodb:cn-north-1:111122223333:table/Coalsafe-DataTable1234ABCD-1ABCDEFGHIJKL';
const index = (name: string) => `${TABLE}/index/${name}`;

/** IAM ARN matching (`index/*`) and condition matching share these wildcard rules. */
const matchesResource = (patterns: readonly string[], arn: string) => patterns.some((p) => stringLike(p, arn));

/** IAM StringLike: `*` any run of characters, `?` exactly one, everything else literal, whole string. */
function stringLike(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}

interface Request {
  readonly action: string;
  readonly resource: string;
  readonly leadingKeys: readonly string[];
}

function allows(policy: PolicyDocument, r: Request): boolean {
  return policy.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      s.Action.includes(r.action) &&
      matchesResource(s.Resource, r.resource) &&
      r.leadingKeys.every((key) =>
        s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'].some((p) => stringLike(p, key)),
      ),
  );
}

describe('the StringLike evaluator', () => {
  it.each([
    ['MINE#a1', 'MINE#a1', true],
    ['MINE#a1', 'MINE#a12', false],
    ['MINE#a1', 'mine#a1', false],
    ['HAZARDID#*', 'HAZARDID#h-1', true],
    ['HAZARDID#*', 'HAZARDID', false],
    ['JUR#*', 'XJUR#a', false],
    ['A?C', 'ABC', true],
    ['A?C', 'AC', false],
    ['A.C', 'ABC', false],
  ])('%s against %s: %s', (pattern, value, expected) => {
    expect(stringLike(pattern, value)).toBe(expected);
  });
});

describe("mine A's session policy", () => {
  const policy = mineSessionPolicy(TABLE, { mineId: 'mine-a', userSub: 'u-1' });
  const request = (action: string, key: string, resource = TABLE): Request => ({
    action,
    resource,
    leadingKeys: [key],
  });

  it('reads and writes every item of mine A, and of no other mine', () => {
    for (const action of [...READ_ACTIONS, ...WRITE_ACTIONS]) {
      expect(allows(policy, request(action, 'MINE#mine-a')), action).toBe(true);
      expect(allows(policy, request(action, 'MINE#mine-b')), action).toBe(false);
      // A longer id that starts with A's is another mine.
      expect(allows(policy, request(action, 'MINE#mine-a2')), action).toBe(false);
    }
  });

  it("queries mine A's contacts (GSI1) and credit records (GSI3), not B's, nor its bucket of the credit index (GSI4) or the due-date index", () => {
    expect(allows(policy, request('dynamodb:Query', 'CONTACTS#mine#mine-a', index('GSI1')))).toBe(true);
    expect(allows(policy, request('dynamodb:Query', 'CONTACTS#mine#mine-b', index('GSI1')))).toBe(false);
    expect(allows(policy, request('dynamodb:Query', 'CREDIT#mine-a', index('GSI3')))).toBe(true);
    expect(allows(policy, request('dynamodb:Query', 'CREDIT#mine-b', index('GSI3')))).toBe(false);
    // The nightly job's copy by bucket holds other mines' records beside A's: no session of A reads it.
    expect(allows(policy, request('dynamodb:Query', gsi4.creditBucket(creditBucket('mine-a')), index('GSI4')))).toBe(
      false,
    );
    expect(allows(policy, request('dynamodb:Query', 'DUE#2026-05-01', index('GSI2')))).toBe(false);
    // The province's blacklist list: a mine's notices are read from its own subjects' partitions instead.
    expect(allows(policy, request('dynamodb:Query', 'BLACKLIST#hlj', index('GSI1')))).toBe(false);
    expect(allows(policy, request('dynamodb:Query', 'MINES#hlj', index('GSI1')))).toBe(false);
    expect(allows(policy, request('dynamodb:Query', 'HAZARDS#hlj', index('GSI1')))).toBe(false);
  });

  it('reads the pointer items and jurisdiction items, and may not write them', () => {
    for (const key of [
      'CASEID#c-1',
      'PENALTYID#p-1',
      'VIOLATIONID#v-1',
      'DIRECTIVEID#dir-1',
      'PERSONFILE#k-1',
      'JUR#hlj/hegang',
      'JURISDICTIONS',
    ]) {
      expect(allows(policy, request('dynamodb:GetItem', key)), key).toBe(true);
      for (const write of WRITE_ACTIONS) expect(allows(policy, request(write, key)), `${write} ${key}`).toBe(false);
    }
  });

  it('writes the pointer of a hazard or an acceptance application it makes itself, a blacklist entry it objects to, its user’s contact', () => {
    for (const key of [
      'HAZARDID#h-1',
      'ACCEPTANCEID#acpt-1',
      'SUBJECT#enterprise#91230000',
      'BLACKLISTID#e-1',
      'USER#u-1',
      'INBOX#user#u-1',
    ]) {
      expect(allows(policy, request('dynamodb:PutItem', key)), key).toBe(true);
    }
  });

  it("writes no other user's directory entry or contact, and reaches no other user's inbox", () => {
    for (const key of ['USER#u-2', 'USER#u-10']) {
      // Read: the official a mine names as 督办人 is checked against the directory.
      expect(allows(policy, request('dynamodb:GetItem', key)), key).toBe(true);
      for (const action of WRITE_ACTIONS) expect(allows(policy, request(action, key)), `${action} ${key}`).toBe(false);
    }
    for (const key of ['INBOX#user#u-2', 'INBOX#user#u-1x']) {
      for (const action of [...READ_ACTIONS, ...WRITE_ACTIONS]) {
        expect(allows(policy, request(action, key)), `${action} ${key}`).toBe(false);
      }
    }
  });

  it('a batch is allowed only if every key in it is (ForAllValues)', () => {
    const batch = (keys: string[]): Request => ({
      action: 'dynamodb:BatchGetItem',
      resource: TABLE,
      leadingKeys: keys,
    });
    expect(allows(policy, batch(['MINE#mine-a', 'MINE#mine-a']))).toBe(true);
    expect(allows(policy, batch(['MINE#mine-a', 'MINE#mine-b']))).toBe(false);
  });

  it('reaches none of the partitions only bureaus, jobs or the public list use', () => {
    for (const key of [
      'IDEMPOTENCY#x',
      'QUOTA#k#t',
      'COUNTER#DOCNO#hlj',
      'PERSONID#h',
      'IMPORT#i',
      'PUBLICENTRY#e',
      'CREDITCODE#91',
    ]) {
      for (const action of [...READ_ACTIONS, ...WRITE_ACTIONS]) {
        expect(allows(policy, request(action, key)), `${action} ${key}`).toBe(false);
      }
    }
  });

  it('never grants Scan or any action beyond the item actions, on this table and its indexes only', () => {
    const actions = new Set(policy.Statement.flatMap((s) => s.Action));
    expect([...actions].sort()).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS].sort());
    for (const s of policy.Statement) expect(s.Resource).toEqual([TABLE, `${TABLE}/index/*`]);
    expect(allows(policy, request('dynamodb:Scan', 'MINE#mine-a'))).toBe(false);
    expect(allows(policy, request('dynamodb:GetItem', 'MINE#mine-a', `${TABLE}-other`))).toBe(false);
  });

  it('fits the 2,048 characters STS accepts for a session policy', () => {
    const longest = { mineId: 'm'.repeat(64), userSub: 'u'.repeat(128) };
    expect(JSON.stringify(mineSessionPolicy(TABLE, longest)).length).toBeLessThanOrEqual(2048);
  });
});

describe('mine ids', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
  it.each(['a*', 'a?', '${aws:username}', 'a b', '', 'x'.repeat(65)])(
    'refuses %j (a wildcard or variable to IAM)',
    (id) => {
      expect(() => mineSessionPolicy(TABLE, { mineId: id, userSub: 'u-1' })).toThrow();
    },
  );

  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
  it.each(['u*', 'u?', '${aws:username}', 'u 1', '', 'x'.repeat(129)])('refuses the user subject %j', (sub) => {
    expect(() => mineSessionPolicy(TABLE, { mineId: 'mine-a', userSub: sub })).toThrow();
  });

  it('takes a Cognito subject and a 128-character one', () => {
    for (const sub of ['3f0c2a8e-6b1d-4c55-9e7a-0d2b1c4e5f60', 'x'.repeat(128)]) {
      expect(JSON.stringify(mineSessionPolicy(TABLE, { mineId: 'mine-a', userSub: sub }))).toContain(`USER#${sub}"`);
    }
  });

  it("the role's policy names the mine and the user by the session tags", () => {
    const [own] = mineAccessStatements([TABLE], TAGGED_SESSION);
    const keys = own!.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    expect(keys).toContain('MINE#${aws:PrincipalTag/mineId}');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    expect(keys).toContain('USER#${aws:PrincipalTag/userSub}');
  });
});
