import { READ_ACTIONS, WRITE_ACTIONS } from './dynamo-actions.ts';

/**
 * What a mine user's request may touch in the table, as an IAM policy on `dynamodb:LeadingKeys` (the partition key
 * of the item, or of the index a Query reads). The same statements serve twice: in CDK as the policy of the
 * MineAccessRole with the mine taken from the session tag (`${aws:PrincipalTag/mineId}`), and at run time as the
 * session policy of one mine's credentials with the mine written out. The effective permission of a session is the
 * intersection of both, so either alone already keeps a request inside its mine.
 *
 * Partitions, and why a mine user's request reaches each (every pattern is as narrow as the keys allow; a pattern
 * naming the mine has no wildcard after the id, so mine `a1` never matches `MINE#a12`):
 *
 * Read and write, the mine's own and the signed-in user's own:
 * - `MINE#<mineId>`: the mine's profile and every record of it (register, licences, duties, hazards, cases,
 *   penalties, evidence uploads, commitments, audit, notifications about the mine).
 * - `CONTACTS#mine#<mineId>` (GSI1): the mine's contacts, read to address a notice to the mine.
 * - `CREDIT#<mineId>` (GSI3): the mine's credit records, read by the credit view and simulation.
 * - `INBOX#mine#<mineId>`: the mine's shared inbox (read, marked read).
 * - `USER#<sub>` and `INBOX#user#<sub>`: the signed-in user's own contact and inbox (`/v1/me/...`); credentials are
 *   assumed per mine user (session tag `userSub`), so no user's request reaches another user's items.
 *
 * Read only, shared:
 * - `CASEID#`, `PENALTYID#`, `VIOLATIONID#`, `ACCIDENTID#`, `INSPECTIONID#`, `INTERVIEWID#`, `DIRECTIVEID#`:
 *   pointer items from a record id to its mine (`GET /v1/cases/{caseId}`…); they hold only the mine id, and the
 *   record itself is then read under `MINE#<mineId>`, which the first statement limits.
 * - `PERSONFILE#`: the pointers records leave under a key person (a person's file); each names its mine, and the
 *   store keeps only the caller's own mine's.
 * - `USER#`: the directory entry of the bureau official a mine names as 督办人 of a hazard it reports, checked to be
 *   active and over the mine (lib/users/official-check.ts). Read only: a mine user writes its own `USER#<sub>` alone.
 * - `JUR#` and `JURISDICTIONS`: jurisdiction names and the policies in force (credit, blacklist terms) a mine's
 *   views and simulations apply.
 *
 * Read and write, shared (a key the mine cannot be written into; the store's tenancy check is the boundary):
 * - `GRIDACCOUNT#`: the grid account bindings a mine's meter claims when the mine registers it.
 * - `SUBJECT#` and `BLACKLISTID#`: a blacklist entry and its pointer, read to list the notices served on the mine
 *   (the entries of its enterprise and of its key persons) and written when the mine records its objection (陈述申辩).
 * - `HAZARDID#`: the pointer of a hazard the mine reports itself (written with it), read by `GET /v1/hazards/{id}`.
 * - `ACCEPTANCEID#`: the pointer of the mine's application for 复工复产验收 (written with it), read by
 *   `GET /v1/acceptances/{id}`.
 */

/**
 * The indexes the MineAccessRole names. Not GSI4, the credit records by bucket of mines for the nightly
 * classification: its partitions hold other mines' records, which no leading-key pattern of one mine could divide.
 */
export const MINE_SESSION_INDEXES = ['GSI1', 'GSI2', 'GSI3'] as const;

/** The session tags the API functions set and the MineAccessRole's policy reads. */
export const MINE_SESSION_TAG = 'mineId';
export const USER_SESSION_TAG = 'userSub';

/** The mine id and the user as CDK writes them into the role's policy; IAM substitutes the session's tags. */
export const MINE_TAG_VARIABLE = `\${aws:PrincipalTag/${MINE_SESSION_TAG}}`;
export const USER_TAG_VARIABLE = `\${aws:PrincipalTag/${USER_SESSION_TAG}}`;

/** One mine user's session: the mine and the token's subject. */
export interface MineSession {
  readonly mineId: string;
  readonly userSub: string;
}

/** The role's policy: both from the session's tags. */
export const TAGGED_SESSION: MineSession = { mineId: MINE_TAG_VARIABLE, userSub: USER_TAG_VARIABLE };

