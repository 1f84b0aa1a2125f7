/**
 * Each function's role, read from the synthesized product stack, against what its module declared next to its code
 * (FunctionNeeds in functions/api/<module>.routes.ts, functions/scheduled/jobs.ts, lib/queue/queues.ts): the table
 * actions of its access mode on the table and exactly the indexes it named, its partition prefixes, the queues it
 * sends to and the secrets it reads. The anonymous public-blacklist function can read its projection and nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { CoalsafeFunction } from '#cdk/constructs/coalsafe-function.ts';
import { API_MODULES } from '#functions/api/routes.ts';
import { JOBS } from '#functions/scheduled/jobs.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import { READ_ACTIONS, tableActions, WRITE_ACTIONS } from '#lib/store/access-needs.ts';
import {
  actionsOf,
  functionId,
  handlerFunctions,
  logicalId,
  policyStatements,
  roleId,
  type Statement,
  synthesize,
} from './support.ts';

const { stack, template } = synthesize();
const statements = policyStatements(template);
const tableArn = { 'Fn::GetAtt': [logicalId(stack.data.table), 'Arn'] };
const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });
const queueArn = (name: string) => ({ 'Fn::GetAtt': [logicalId(stack.workQueues.queues.get(name)!), 'Arn'] });
const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const json = (xs: readonly unknown[]): string[] => xs.map((x) => JSON.stringify(x)).sort();

const ofRole = (fn: CoalsafeFunction) =>
  statements.filter(({ roles }) => roles.includes(roleId(fn))).map(({ statement }) => statement);
const withPrefix = (fn: CoalsafeFunction, prefix: string) =>
  ofRole(fn).filter((s) => actionsOf(s).some((a) => a.startsWith(prefix)));

const publicFunction = stack.api.functionFor('public-blacklist')!;

describe('every function is declared', () => {
  it('each API module, job and queue of the product declares its needs', () => {
    for (const m of API_MODULES) expect(m.needs, m.module).toBeDefined();
    for (const j of JOBS) expect(j.needs, j.name).toBeDefined();
    for (const q of QUEUES) expect(q.needs, q.name).toBeDefined();
  });
});

describe.each(stack.allFunctions.map((fn) => [fn.node.path, fn] as const))('%s', (_path, fn) => {
  it('has the table actions of its access mode on the table and its declared indexes, and no other', () => {
    const dynamo = withPrefix(fn, 'dynamodb:');
    const table = fn.needs.table;
    if (!table) {
      expect(dynamo).toEqual([]);
      return;
    }
    expect(dynamo).toHaveLength(1);
    const [statement] = dynamo as [Statement & { Condition?: unknown }];
    expect(actionsOf(statement).sort()).toEqual(tableActions(table).sort());
    expect(json(resourcesOf(statement))).toEqual(json([tableArn, ...table.indexes.map(indexArn)]));
    expect(statement.Condition).toEqual(
      table.leadingKeys
        ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': table.leadingKeys.map((p) => `${p}*`) } }
        : undefined,
    );
  });

  it('may send to the queues it declares, and no other', () => {
    const sendable = withPrefix(fn, 'sqs:SendMessage').flatMap(resourcesOf);
    expect(json(sendable)).toEqual(json((fn.needs.sendsTo ?? []).map(queueArn)));
  });

  it('reads the PII hash key only if it declares it', () => {
    const reads = withPrefix(fn, 'secretsmanager:').flatMap(resourcesOf);
    expect(reads.length > 0).toBe(fn.needs.secrets?.includes('pii-hash-key') ?? false);
  });
});

describe('the public-blacklist function (anonymous callers)', () => {
  const all = ofRole(publicFunction);
  const actions = all.flatMap(actionsOf);

  it('has no write action of any kind and sends to no queue', () => {
    for (const write of [...WRITE_ACTIONS, 'dynamodb:TransactWriteItems', 'dynamodb:PartiQLUpdate']) {
      expect(actions).not.toContain(write);
    }
    expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('secretsmanager:') || a.startsWith('cognito-idp:'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('s3:') || a.startsWith('ses:') || a.startsWith('sns:'))).toEqual([]);
  });

  it('reads only the public projection: GSI1, under the PUBLICENTRY# and PUBLICBLACKLIST partitions', () => {
    const [statement] = withPrefix(publicFunction, 'dynamodb:') as [Statement & { Condition?: unknown }];
    expect(actionsOf(statement).sort()).toEqual([...READ_ACTIONS].sort());
    expect(json(resourcesOf(statement))).toEqual(json([tableArn, indexArn('GSI1')]));
    expect(statement.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PUBLICENTRY#*', 'PUBLICBLACKLIST*'] },
    });
  });
});

describe('the S3 grants of the product stack', () => {
  const bucketArn = { 'Fn::GetAtt': [logicalId(stack.evidence.bucket), 'Arn'] };
  const under = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] });
  const s3Of = (module: string) =>
    withPrefix(stack.api.functionFor(module)!, 's3:').map((s) => ({
      actions: actionsOf(s).sort(),
      resources: resourcesOf(s),
    }));

  it('the evidence function: put, get, get a version under mines/ only', () => {
    expect(s3Of('evidence')).toEqual([
      { actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], resources: [under('mines/')] },
    ]);
  });

  it('the public tip-off function: put, get, get a version under tipoffs/ only', () => {
    expect(s3Of('public-tipoffs')).toEqual([
      { actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], resources: [under('tipoffs/')] },
    ]);
  });

  it('the bureau tip-off function: get and get a version under tipoffs/ only (no upload)', () => {
    expect(s3Of('tipoffs')).toEqual([
      { actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [under('tipoffs/')] },
    ]);
  });

  it('no other function has any S3 action but the custom resource setting the bucket’s CORS', () => {
    const withS3 = [...stack.api.functions, ...stack.jobs.functions, ...stack.workQueues.functions].filter((fn) =>
      ofRole(fn).some((s) => actionsOf(s).some((a) => a.startsWith('s3:'))),
    );
    expect(withS3.map((fn) => roleId(fn)).sort()).toEqual(
      ['evidence', 'public-tipoffs', 'tipoffs'].map((m) => roleId(stack.api.functionFor(m)!)).sort(),
    );
  });
});

describe('the meta function (the API reference)', () => {
  it('has no table, queue or secret access at all', () => {
    const meta = stack.api.functionFor('meta')!;
    const actions = ofRole(meta).flatMap(actionsOf);
    expect(actions.filter((a) => /^(dynamodb|sqs|secretsmanager):/.test(a))).toEqual([]);
  });
});

describe('the MineAccessRole (a mine user’s requests)', () => {
  const mineAccess = stack.mineAccess!;
  const roleLogicalId = logicalId(mineAccess.role);
  const role = template.findResources('AWS::IAM::Role')[roleLogicalId]!;
  const mineModules = API_MODULES.filter((m) =>
    m.routes.some((r) => r.roles !== 'public' && r.roles.includes('mine_user')),
  ).map((m) => m.module);
  const mineFunctions = mineModules.map((m) => stack.api.functionFor(m)!);
  const roleArnOf = (fn: CoalsafeFunction) => ({ 'Fn::GetAtt': [roleId(fn), 'Arn'] });

  it('may be assumed, with mineId and userSub session tags and no other tag, only by the API functions serving mine users', () => {
    expect(mineModules).toEqual(expect.arrayContaining(['hazards', 'me', 'mines', 'mine-records']));
    expect(mineModules).not.toContain('users');
    expect(mineModules).not.toContain('public-blacklist');
    const trust = role.Properties.AssumeRolePolicyDocument.Statement as (Statement & {
      Principal: { AWS: unknown };
      Condition: unknown;
    })[];
    expect(trust).toHaveLength(1);
    const [statement] = trust as [(typeof trust)[number]];
    expect(statement.Effect).toBe('Allow');
    expect(actionsOf(statement).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    const principals = Array.isArray(statement.Principal.AWS) ? statement.Principal.AWS : [statement.Principal.AWS];
    expect(json(principals)).toEqual(json(mineFunctions.map(roleArnOf)));
    expect(statement.Condition).toEqual({
      StringLike: { 'aws:RequestTag/mineId': '?*', 'aws:RequestTag/userSub': '?*' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['mineId', 'userSub'] },
    });
  });

  it("its own policy limits every statement's leading keys, naming the mine and the user by the session tags", () => {
    const inline = role.Properties.Policies as { PolicyDocument: { Statement: (Statement & { Condition: any })[] } }[];
    const all = inline.flatMap((p) => p.PolicyDocument.Statement);
    expect(all.map((s) => (s as { Sid?: string }).Sid)).toEqual(['OwnMine', 'SharedRead', 'SharedWrite']);
    for (const s of all) {
      expect(s.Effect).toBe('Allow');
      expect(Object.keys(s.Condition)).toEqual(['ForAllValues:StringLike']);
      expect(s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'].length).toBeGreaterThan(0);
      expect(json(resourcesOf(s))).toEqual(json([tableArn, ...['GSI1', 'GSI2', 'GSI3'].map(indexArn)]));
      expect(actionsOf(s)).not.toContain('dynamodb:Scan');
    }
    const own = all[0]!.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'] as string[];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    expect(own).toContain('MINE#${aws:PrincipalTag/mineId}');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    expect(own).toContain('USER#${aws:PrincipalTag/userSub}');
    // No wildcard after the mine or the user: mine a1's session must not match MINE#a12.
    for (const pattern of own) expect(pattern).toMatch(/\$\{aws:PrincipalTag\/(mineId|userSub)\}$/);
    expect(actionsOf(all[1]!).sort()).toEqual([...READ_ACTIONS].sort());
  });

  it('the functions serving mine users may assume it and know its ARN and the table ARN; no other function', () => {
    const functions = handlerFunctions(template);
    for (const fn of stack.allFunctions) {
      const serving = mineFunctions.includes(fn);
      const assumes = ofRole(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('sts:')));
      const env = functions[functionId(fn)]?.Properties.Environment.Variables as Record<string, unknown>;
      if (serving) {
        expect(assumes.map((s) => [actionsOf(s).sort(), s.Resource])).toEqual([
          [['sts:AssumeRole', 'sts:TagSession'], { 'Fn::GetAtt': [roleLogicalId, 'Arn'] }],
        ]);
        expect(env.MINE_ACCESS_ROLE_ARN).toEqual({ 'Fn::GetAtt': [roleLogicalId, 'Arn'] });
        expect(env.TABLE_ARN).toEqual(tableArn);
      } else {
        expect(assumes, fn.node.path).toEqual([]);
        expect(env).not.toHaveProperty('MINE_ACCESS_ROLE_ARN');
      }
    }
  });
});
