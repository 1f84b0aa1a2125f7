/**
 * A queued message and the SQS event record Lambda's event source builds from it, shaped like the real thing
 * (ids, receive counts, md5, ARN), so consumers and Powertools' batch utilities see what they see in AWS.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';

export interface StoredMessage {
  /** Stays the same across redeliveries, as in SQS (idempotency keys may rely on it). */
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  /** Epoch ms. */
  readonly sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
}

export function newStoredMessage(body: string, sentTimestamp: number): StoredMessage {
  return {
    messageId: randomUUID(),
    body,
    md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
    sentTimestamp,
    receiveCount: 0,
  };
}

/** Call after counting the delivery: ApproximateReceiveCount is 1 on the first delivery. */
export function toSqsRecord(queue: string, message: StoredMessage): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: `${message.messageId}#${message.receiveCount}#${randomUUID()}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: '000000000000',
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
    },
    messageAttributes: {},
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}`,
    awsRegion: 'local',
  };
}
