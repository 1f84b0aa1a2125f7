/**
 * The queue side of the stack, built from an injected queue list: per queue an encrypted queue with a dead-letter
 * queue, an alarm on it, a consumer with partial batch failures, and producers (API and job functions) that get the
 * URL and permission to send for the queues they declare. Then the product's own list: exactly its queues, each as its definition says.
 */
import { describe, expect, it } from 'vitest';
import { consumerTimeoutSeconds } from '#cdk/constructs/work-queues.ts';
import type { ApiModule } from '#lib/http/route-spec.ts';
import type { JobSpec } from '#lib/jobs/job-spec.ts';
import { type QueueSpec, queueUrlEnv } from '#lib/queue/queue-spec.ts';
import { QUEUES } from '#lib/queue/queues.ts';
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

const FAKE_QUEUES: readonly QueueSpec[] = [
  { name: 'bulk-power', module: 'bulk-power', batchSize: 25, maxReceiveCount: 5, visibilityTimeoutSeconds: 300 },
  { name: 'notifications', module: 'notify', batchSize: 10, maxReceiveCount: 3, visibilityTimeoutSeconds: 60 },
];
const FAKE_API: readonly ApiModule[] = [
  {
    module: 'things',
    routes: [
      {
        operationId: 'listThings',
        method: 'GET',
        path: '/v1/things',
        roles: ['inspector'],
        summary: 'List',
        tag: 'things',
      },
    ],
    needs: { sendsTo: ['bulk-power'] },
  },
];
const FAKE_JOBS: readonly JobSpec[] = [
  {
    name: 'nightly-thing',
    module: 'nightly-thing',
    cron: { minute: '0', hour: '2' },
    description: 'Nightly',
    needs: { sendsTo: ['bulk-power', 'notifications'] },
  },
];

const { app, stack, template } = synthesize({ apiModules: FAKE_API, jobs: FAKE_JOBS, queues: FAKE_QUEUES });

const queues = template.findResources('AWS::SQS::Queue');
const functions = handlerFunctions(template);
const queueId = (name: string): string => logicalId(stack.workQueues.queues.get(name)!);
const dlqId = (name: string): string => logicalId(stack.workQueues.deadLetterQueues.get(name)!);
const producers = [...stack.api.functions, ...stack.jobs.functions];

describe('queues', () => {
  it('creates a queue and a dead-letter queue per spec, both encrypted', () => {
    expect(Object.keys(queues)).toHaveLength(FAKE_QUEUES.length * 2);
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('sends a message to the dead-letter queue after maxReceiveCount deliveries', () => {
    for (const spec of FAKE_QUEUES) {
      expect(queues[queueId(spec.name)]?.Properties).toMatchObject({
        VisibilityTimeout: spec.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId(spec.name), 'Arn'] },
          maxReceiveCount: spec.maxReceiveCount,
        },
      });
      expect(queues[dlqId(spec.name)]?.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
  });

  it('refuses requests without TLS on every queue', () => {
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    const secured = policies
      .filter((p) =>
        (
          p.Properties.PolicyDocument.Statement as {
            Effect: string;
            Condition?: Record<string, Record<string, string>>;
          }[]
        ).some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
      )
      .flatMap((p) => (p.Properties.Queues as { Ref: string }[]).map((q) => q.Ref));
    expect(secured.sort()).toEqual(Object.keys(queues).sort());
  });

  it('alarms to the alarm topic when a dead-letter queue holds any message', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    expect(alarms.map((a) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0]).sort()).toEqual(
      FAKE_QUEUES.map((q) => dlqId(q.name)).sort(),
    );
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: logicalId(stack.alarms.topic) }],
      });
    }
  });
});

