import type * as z from 'zod/mini';
import type { DataNeeds } from '#lib/store/access-needs.ts';

/**
 * A work queue. The queue list feeds CDK (an SQS queue, its dead-letter queue and an alarm, and the consumer's
 * event source) and the local in-process queue, which delivers SQS-shaped batches to the same consumer.
 */
export interface QueueSpec {
  /** kebab-case, unique. Producers send by this name. */
  readonly name: string;
  /** Consumer file name under functions/queue without extension. */
  readonly module: string;
  readonly batchSize: number;
  /** Deliveries before a message goes to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  /**
   * Channels the consumer delivers through, besides the in-app inbox: `email` (SES v2, from the configured identity)
   * and `sms` (SNS direct publish to phone numbers). CDK grants the consumer exactly these and nothing else; a queue
   * without `sends` gets no SES or SNS permission. Locally every message lands in the outbox instead.
   */
  readonly sends?: readonly ('email' | 'sms')[];
  /**
   * Queues the consumer itself sends to (a notification it records goes to the dispatcher). CDK gives the consumer
   * those queues' URLs and permission to send, and no other; the local queue refuses a consumer's send to another.
   */
  readonly sendsTo?: readonly string[];
  /** What the consumer may do with the table and secrets in AWS (its queues are `sendsTo`); none: nothing. */
  readonly needs?: DataNeeds;
}

/**
 * A queue with the message it carries. Producers send through it (the compiler holds each body to the schema) and
 * its consumer parses every record with it. The schema describes the JSON body as it is on the wire: plain shapes
 * and checks, no transforms, so a body that parsed once parses the same after a round trip through the queue.
 */
export interface QueueDefinition<S extends z.core.$ZodType = z.core.$ZodType> extends QueueSpec {
  readonly schema: S;
}

/** What a queue's consumer gets, parsed. */
export type Message<Q extends QueueDefinition> = z.output<Q['schema']>;

/** Keeps the schema's own type, so sends and the consumer of the queue are typed by it. */
export const defineQueue = <S extends z.core.$ZodType>(definition: QueueDefinition<S>): QueueDefinition<S> =>
  definition;

export interface OutgoingMessage {
  /** Unique within one send call; SQS batch entry id. */
  readonly id: string;
  readonly body: string;
}

/** The port producers use; SQS in AWS, the in-process queue locally. */
export interface QueueSender {
  send(queue: string, messages: readonly OutgoingMessage[]): Promise<void>;
}

/** Environment variable holding a queue's URL in AWS: QUEUE_URL_BULK_POWER for `bulk-power`. */
export const queueUrlEnv = (queue: string): string => `QUEUE_URL_${queue.toUpperCase().replace(/-/g, '_')}`;