/** Ids are `[0-9A-Za-z_-]`: nothing IAM's StringLike would read as a wildcard (`*`, `?`) or a variable (`$`). */
const SAFE_MINE_ID = /^[0-9A-Za-z_-]{1,64}$/;
/** A token subject (a Cognito UUID, a seed user's name): likewise free of `*`, `?` and `$`. */
const SAFE_SUB = /^[0-9A-Za-z_.@:+-]{1,128}$/;

export const mineOwnPartitions = ({ mineId, userSub }: MineSession): string[] => [
  `MINE#${mineId}`,
  `CONTACTS#mine#${mineId}`,
  `CREDIT#${mineId}`,
  `INBOX#mine#${mineId}`,
  `USER#${userSub}`,
  `INBOX#user#${userSub}`,
];

export const SHARED_READ_PARTITIONS: readonly string[] = [
  'CASEID#*',
  'PENALTYID#*',
  'VIOLATIONID#*',
  'ACCIDENTID#*',
  'INSPECTIONID#*',
  'INTERVIEWID#*',
  'DIRECTIVEID#*',
  'PERSONFILE#*',
  'USER#*',
  'JUR#*',
  'JURISDICTIONS',
];

export const SHARED_WRITE_PARTITIONS: readonly string[] = [
  'HAZARDID#*',
  'ACCEPTANCEID#*',
  'GRIDACCOUNT#*',
  'SUBJECT#*',
  'BLACKLISTID#*',
];

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition: { readonly 'ForAllValues:StringLike': { readonly 'dynamodb:LeadingKeys': string[] } };
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

const onlyKeys = (patterns: readonly string[]) => ({
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] },
});

/**
 * The statements for one mine user (ids, or TAGGED_SESSION in the role's policy) on the table and the indexes given
 * (`resources`: the table's ARN and its index ARNs; GSI2, the due-date index, matches no pattern).
 */
export function mineAccessStatements(resources: readonly string[], session: MineSession): PolicyStatement[] {
  const { mineId, userSub } = session;
  if (mineId !== MINE_TAG_VARIABLE && !SAFE_MINE_ID.test(mineId)) throw new Error(`Not a mine id: ${mineId}`);
  if (userSub !== USER_TAG_VARIABLE && !SAFE_SUB.test(userSub)) throw new Error('Not a user subject');
  const all = [...READ_ACTIONS, ...WRITE_ACTIONS];
  return [
    {
      Sid: 'OwnMine',
      Effect: 'Allow',
      Action: all,
      Resource: [...resources],
      Condition: onlyKeys(mineOwnPartitions(session)),
    },
    {
      Sid: 'SharedRead',
      Effect: 'Allow',
      Action: [...READ_ACTIONS],
      Resource: [...resources],
      Condition: onlyKeys(SHARED_READ_PARTITIONS),
    },
    {
      Sid: 'SharedWrite',
      Effect: 'Allow',
      Action: all,
      Resource: [...resources],
      Condition: onlyKeys(SHARED_WRITE_PARTITIONS),
    },
  ];
}

/**
 * The session policy of one mine's credentials (AssumeRole `Policy`). STS takes at most 2,048 characters, so the
 * indexes are `index/*` here: the role's own policy names each index, and a session has the intersection of both.
 */
export function mineSessionPolicy(tableArn: string, session: MineSession): PolicyDocument {
  const [own, read, write] = mineAccessStatements([tableArn, `${tableArn}/index/*`], session) as [
    PolicyStatement,
    PolicyStatement,
    PolicyStatement,
  ];
  // The two read-write statements as one: the same grant in fewer characters, which the limit needs.
  const keys = (s: PolicyStatement) => s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'];
  const readWrite: PolicyStatement = {
    ...own,
    Sid: 'ReadWrite',
    Condition: onlyKeys([...keys(own), ...keys(write)]),
  };
  return { Version: '2012-10-17', Statement: [readWrite, read] };
}

/** IAM StringLike: `*` any run of characters, `?` exactly one, the rest literal, the whole string. */
const stringLike = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  ).test(value);

/**
 * Would the policy let this action reach an item (or index partition) with this leading key? Resources are not
 * compared: the local check (lib/store/scoped-db.ts) knows only the table name.
 */
export function policyAllows(policy: PolicyDocument, action: string, leadingKey: string): boolean {
  return policy.Statement.some(
    (s) =>
      s.Action.includes(action) &&
      s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'].some((p) => stringLike(p, leadingKey)),
  );
}