describe('consumers', () => {
  const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);

  it('one consumer function per queue module, besides the API and job functions and the sign-in trigger', () => {
    expect(Object.keys(functions)).toHaveLength(FAKE_API.length + FAKE_JOBS.length + FAKE_QUEUES.length + 1);
    expect(stack.workQueues.functions).toHaveLength(FAKE_QUEUES.length);
  });

  it('reads each queue with its batch size and reports partial batch failures', () => {
    expect(mappings).toHaveLength(FAKE_QUEUES.length);
    for (const spec of FAKE_QUEUES) {
      const mapping = mappings.find((m) => m.EventSourceArn['Fn::GetAtt'][0] === queueId(spec.name));
      expect(mapping, spec.name).toMatchObject({
        BatchSize: spec.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      if (spec.batchSize > 10) expect(mapping.MaximumBatchingWindowInSeconds).toBeGreaterThan(0);
    }
  });

  it('gives each consumer a timeout that fits its queue visibility timeout', () => {
    for (const [i, spec] of FAKE_QUEUES.entries()) {
      const timeout = functions[functionId(stack.workQueues.functions[i]!)]?.Properties.Timeout as number;
      expect(timeout).toBe(consumerTimeoutSeconds(spec.visibilityTimeoutSeconds));
      expect(timeout * 6).toBeLessThanOrEqual(spec.visibilityTimeoutSeconds);
    }
  });
});

describe('producers', () => {
  const statements = policyStatements(template);
  const resourcesOf = (s: { Resource: unknown }): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

  it('API and job functions get QUEUE_URL_<NAME> for each queue they declare, and no other; consumers none', () => {
    for (const fn of producers) {
      const env = functions[functionId(fn)]?.Properties.Environment.Variables as Record<string, unknown>;
      const declared = fn.needs.sendsTo ?? [];
      expect(declared.length, fn.node.id).toBeGreaterThan(0);
      for (const name of declared) expect(env[queueUrlEnv(name)]).toEqual({ Ref: queueId(name) });
      expect(Object.keys(env).filter((k) => k.startsWith('QUEUE_URL_')).length, fn.node.id).toBe(declared.length);
    }
    for (const fn of stack.workQueues.functions) {
      const env = functions[functionId(fn)]?.Properties.Environment.Variables as Record<string, unknown>;
      expect(Object.keys(env).filter((k) => k.startsWith('QUEUE_URL_'))).toEqual([]);
    }
    expect(queueUrlEnv('bulk-power')).toBe('QUEUE_URL_BULK_POWER');
  });

  it('a queue takes messages from exactly the API and job functions that declare it', () => {
    for (const spec of FAKE_QUEUES) {
      const declaring = producers.filter((fn) => fn.needs.sendsTo?.includes(spec.name));
      const queueArn = { 'Fn::GetAtt': [queueId(spec.name), 'Arn'] };
      const senders = statements
        .filter(({ statement }) => actionsOf(statement).includes('sqs:SendMessage'))
        .filter(({ statement }) => resourcesOf(statement).some((r) => JSON.stringify(r) === JSON.stringify(queueArn)))
        .flatMap(({ roles }) => roles);
      expect(new Set(senders), spec.name).toEqual(new Set(declaring.map(roleId)));
    }
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('leaves no unacknowledged error or warning with queues present', () => {
    expect([...complianceFindings(app, 'error'), ...complianceFindings(app, 'warning')]).toEqual([]);
  });
});

describe("the product's queue list", () => {
  // The fake producers' queues are not the product's: here they declare none.
  const product = synthesize({
    apiModules: FAKE_API.map((m) => ({ ...m, needs: {} })),
    jobs: FAKE_JOBS.map((j) => ({ ...j, needs: {} })),
  });
  const queueResources = product.template.findResources('AWS::SQS::Queue');
  const id = (name: string) => logicalId(product.stack.workQueues.queues.get(name)!);
  const dlq = (name: string) => logicalId(product.stack.workQueues.deadLetterQueues.get(name)!);

  it('creates exactly the defined queues, each with its own dead-letter queue and nothing more', () => {
    expect([...product.stack.workQueues.queues.keys()].sort()).toEqual(QUEUES.map((q) => q.name).sort());
    expect([...product.stack.workQueues.deadLetterQueues.keys()].sort()).toEqual(QUEUES.map((q) => q.name).sort());
    expect(Object.keys(queueResources).sort()).toEqual(QUEUES.flatMap((q) => [id(q.name), dlq(q.name)]).sort());
  });

  it('sets each queue as its definition says and alarms on each dead-letter queue', () => {
    for (const q of QUEUES) {
      expect(queueResources[id(q.name)]?.Properties, q.name).toMatchObject({
        VisibilityTimeout: q.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlq(q.name), 'Arn'] },
          maxReceiveCount: q.maxReceiveCount,
        },
      });
    }
    const alarmed = Object.values(product.template.findResources('AWS::CloudWatch::Alarm'))
      .filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0]);
    expect(alarmed.sort()).toEqual(QUEUES.map((q) => dlq(q.name)).sort());
  });

  it('lets a consumer send only to the queues its sendsTo names: their URLs and sqs:SendMessage, no others', () => {
    const fns = handlerFunctions(product.template);
    const statements = policyStatements(product.template);
    for (const fn of product.stack.workQueues.functions) {
      const sendsTo = [...new Set(QUEUES.filter((q) => q.module === fn.node.id).flatMap((q) => q.sendsTo ?? []))];
      const env = fns[functionId(fn)]?.Properties.Environment.Variables as Record<string, unknown>;
      expect(
        Object.keys(env)
          .filter((k) => k.startsWith('QUEUE_URL_'))
          .sort(),
        fn.node.id,
      ).toEqual(sendsTo.map(queueUrlEnv).sort());
      const sendable = statements
        .filter(
          ({ roles, statement }) => roles.includes(roleId(fn)) && actionsOf(statement).includes('sqs:SendMessage'),
        )
        .flatMap(({ statement }) => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]))
        .map((r) => (r as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
      expect(sendable.sort(), fn.node.id).toEqual(sendsTo.map(id).sort());
    }
  });

  it("feeds each queue to its consumer module's function with its batch size", () => {
    const consumers = new Map(product.stack.workQueues.functions.map((fn) => [fn.node.id, functionId(fn)]));
    expect([...consumers.keys()].sort()).toEqual([...new Set(QUEUES.map((q) => q.module))].sort());
    const mappings = Object.values(product.template.findResources('AWS::Lambda::EventSourceMapping')).map(
      (m) => m.Properties,
    );
    expect(mappings).toHaveLength(QUEUES.length);
    for (const q of QUEUES) {
      expect(
        mappings.find((m) => m.EventSourceArn['Fn::GetAtt'][0] === id(q.name)),
        q.name,
      ).toMatchObject({
        FunctionName: { Ref: consumers.get(q.module) },
        BatchSize: q.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });
});
