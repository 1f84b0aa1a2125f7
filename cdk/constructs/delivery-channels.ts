/**
 * What a function that delivers notifications may do, per channel its queue spec `sends`, and nothing more:
 *
 * - email: `ses:SendEmail` (the one action SES v2 SendEmail authorizes) on the configured sending identity only, and
 *   the sender address in NOTIFY_FROM_EMAIL;
 * - sms: `sns:Publish`, which for a direct publish to a phone number can only be granted on Resource `*` (a phone
 *   number has no ARN), with a Deny on every SNS ARN beside it, so topics and push endpoints stay out of reach.
 *
 * The statements go in a policy of their own rather than the role's default policy, where IAM policy minimization
 * would merge the SMS statement into the X-Ray one on `*`; that also keeps the acknowledged cdk-nag finding next to
 * the one statement it is about.
 */
import { ArnFormat, Aws, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { FROM_EMAIL_ENV } from '#lib/notifications/aws-channels.ts';
import type { QueueSpec } from '#lib/queue/queue-spec.ts';
import type { CoalsafeFunction } from './coalsafe-function.ts';

export type DeliveryChannel = NonNullable<QueueSpec['sends']>[number];

export const DEFAULT_NOTIFY_FROM_DOMAIN = 'example.org';

export interface DeliveryChannelsProps {
  /** Domain of the SES identity mail is sent from (context `notifyFromDomain`); defaults to the sender address's domain, else example.org. */
  readonly fromDomain?: string;
  /** Sender address (context `notifyFromEmail`); defaults to noreply@<fromDomain>. */
  readonly fromEmail?: string;
  /** ARN of the verified SES identity (context `sesIdentityArn`); defaults to the domain identity in this stack's account and region. */
  readonly sesIdentityArn?: string;
}

/** The cdk-nag finding a direct SMS publish raises, and why it is accepted. */
export const SMS_WILDCARD_ACKNOWLEDGMENT = {
  id: 'AwsSolutions-IAM5[Resource::*]',
  reason:
    'SMS is an SNS publish to a phone number, which has no ARN, so sns:Publish can only be granted on Resource *; the Deny on every SNS ARN in the same policy (arn:<partition>:sns:*:*:*) leaves phone numbers as the only thing it can publish to.',
} as const;

const IDENTITY_ARN = /^arn:[\w-]+:ses:[a-z0-9-]+:\d{12}:identity\/.+$/;

export class DeliveryChannels {
  readonly fromEmail: string;
  readonly sesIdentityArn: string;

  constructor(scope: Construct, props: DeliveryChannelsProps = {}) {
    const domain = props.fromDomain ?? props.fromEmail?.split('@')[1] ?? DEFAULT_NOTIFY_FROM_DOMAIN;
    this.fromEmail = props.fromEmail ?? `noreply@${domain}`;
    if (!/^[^@\s]+@[^@\s]+$/.test(this.fromEmail))
      throw new Error(`notifyFromEmail is not an address: ${this.fromEmail}`);
    if (props.sesIdentityArn !== undefined && !IDENTITY_ARN.test(props.sesIdentityArn)) {
      throw new Error(`sesIdentityArn is not an SES identity ARN: ${props.sesIdentityArn}`);
    }
    this.sesIdentityArn =
      props.sesIdentityArn ??
      Stack.of(scope).formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: domain,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
  }

  /** The statements a function sending through these channels needs; none for none. */
  statements(sends: readonly DeliveryChannel[]): iam.PolicyStatement[] {
    const statements: iam.PolicyStatement[] = [];
    if (sends.includes('email')) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'SendEmailFromIdentity',
          actions: ['ses:SendEmail'],
          resources: [this.sesIdentityArn],
        }),
      );
    }
    if (sends.includes('sms')) {
      statements.push(
        new iam.PolicyStatement({ sid: 'PublishSms', actions: ['sns:Publish'], resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'DenyPublishToAnySnsResource',
          effect: iam.Effect.DENY,
          actions: ['sns:Publish'],
          resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
        }),
      );
    }
    return statements;
  }

  /** Grants `fn` what delivering through `sends` needs (its own policy) and its environment. */
  allow(fn: CoalsafeFunction, sends: readonly DeliveryChannel[]): iam.Policy | undefined {
    const statements = this.statements(sends);
    if (statements.length === 0) return undefined;
    const policy = new iam.Policy(fn, 'DeliveryPolicy', { statements, roles: [fn.role] });
    // A message delivered before the policy is attached would fail for nothing.
    fn.function.node.addDependency(policy);
    if (sends.includes('email')) fn.addEnvironment(FROM_EMAIL_ENV, this.fromEmail);
    if (sends.includes('sms')) Validations.of(policy).acknowledge(SMS_WILDCARD_ACKNOWLEDGMENT);
    return policy;
  }
}
