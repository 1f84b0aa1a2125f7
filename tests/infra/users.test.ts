/**
 * Managing users in AWS: the users function (the handler module of /v1/users) may create a user of the pool,
 * disable it (and sign it out everywhere) and enable it, and nothing else on the pool; no other function may touch
 * the pool at all, but the sign-in trigger, which reads a user's MFA methods; the pool's
 * id reaches that function alone, by environment. Checked on the product's stack, and on one whose route table has
 * no users module (no grant then, and nothing breaks).
 */
import { describe, expect, it } from 'vitest';
import { USERS_MODULE } from '#cdk/coalsafe-stack.ts';
import { USER_MANAGEMENT_ACTIONS } from '#cdk/constructs/user-directory.ts';
import { API_MODULES } from '#functions/api/routes.ts';
import { USER_POOL_ID_ENV } from '#lib/users/identity.ts';
import {
  actionsOf,
  complianceFindings,
  functionId,
  handlerFunctions,
  logicalId,
  policyStatements,
  roleId,
  synthesize,
} from './support.ts';

const { app, stack, template } = synthesize();
const usersFunction = stack.api.functionFor(USERS_MODULE)!;
const poolId = logicalId(stack.users.userPool);
const onCognito = (t: typeof template) =>
  policyStatements(t).filter(({ statement }) => actionsOf(statement).some((a) => a.startsWith('cognito-idp:')));

describe('the users function and the user pool', () => {
  it('the route table has a users module, and the stack a function for it', () => {
    expect(API_MODULES.map((m) => m.module)).toContain(USERS_MODULE);
    expect(usersFunction).toBeDefined();
  });

  it('may AdminCreateUser, AdminDisableUser, AdminUserGlobalSignOut and AdminEnableUser on this pool: one statement', () => {
    const statements = onCognito(template).filter(({ roles }) => !roles.includes(roleId(stack.signInTrigger)));
    expect(statements).toHaveLength(1);
    const [{ statement, roles }] = statements as [(typeof statements)[number]];
    expect(roles).toEqual([roleId(usersFunction)]);
    expect(statement.Effect).toBe('Allow');
    expect(actionsOf(statement).sort()).toEqual(
      [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:AdminEnableUser',
      ].sort(),
    );
    expect([...USER_MANAGEMENT_ACTIONS].sort()).toEqual(actionsOf(statement).sort());
    expect(statement.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
  });

  it('no other function has any Cognito permission, but the sign-in trigger reading users (AdminGetUser)', () => {
    const roles = onCognito(template).flatMap((s) => s.roles);
    const others = stack.allFunctions.filter((f) => f !== usersFunction && f !== stack.signInTrigger);
    for (const fn of others) expect(roles).not.toContain(roleId(fn));
    const trigger = onCognito(template).filter(({ roles }) => roles.includes(roleId(stack.signInTrigger)));
    expect(trigger.map(({ statement }) => [actionsOf(statement), statement.Resource])).toEqual([
      [['cognito-idp:AdminGetUser'], { 'Fn::GetAtt': [poolId, 'Arn'] }],
    ]);
  });

  it('gets the pool id by environment; no other function does', () => {
    const functions = handlerFunctions(template);
    for (const [id, fn] of Object.entries(functions)) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      if (id === functionId(usersFunction)) expect(variables[USER_POOL_ID_ENV]).toEqual({ Ref: poolId });
      else expect(variables).not.toHaveProperty(USER_POOL_ID_ENV);
    }
  });

  it('leaves cdk-nag clean', () => {
    expect(complianceFindings(app, 'error')).toEqual([]);
    expect(complianceFindings(app, 'warning')).toEqual([]);
  });

  it('a route table without a users module: no function touches the pool', () => {
    const withoutUsers = synthesize({ apiModules: API_MODULES.filter((m) => m.module !== USERS_MODULE) });
    expect(withoutUsers.stack.api.functionFor(USERS_MODULE)).toBeUndefined();
    const managing = onCognito(withoutUsers.template).filter(
      ({ roles }) => !roles.includes(roleId(withoutUsers.stack.signInTrigger)),
    );
    expect(managing).toEqual([]);
  });
});

describe('sign-in hardening', () => {
  const pool = template.findResources('AWS::Cognito::UserPool')[poolId]!.Properties;
  const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties;

  it('offers TOTP (never SMS) and runs the MFA gate before every token is issued', () => {
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.LambdaConfig.PreTokenGeneration).toEqual({
      'Fn::GetAtt': [functionId(stack.signInTrigger), 'Arn'],
    });
  });

  it('has threat protection enforced (Plus feature plan), not only audited', () => {
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('gives ID and access tokens 10 minutes, so a disabled user’s last token lapses within minutes', () => {
    expect(client.TokenValidityUnits).toMatchObject({ IdToken: 'minutes', AccessToken: 'minutes' });
    expect(client.IdTokenValidity).toBe(10);
    expect(client.AccessTokenValidity).toBe(10);
    expect(client.EnableTokenRevocation).toBe(true);
  });

  it('the sign-in trigger has no table, queue or secret access', () => {
    const actions = policyStatements(template)
      .filter(({ roles }) => roles.includes(roleId(stack.signInTrigger)))
      .flatMap(({ statement }) => actionsOf(statement));
    expect(actions.filter((a) => /^(dynamodb|sqs|secretsmanager|s3):/.test(a))).toEqual([]);
  });
});
