/**
 * Delivery permissions: a queue consumer whose spec `sends` email gets ses:SendEmail on the sending identity and the
 * sender address; one that sends SMS gets sns:Publish on * with a Deny on every SNS ARN (phone numbers only), the
 * wildcard finding acknowledged on that policy. No other function gets any SES or SNS permission. Checked on an
 * injected queue list (every combination of channels, a module shared by two queues) and on the product's own.
 */
import { Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { CoalsafeStack } from '#cdk/coalsafe-stack.ts';
import type { CoalsafeFunction } from '#cdk/constructs/coalsafe-function.ts';
import { type DeliveryChannel, SMS_WILDCARD_ACKNOWLEDGMENT } from '#cdk/constructs/delivery-channels.ts';
import type { QueueSpec } from '#lib/queue/queue-spec.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import {
  actionsOf,
  complianceFindings,
  functionId,
  logicalId,
  policyStatements,
  roleId,
  type Statement,
  synthesize,
} from './support.ts';

const FAKE_QUEUES: readonly QueueSpec[] = [
  {
    name: 'notifications',
    module: 'notify',
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 120,
    sends: ['email', 'sms'],
  },
  {
    name: 'digests',
    module: 'digest',
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 120,
    sends: ['email'],
  },
  // One module draining two queues: it gets the union of what they send.
  {
    name: 'sms-only',
    module: 'texter',
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 120,
    sends: ['sms'],
  },
  { name: 'sms-plain', module: 'texter', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 120 },
  { name: 'bulk-power', module: 'bulk-power', batchSize: 25, maxReceiveCount: 5, visibilityTimeoutSeconds: 300 },
];

