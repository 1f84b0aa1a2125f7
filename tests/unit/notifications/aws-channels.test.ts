// The AWS delivery channels: the exact SES v2 and SNS requests a notification becomes, failures that reach the
// caller unchanged (the dispatcher decides what to retry), and which failures retrying cannot fix.
import {
  BadRequestException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SESv2Client,
  SESv2ServiceException,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import {
  AuthorizationErrorException,
  EndpointDisabledException,
  InternalErrorException,
  InvalidParameterException,
  InvalidParameterValueException,
  KMSThrottlingException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  SNSServiceException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awsChannels, isPermanentDeliveryError } from '#lib/notifications/aws-channels.ts';

// Class-level mocks: they also cover the clients the module builds for itself.
const ses = mockClient(SESv2Client);
const sns = mockClient(SNSClient);

const $metadata = { httpStatusCode: 400 };
const sesError = (name: string, fault: 'client' | 'server' = 'client') =>
  new SESv2ServiceException({ name, $fault: fault, $metadata, message: name });
const snsError = (name: string, fault: 'client' | 'server' = 'client') =>
  new SNSServiceException({ name, $fault: fault, $metadata, message: name });

const EMAIL = {
  to: 'zhang.wei@example.cn',
  subject: '信用等级变更：某某煤矿',
  text: '某某煤矿信用等级由 B 级调整为 C 级，请及时关注。',
};
const SMS = { to: '13800138000', text: '【煤安】某某煤矿信用等级由 B 级调整为 C 级。' };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the send to fail');
}

beforeEach(() => {
  ses.reset();
  sns.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('email through SES v2', () => {
  it('sends one simple UTF-8 message from the configured address to the recipient', async () => {
    await awsChannels({ ses: new SESv2Client({}), fromAddress: 'noreply@coalsafe.example' }).sendEmail(EMAIL);

    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input)).toEqual([
      {
        FromEmailAddress: 'noreply@coalsafe.example',
        Destination: { ToAddresses: ['zhang.wei@example.cn'] },
        Content: {
          Simple: {
            Subject: { Data: '信用等级变更：某某煤矿', Charset: 'UTF-8' },
            Body: { Text: { Data: '某某煤矿信用等级由 B 级调整为 C 级，请及时关注。', Charset: 'UTF-8' } },
          },
        },
      },
    ]);
  });

  it('takes the sender address from NOTIFY_FROM_EMAIL and its own client by default', async () => {
    vi.stubEnv('NOTIFY_FROM_EMAIL', 'noreply@bureau.example');
    await awsChannels().sendEmail(EMAIL);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.FromEmailAddress).toBe('noreply@bureau.example');
  });

  it('refuses to send without a sender address, and says which variable is missing', async () => {
    vi.stubEnv('NOTIFY_FROM_EMAIL', '');
    await expect(awsChannels().sendEmail(EMAIL)).rejects.toThrow(/NOTIFY_FROM_EMAIL/);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('lets a throttling error reach the caller unchanged, as one the queue should retry', async () => {
    const throttled = new TooManyRequestsException({
      $metadata: { httpStatusCode: 429 },
      message: 'Too many requests',
    });
    ses.on(SendEmailCommand).rejects(throttled);

    const error = await failure(awsChannels({ fromAddress: 'noreply@coalsafe.example' }).sendEmail(EMAIL));
    expect(error).toBe(throttled);
    expect(isPermanentDeliveryError(error)).toBe(false);
  });
});

describe('SMS through SNS', () => {
  it('publishes the text to the +86 number as a transactional SMS', async () => {
    await awsChannels({ sns: new SNSClient({}) }).sendSms(SMS);

    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([
      {
        PhoneNumber: '+8613800138000',
        Message: '【煤安】某某煤矿信用等级由 B 级调整为 C 级。',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      },
    ]);
  });

  it('adds the sender ID when one is configured', async () => {
    await awsChannels({ smsSenderId: 'COALSAFE' }).sendSms(SMS);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'COALSAFE' },
    });
  });

  it('lets a permanent error reach the caller unchanged, as one retrying cannot fix', async () => {
    const invalid = new InvalidParameterException({ $metadata, message: 'Invalid parameter: PhoneNumber' });
    sns.on(PublishCommand).rejects(invalid);

    const error = await failure(awsChannels().sendSms(SMS));
    expect(error).toBe(invalid);
    expect(isPermanentDeliveryError(error)).toBe(true);
  });
});

describe('isPermanentDeliveryError', () => {
  it.each([
    // SES v2 SendEmail
    ['MessageRejected', new MessageRejected({ $metadata, message: 'Email address is not verified.' })],
    ['MailFromDomainNotVerifiedException', new MailFromDomainNotVerifiedException({ $metadata, message: 'x' })],
    ['NotFoundException (SES)', new NotFoundException({ $metadata, message: 'x' })],
    ['BadRequestException', new BadRequestException({ $metadata, message: 'x' })],
    ['AccountSuspendedException', sesError('AccountSuspendedException')],
    // SNS Publish
    ['InvalidParameterException', new InvalidParameterException({ $metadata, message: 'x' })],
    ['InvalidParameterValueException', new InvalidParameterValueException({ $metadata, message: 'x' })],
    ['OptedOutException', new OptedOutException({ $metadata, message: 'x' })],
    ['AuthorizationErrorException', new AuthorizationErrorException({ $metadata, message: 'x' })],
    ['EndpointDisabledException', new EndpointDisabledException({ $metadata, message: 'x' })],
    ['PlatformApplicationDisabledException', snsError('PlatformApplicationDisabledException')],
    ['InvalidSecurityException', snsError('InvalidSecurityException')],
    ['ValidationException', snsError('ValidationException')],
  ])('%s is permanent', (_, error) => {
    expect(isPermanentDeliveryError(error)).toBe(true);
  });

  it.each([
    // Throttling, as each service and the SDK spell it
    ['TooManyRequestsException (SES)', new TooManyRequestsException({ $metadata, message: 'x' })],
    ['ThrottlingException', snsError('ThrottlingException')],
    ['Throttling (SNS query protocol)', snsError('Throttling')],
    ['ThrottledException', snsError('ThrottledException')],
    ['KMSThrottlingException', new KMSThrottlingException({ $metadata, message: 'x' })],
    // Quotas and pauses an operator lifts, after which a redrive from the dead-letter queue delivers
    ['LimitExceededException (daily quota)', sesError('LimitExceededException')],
    ['SendingPausedException', sesError('SendingPausedException')],
    // Server faults
    ['InternalErrorException (SNS)', new InternalErrorException({ $metadata: { httpStatusCode: 500 }, message: 'x' })],
    ['InternalServiceErrorException (SES)', sesError('InternalServiceErrorException', 'server')],
    ['InternalFailure', sesError('InternalFailure', 'server')],
    ['ServiceUnavailable', snsError('ServiceUnavailable', 'server')],
    // Not AWS errors at all
    ['a network error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['a plain Error', new Error('boom')],
    ['a string', 'MessageRejected'],
    ['undefined', undefined],
    ['null', null],
  ])('%s is worth retrying', (_, error) => {
    expect(isPermanentDeliveryError(error)).toBe(false);
  });
});
