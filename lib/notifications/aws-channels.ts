import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type MessageAttributeValue, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Channels, EmailMessage, SmsMessage } from './channel-port.ts';

/**
 * The delivery channels in AWS: email through SES v2 (SendEmail, simple content, UTF-8), SMS through SNS (a direct
 * publish to a phone number, transactional). Loaded by `channels()` on first use, so functions that never deliver
 * never load either SDK.
 *
 * Nothing is caught here: a failed send rejects, the dispatcher records the failed delivery and fails the message,
 * and SQS retries it; after its receives the dead-letter queue holds it and its alarm goes off. `isPermanentDeliveryError`
 * tells the two kinds of failure apart for whoever reads the dead letters.
 */

/** Environment variable holding the sender address (CDK sets it on functions that send email). */
export const FROM_EMAIL_ENV = 'NOTIFY_FROM_EMAIL';
/** Optional environment variable holding the SMS sender ID (not supported for every destination country). */
export const SMS_SENDER_ID_ENV = 'NOTIFY_SMS_SENDER_ID';

export interface AwsChannelsOptions {
  /** Defaults to one client per container. */
  readonly ses?: SESv2Client;
  /** Defaults to one client per container. */
  readonly sns?: SNSClient;
  /** Defaults to NOTIFY_FROM_EMAIL. */
  readonly fromAddress?: string;
  /** Defaults to NOTIFY_SMS_SENDER_ID; none when unset. */
  readonly smsSenderId?: string;
}

// Built on first use and kept for the life of the container (connection reuse across invocations).
let sesClient: SESv2Client | undefined;
let snsClient: SNSClient | undefined;
const defaultSes = (): SESv2Client => (sesClient ??= new SESv2Client({}));
const defaultSns = (): SNSClient => (snsClient ??= new SNSClient({}));

const UTF8 = 'UTF-8';

const nonEmpty = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

export function awsChannels(options: AwsChannelsOptions = {}): Channels {
  return {
    async sendEmail(message: EmailMessage): Promise<void> {
      const from = nonEmpty(options.fromAddress) ?? nonEmpty(process.env[FROM_EMAIL_ENV]);
      // A deployment fault, not the message's: it must reach the queue (retries, then the dead-letter alarm).
      if (!from) throw new Error(`No sender address: set ${FROM_EMAIL_ENV}`);
      await (options.ses ?? defaultSes()).send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: UTF8 },
              Body: { Text: { Data: message.text, Charset: UTF8 } },
            },
          },
        }),
      );
    },

    async sendSms(message: SmsMessage): Promise<void> {
      const senderId = nonEmpty(options.smsSenderId) ?? nonEmpty(process.env[SMS_SENDER_ID_ENV]);
      const attributes: Record<string, MessageAttributeValue> = {
        // Transactional: routed for reliability (deadline reminders, tier changes), not for cost.
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      };
      if (senderId) attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: senderId };
      await (options.sns ?? defaultSns()).send(
        new PublishCommand({ PhoneNumber: `+86${message.to}`, Message: message.text, MessageAttributes: attributes }),
      );
    },
  };
}

/**
 * Errors of SES v2 SendEmail and SNS Publish that the same request will hit again however often it is retried: the
 * message, the address or number, the sender identity or the permissions are wrong, or the recipient opted out.
 * Everything else (throttling, 5xx, network, a daily quota, a paused account, unknown errors) is worth retrying and
 * ends in the dead-letter queue, where an alarm fires, if it never succeeds.
 */
const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  // SES v2 SendEmail
  'MessageRejected', // invalid content, or (sandbox) an unverified recipient
  'MailFromDomainNotVerifiedException',
  'NotFoundException', // unknown configuration set or identity (SNS uses the same name for an unknown target)
  'BadRequestException', // invalid input, e.g. a malformed address
  'AccountSuspendedException', // sending permanently restricted
  // SNS Publish
  'InvalidParameterException', // e.g. a phone number that is not one
  'InvalidParameterValueException',
  'OptedOutException', // the number opted out of SMS from this account
  'AuthorizationErrorException', // IAM denies the publish
  'EndpointDisabledException',
  'PlatformApplicationDisabledException',
  'InvalidSecurityException',
  'ValidationException',
]);

export function isPermanentDeliveryError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && PERMANENT_ERRORS.has(name);
}