const partition = { Ref: 'AWS::Partition' };
const defaultIdentityArn = (domain: string) => ({
  'Fn::Join': [
    '',
    ['arn:', partition, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:identity/${domain}`],
  ],
});
const sendEmail = (identityArn: unknown): Statement & { Sid: string } => ({
  Sid: 'SendEmailFromIdentity',
  Effect: 'Allow',
  Action: 'ses:SendEmail',
  Resource: identityArn,
});
const SMS_STATEMENTS = [
  { Sid: 'PublishSms', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' },
  {
    Sid: 'DenyPublishToAnySnsResource',
    Effect: 'Deny',
    Action: 'sns:Publish',
    Resource: { 'Fn::Join': ['', ['arn:', partition, ':sns:*:*:*']] },
  },
];

const isDelivery = (s: Statement): boolean => actionsOf(s).some((a) => a.startsWith('ses:') || a.startsWith('sns:'));

/** Channels each consumer module sends through (the union over the queues it drains). */
const sendsByModule = (queues: readonly QueueSpec[]): Map<string, DeliveryChannel[]> => {
  const out = new Map<string, DeliveryChannel[]>();
  for (const q of queues) out.set(q.module, [...new Set([...(out.get(q.module) ?? []), ...(q.sends ?? [])])]);
  return out;
};

const consumer = (stack: CoalsafeStack, module: string): CoalsafeFunction => {
  const fn = stack.workQueues.functions.find((f) => f.node.id === module);
  if (!fn) throw new Error(`no consumer ${module}`);
  return fn;
};

/** The SES and SNS statements of every role, by role logical ID. */
const deliveryStatementsByRole = (template: Template): Map<string, Statement[]> => {
  const out = new Map<string, Statement[]>();
  for (const { roles, statement } of policyStatements(template).filter(({ statement }) => isDelivery(statement))) {
    for (const role of roles) out.set(role, [...(out.get(role) ?? []), statement]);
  }
  return out;
};

const expectedStatements = (sends: readonly DeliveryChannel[], identityArn: unknown): unknown[] => [
  ...(sends.includes('email') ? [sendEmail(identityArn)] : []),
  ...(sends.includes('sms') ? SMS_STATEMENTS : []),
];

/** Every function of the stack gets exactly the delivery statements and environment its queue specs call for. */
function expectDeliveryGrants(
  stack: CoalsafeStack,
  template: Template,
  queues: readonly QueueSpec[],
  identityArn: unknown,
  fromEmail: string,
) {
  const byRole = deliveryStatementsByRole(template);
  const functions = template.findResources('AWS::Lambda::Function');
  const sends = sendsByModule(queues);
  const senders = new Set<string>();

  for (const [module, channels] of sends) {
    if (channels.length === 0) continue;
    const fn = consumer(stack, module);
    senders.add(roleId(fn));
    expect(byRole.get(roleId(fn)), module).toEqual(expectedStatements(channels, identityArn));
    const env = functions[functionId(fn)]?.Properties.Environment.Variables as Record<string, unknown>;
    if (channels.includes('email')) expect(env.NOTIFY_FROM_EMAIL, module).toBe(fromEmail);
    else expect(env, module).not.toHaveProperty('NOTIFY_FROM_EMAIL');
  }

  // Nobody else: API, job and other consumer functions have no SES or SNS statement and no sender address.
  expect([...byRole.keys()].sort()).toEqual([...senders].sort());
  for (const fn of stack.allFunctions.filter((f) => !senders.has(roleId(f)))) {
    expect(functions[functionId(fn)]?.Properties.Environment.Variables).not.toHaveProperty('NOTIFY_FROM_EMAIL');
  }
}

/** The delivery policy of a consumer: its own resource, attached to the consumer's role only, before the function. */
function deliveryPolicy(stack: CoalsafeStack, template: Template, module: string) {
  const fn = consumer(stack, module);
  const policy = fn.node.tryFindChild('DeliveryPolicy');
  expect(policy, module).toBeDefined();
  const id = logicalId(policy!);
  const resource = template.toJSON().Resources[id];
  expect(resource.Properties.Roles).toEqual([{ Ref: roleId(fn) }]);
  expect(template.toJSON().Resources[functionId(fn)].DependsOn).toContain(id);
  return { construct: policy!, statements: resource.Properties.PolicyDocument.Statement as unknown[] };
}

const acknowledged = (construct: { node: { metadata: { type: string; data: unknown }[] } }): Record<string, string> =>
  Object.assign(
    {},
    ...construct.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((m) =>
        Object.fromEntries(
          Object.entries(m.data as Record<string, string>).map(([k, v]) => [k.replace(/^annotation::/i, ''), v]),
        ),
      ),
  );

describe('delivery permissions, injected queues', () => {
  const { app, stack, template } = synthesize({ queues: FAKE_QUEUES });

  it('each consumer gets exactly the statements its queues send through, and no other function any', () => {
    expectDeliveryGrants(stack, template, FAKE_QUEUES, defaultIdentityArn('example.org'), 'noreply@example.org');
    // Spelled out for the three kinds of sender, not only derived from the specs.
    expect(deliveryPolicy(stack, template, 'notify').statements).toEqual([
      sendEmail(defaultIdentityArn('example.org')),
      ...SMS_STATEMENTS,
    ]);
    expect(deliveryPolicy(stack, template, 'digest').statements).toEqual([
      sendEmail(defaultIdentityArn('example.org')),
    ]);
    expect(deliveryPolicy(stack, template, 'texter').statements).toEqual(SMS_STATEMENTS);
    expect(consumer(stack, 'bulk-power').node.tryFindChild('DeliveryPolicy')).toBeUndefined();
  });

  it('grants ses:SendEmail only (what SES v2 SendEmail authorizes), never ses:* or SendRawEmail', () => {
    const actions = policyStatements(template).flatMap(({ statement }) => actionsOf(statement));
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual(expect.arrayContaining(['ses:SendEmail']));
    expect(actions.filter((a) => a.startsWith('ses:') && a !== 'ses:SendEmail')).toEqual([]);
    expect(actions.filter((a) => a.startsWith('sns:') && a !== 'sns:Publish')).toEqual([]);
  });

  it('acknowledges the SMS wildcard on the SMS policy itself, with its reason, and only there', () => {
    for (const module of ['notify', 'texter']) {
      expect(acknowledged(deliveryPolicy(stack, template, module).construct)).toEqual({
        [SMS_WILDCARD_ACKNOWLEDGMENT.id]: SMS_WILDCARD_ACKNOWLEDGMENT.reason,
      });
    }
    expect(acknowledged(deliveryPolicy(stack, template, 'digest').construct)).toEqual({});
  });

  it('leaves no unacknowledged cdk-nag error or warning', () => {
    expect([...complianceFindings(app, 'error'), ...complianceFindings(app, 'warning')]).toEqual([]);
  });
});

describe('delivery permissions, configured sender', () => {
  it('takes the identity domain and sender address from the stack props (the CDK context)', () => {
    const queues = FAKE_QUEUES.slice(0, 1);
    const { stack, template } = synthesize({ queues, notifications: { fromDomain: 'mkaq.example.cn' } });
    expectDeliveryGrants(stack, template, queues, defaultIdentityArn('mkaq.example.cn'), 'noreply@mkaq.example.cn');

    const arn = 'arn:aws-cn:ses:cn-northwest-1:123456789012:identity/mkaq.example.cn';
    const custom = synthesize({ queues, notifications: { sesIdentityArn: arn, fromEmail: 'tongzhi@mkaq.example.cn' } });
    expectDeliveryGrants(custom.stack, custom.template, queues, arn, 'tongzhi@mkaq.example.cn');
  });

  it('refuses an identity ARN that is not an SES identity, or a sender that is not an address', () => {
    expect(() =>
      synthesize({ queues: [], notifications: { sesIdentityArn: 'arn:aws:sns:cn-north-1:123456789012:topic' } }),
    ).toThrow(/sesIdentityArn/);
    expect(() => synthesize({ queues: [], notifications: { fromEmail: 'noreply' } })).toThrow(/notifyFromEmail/);
  });
});

describe("delivery permissions, the product's queues", () => {
  const { stack, template } = synthesize();
  const senders = QUEUES.filter((q) => (q.sends ?? []).length > 0);

  it('has a queue whose consumer delivers email or SMS', () => {
    expect(senders.map((q) => q.name)).not.toEqual([]);
  });

  it('each sending consumer gets exactly its statements, and no other function any', () => {
    expectDeliveryGrants(stack, template, QUEUES, defaultIdentityArn('example.org'), 'noreply@example.org');
  });

  it('every sending queue has a dead-letter queue with an alarm on it', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    for (const spec of senders) {
      const dlqId = logicalId(stack.workQueues.deadLetterQueues.get(spec.name)!);
      expect(queues[logicalId(stack.workQueues.queues.get(spec.name)!)]?.Properties.RedrivePolicy, spec.name).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: spec.maxReceiveCount,
      });
      const alarm = alarms.find(
        (a) =>
          a.MetricName === 'ApproximateNumberOfMessagesVisible' && a.Dimensions[0].Value['Fn::GetAtt']?.[0] === dlqId,
      );
      expect(alarm, spec.name).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: 0,
        AlarmActions: [{ Ref: logicalId(stack.alarms.topic) }],
      });
    }
  });
});
