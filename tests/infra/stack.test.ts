/**
 * The stack built from the product's own route, job, queue and table definitions: one synthesis, then checks that
 * the template says what DESIGN.md promises (functions, table, API, schedules, least privilege, cdk-nag clean).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, PUBLIC_ROUTE_THROTTLE } from '#cdk/constructs/coalsafe-api.ts';
import { DATA_ACTIONS } from '#cdk/constructs/data-table.ts';
import { cronOptions } from '#cdk/constructs/job-schedules.ts';
import { ALL_ROUTES, API_MODULES } from '#functions/api/routes.ts';
import { JOBS } from '#functions/scheduled/jobs.ts';
import { routeKey } from '#lib/http/route-spec.ts';
import { SCHEDULE_TIME_ZONE } from '#lib/jobs/job-spec.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import { TABLE_DEFINITION } from '#lib/store/table-definition.ts';
import {
  actionsOf,
  apiRouting,
  complianceFindings,
  functionAlarms,
  functionId,
  handlerFunctions,
  logicalId,
  policyStatements,
  roleId,
  routingResources,
  synthesize,
} from './support.ts';

const synthesized = synthesize();
const { app, stack, template } = synthesized;

const functions = handlerFunctions(template);
const tableId = logicalId(stack.data.table);
const uniqueModules = (modules: readonly { module: string }[]): string[] => [...new Set(modules.map((m) => m.module))];
const uniqueCount = (modules: readonly { module: string }[]): number => uniqueModules(modules).length;

describe('functions', () => {
  it('one function per handler module (API, job and queue consumer modules) and the sign-in trigger', () => {
    const expected = uniqueCount(API_MODULES) + uniqueCount(JOBS) + uniqueCount(QUEUES) + 1;
    expect(Object.keys(functions)).toHaveLength(expected);
    expect(stack.allFunctions).toHaveLength(expected);
  });

  it('every function runs nodejs24.x on arm64 with active tracing, 512 MB and its own log group', () => {
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 512,
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
    }
    const retentions = Object.values(template.findResources('AWS::Logs::LogGroup')).map(
      (g) => g.Properties.RetentionInDays,
    );
    expect(retentions.every((days) => typeof days === 'number' && days > 0)).toBe(true);
  });

  it('every function gets the base environment and the table name, and no trace captures an answer', () => {
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'coalsafe',
        POWERTOOLS_METRICS_NAMESPACE: 'coalsafe',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
        TABLE_NAME: { Ref: tableId },
      });
    }
  });

  it('only the functions that declare the PII hash key know the secret', () => {
    const secretId = logicalId(stack.piiHashKey);
    const declaring = stack.allFunctions.filter((fn) => fn.needs.secrets?.includes('pii-hash-key')).map(functionId);
    expect(declaring.length).toBeGreaterThan(0);
    for (const [id, fn] of Object.entries(functions)) {
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      if (declaring.includes(id)) expect(env.PII_SECRET_ARN).toEqual({ Ref: secretId });
      else expect(env).not.toHaveProperty('PII_SECRET_ARN');
    }
  });

  it('job functions use the timeout their job asks for', () => {
    for (const [i, fn] of stack.jobs.functions.entries()) {
      const jobs = JOBS.filter((j) => j.module === uniqueModules(JOBS)[i]);
      const asked = jobs.flatMap((j) => (j.timeoutSeconds === undefined ? [] : [j.timeoutSeconds]));
      if (asked.length > 0) expect(functions[functionId(fn)]?.Properties.Timeout).toBe(Math.max(...asked));
    }
  });

  it('every function has an Errors > 0 alarm that notifies the alarm topic', () => {
    const topicId = logicalId(stack.alarms.topic);
    // In their own nested stack: the main stack passes each function's name and the topic in.
    expect(
      Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.MetricName),
    ).not.toContain('Errors');
    const alarms = functionAlarms(synthesized).filter((a) => a.Properties.MetricName === 'Errors');
    const watched = alarms.map((a) => a.Properties.Dimensions[0].Value.Ref as string);
    expect(watched.sort()).toEqual(Object.keys(functions).sort());
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        Namespace: 'AWS/Lambda',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: topicId }],
      });
    }
  });
});

describe('table', () => {
  const { keys, indexes, ttlAttribute } = TABLE_DEFINITION;

  it('is on-demand, point-in-time recoverable, deletion protected and retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      },
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
  });

  it("has the credit index by mine (for a mine's records) and by bucket of mines (for the nightly classification)", () => {
    const props = Object.values(template.findResources('AWS::DynamoDB::Table'))[0]?.Properties;
    expect(props.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual([
      'GSI1',
      'GSI2',
      'GSI3',
      'GSI4',
    ]);
  });

  it('has the keys and indexes of the shared table definition', () => {
    const props = Object.values(template.findResources('AWS::DynamoDB::Table'))[0]?.Properties;
    expect(props.KeySchema).toEqual([
      { AttributeName: keys.partitionKey, KeyType: 'HASH' },
      { AttributeName: keys.sortKey, KeyType: 'RANGE' },
    ]);
    expect(props.GlobalSecondaryIndexes).toEqual(
      indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });
});

describe('HTTP API', () => {
  const routing = apiRouting({ app, stack, template });
  const routes = Object.values(routingResources(routing, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
  const byKey = new Map(routes.map((r) => [r.RouteKey as string, r]));
  const integrations = routingResources(routing, 'AWS::ApiGatewayV2::Integration');

  it('has exactly one route per RouteSpec', () => {
    expect(routes).toHaveLength(ALL_ROUTES.length);
    expect([...byKey.keys()].sort()).toEqual(ALL_ROUTES.map(routeKey).sort());
  });

  it("keeps each module's routes, integration and one invoke permission in a nested stack of its own", () => {
    expect([...routing.keys()].sort()).toEqual(uniqueModules(API_MODULES).sort());
    for (const mod of API_MODULES) {
      const { resources } = routing.get(mod.module)!;
      const types = Object.values(resources).map((r) => r.Type);
      expect(
        types.filter((t) => t === 'AWS::ApiGatewayV2::Route'),
        mod.module,
      ).toHaveLength(mod.routes.length);
      expect(
        types.filter((t) => t === 'AWS::ApiGatewayV2::Integration'),
        mod.module,
      ).toHaveLength(1);
      const permissions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Permission');
      expect(permissions, mod.module).toHaveLength(1);
      expect(permissions[0]!.Properties).toMatchObject({
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [functionId(stack.api.functionFor(mod.module)!), 'Arn'] },
      });
      // Invoked by this API only.
      expect(JSON.stringify(permissions[0]!.Properties.SourceArn)).toContain(logicalId(stack.api.httpApi));
    }
  });

  it('stays under 300 resources (CloudFormation allows 500 a stack), with room for 100 more routes', () => {
    const count = (t: Record<string, unknown>) => Object.keys(t).length;
    const main = count(template.toJSON().Resources);
    // A new module adds one nested stack and its function's role (its policy inline), log group and function here (its alarm
    // goes to the alarms' nested stack); a new route adds nothing here.
    expect(main).toBeLessThan(300);
    expect(functionAlarms(synthesized).length + 100).toBeLessThan(500);
    for (const [module, { resources }] of routing) expect(count(resources) + 100, module).toBeLessThan(500);
  });

  it("puts the JWT authorizer on every route except 'public' ones", () => {
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    for (const route of ALL_ROUTES) {
      const props = byKey.get(routeKey(route));
      if (route.roles === 'public') {
        expect(props, routeKey(route)).toMatchObject({ AuthorizationType: 'NONE' });
        expect(props).not.toHaveProperty('AuthorizerId');
      } else {
        expect(props, routeKey(route)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      }
    }
  });

  it('routes each request to the function of its module', () => {
    for (const [i, mod] of API_MODULES.entries()) {
      const fnId = functionId(stack.api.functions[i]!);
      for (const route of mod.routes) {
        const target = byKey.get(routeKey(route))?.Target['Fn::Join'][1][1].Ref as string;
        expect(integrations[target]?.Properties.IntegrationUri, routeKey(route)).toEqual({
          'Fn::GetAtt': [fnId, 'Arn'],
        });
      }
    }
  });

  it('checks tokens of this user pool issued to this client', () => {
    if (ALL_ROUTES.every((r) => r.roles === 'public')) return;
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.users.client) }],
        Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(stack.users.userPool), 'ProviderURL'] }]] },
      },
    });
  });

  it('has a $default stage with throttling and JSON access logs', () => {
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')).map((r) => r.Properties);
    expect(stages).toHaveLength(1);
    expect(stages[0]).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
    });
    expect(JSON.parse(stages[0].AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId' });
  });

  it('throttles every route by the stage default, and each public route (no token) tighter, after the routes exist', () => {
    const [[stageId, stage]] = Object.entries(template.findResources('AWS::ApiGatewayV2::Stage')) as [[string, any]];
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit,
      ThrottlingBurstLimit: DEFAULT_THROTTLE.burstLimit,
    });
    expect(DEFAULT_THROTTLE).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(PUBLIC_ROUTE_THROTTLE).toEqual({ rateLimit: 20, burstLimit: 40 });

    const limit = {
      ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
    };
    const settings = stage.Properties.RouteSettings as Record<string, unknown>;
    // The published blacklist, by name: the table could lose its 'public' marking and the derived keys would follow.
    expect(settings['GET /v1/public/blacklist']).toEqual(limit);
    expect(settings['GET /v1/public/blacklist/{entryId}']).toEqual(limit);
    // Exactly the public routes of the route table, no authenticated route.
    const publicKeys = ALL_ROUTES.filter((r) => r.roles === 'public')
      .map(routeKey)
      .sort();
    expect(Object.keys(settings).sort()).toEqual(publicKeys);
    for (const key of publicKeys) expect(settings[key], key).toEqual(limit);

    // API Gateway refuses route settings for a route key it does not know yet: the stage waits for those routes.
    const stacksWithPublicRoutes = [...routing.values()]
      .filter((m) =>
        Object.values(m.resources).some(
          (r) => r.Type === 'AWS::ApiGatewayV2::Route' && publicKeys.includes(r.Properties.RouteKey),
        ),
      )
      .map((m) => m.stackId);
    expect(stacksWithPublicRoutes.length).toBeGreaterThan(0);
    expect(template.toJSON().Resources[stageId].DependsOn).toEqual(expect.arrayContaining(stacksWithPublicRoutes));
  });

  it('takes other limits when the stack is given them', () => {
    const { template: custom } = synthesize({
      throttle: { rateLimit: 200, burstLimit: 400 },
      publicThrottle: { rateLimit: 5, burstLimit: 10 },
    });
    const [stage] = Object.values(custom.findResources('AWS::ApiGatewayV2::Stage')).map((r) => r.Properties);
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    expect(stage.RouteSettings['GET /v1/public/blacklist']).toEqual({
      ThrottlingRateLimit: 5,
      ThrottlingBurstLimit: 10,
    });
  });
});

describe('users', () => {
  it('carries role, jurisdiction and mineId as custom attributes, readable but not writable by users', () => {
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0]?.Properties;
    expect(pool.Schema).toEqual(
      expect.arrayContaining(
        ['role', 'jurisdiction', 'mineId'].map((name) =>
          expect.objectContaining({ Name: name, AttributeDataType: 'String' }),
        ),
      ),
    );
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]?.Properties;
    expect(client.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:role', 'custom:jurisdiction', 'custom:mineId']),
    );
    expect((client.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
    expect(client.GenerateSecret).toBe(false);
  });
});

describe('schedules', () => {
  const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);

  it('one schedule per job, in Asia/Shanghai time, with the cron of the job list', () => {
    expect(schedules).toHaveLength(JOBS.length);
    for (const job of JOBS) {
      const schedule = schedules.find((s) => JSON.parse(s.Target.Input).job === job.name);
      expect(schedule, job.name).toBeDefined();
      expect(schedule.ScheduleExpressionTimezone).toBe(SCHEDULE_TIME_ZONE);
      const [minute, hour, day, month, weekDay, year] = /^cron\((.+)\)$/
        .exec(schedule.ScheduleExpression)![1]!
        .split(' ');
      expect({ minute, hour, month, year }).toEqual({
        minute: job.cron.minute,
        hour: job.cron.hour,
        month: job.cron.month ?? '*',
        year: '*',
      });
      const options = cronOptions(job.cron);
      if (options.weekDay) expect({ day, weekDay }).toEqual({ day: '?', weekDay: options.weekDay });
      else expect({ day, weekDay }).toEqual({ day: options.day ?? '*', weekDay: '?' });
    }
  });

  it('runs the credit classification nightly at 02:30 Asia/Shanghai, after the electricity review at 01:30', () => {
    const at = (name: string) => schedules.find((s) => JSON.parse(s.Target.Input).job === name)?.ScheduleExpression;
    expect(at('power-review')).toBe('cron(30 1 * * ? *)');
    expect(at('credit-classification')).toBe('cron(30 2 * * ? *)');
  });

  it("invokes the job's function with { job, scheduledTime }", () => {
    for (const job of JOBS) {
      const schedule = schedules.find((s) => JSON.parse(s.Target.Input).job === job.name);
      expect(JSON.parse(schedule.Target.Input)).toEqual({
        job: job.name,
        scheduledTime: '<aws.scheduler.scheduled-time>',
      });
      const fn = stack.jobs.functions[uniqueModules(JOBS).indexOf(job.module)]!;
      expect(schedule.Target.Arn).toEqual({ 'Fn::GetAtt': [functionId(fn), 'Arn'] });
    }
  });

  it('turns the "any day" spellings of a JobSpec into a valid AWS cron', () => {
    expect(cronOptions({ minute: '5', hour: '0' })).toEqual({ minute: '5', hour: '0' });
    expect(cronOptions({ minute: '5', hour: '0', weekDay: '?' }).weekDay).toBeUndefined();
    expect(cronOptions({ minute: '5', hour: '0', day: '1', weekDay: '*' })).toMatchObject({
      day: '1',
      weekDay: undefined,
    });
    expect(cronOptions({ minute: '0', hour: '2', day: '?', weekDay: 'MON' })).toMatchObject({
      day: undefined,
      weekDay: 'MON',
    });
  });
});

describe('least privilege', () => {
  const statements = policyStatements(template);
  const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
  const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });

  it('no statement allows dynamodb:Scan, dynamodb:* or *', () => {
    const actions = statements.flatMap(({ statement }) => actionsOf(statement));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a === '*' || /^dynamodb:.*\*/.test(a))).toEqual([]);
  });

  it('DynamoDB access is some of the data actions on this table and its named indexes (least-privilege.test.ts: which)', () => {
    const dynamo = statements.filter(({ statement }) => actionsOf(statement).some((a) => a.startsWith('dynamodb:')));
    const allowed = [tableArn, ...TABLE_DEFINITION.indexes.map((i) => indexArn(i.name))].map((r) => JSON.stringify(r));
    for (const { statement } of dynamo) {
      for (const action of actionsOf(statement)) expect(DATA_ACTIONS).toContain(action);
      const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      for (const r of resources) expect(allowed).toContain(JSON.stringify(r));
    }
  });

  it('only the functions that declare the PII hash key may read it', () => {
    const readers = statements
      .filter(({ statement }) => actionsOf(statement).some((a) => a.startsWith('secretsmanager:')))
      .flatMap(({ roles }) => roles);
    const declaring = stack.allFunctions.filter((fn) => fn.needs.secrets?.includes('pii-hash-key'));
    expect(declaring.length).toBeGreaterThan(0);
    expect(new Set(readers)).toEqual(new Set(declaring.map(roleId)));
  });

  it('the only statements on Resource * are the X-Ray ones and the SMS publish (tests/infra/notifications.test.ts), both acknowledged', () => {
    const onAnything = statements.filter(
      ({ statement }) => statement.Resource === '*' || JSON.stringify(statement.Resource) === '["*"]',
    );
    const smsSenders = stack.workQueues.functions
      .filter((fn) => QUEUES.some((q) => q.sends?.includes('sms') && fn.node.id === q.module))
      .map(roleId);
    const other = onAnything.filter(
      ({ statement, roles }) =>
        !(
          actionsOf(statement).every((a) => a === 'sns:Publish') &&
          roles.length > 0 &&
          roles.every((r) => smsSenders.includes(r))
        ),
    );
    expect(other.flatMap(({ statement }) => actionsOf(statement)).filter((a) => !a.startsWith('xray:'))).toEqual([]);
  });

  it('function roles use no managed policies', () => {
    for (const fn of stack.allFunctions) {
      expect(template.findResources('AWS::IAM::Role')[roleId(fn)]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('outputs', () => {
  it('exports the API URL, user pool, client and table name', () => {
    expect(Object.keys(template.findOutputs('*'))).toEqual(
      expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']),
    );
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('leaves no unacknowledged error', () => {
    expect(complianceFindings(app, 'error')).toEqual([]);
  });

  it('leaves no unacknowledged warning', () => {
    expect(complianceFindings(app, 'warning')).toEqual([]);
  });
});
