import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type * as z from 'zod/mini';
import { serializeMessage } from './message-body.ts';
import { type OutgoingMessage, type QueueDefinition, type QueueSender, queueUrlEnv } from './queue-spec.ts';

/**
 * The queue port producers use. In AWS it is SQS, with each queue's URL in QUEUE_URL_<NAME> (set by CDK). On one
 * machine the local runtime installs its in-process queue here before any handler runs.
 */
let installed: QueueSender | undefined;

export function installQueueSender(sender: QueueSender | undefined): void {
  installed = sender;
}

const SQS_BATCH = 10;

export class SqsSender implements QueueSender {
  constructor(private readonly client = new SQSClient({})) {}

  async send(queue: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const url = process.env[queueUrlEnv(queue)];
    if (!url) throw new Error(`No URL for queue ${queue}: ${queueUrlEnv(queue)} is not set`);
    for (let i = 0; i < messages.length; i += SQS_BATCH) {
      const batch = messages.slice(i, i + SQS_BATCH);
      const out = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: url, Entries: batch.map((m) => ({ Id: m.id, MessageBody: m.body })) }),
      );
      if (out.Failed?.length)
        throw new Error(`SQS refused ${out.Failed.length} messages for ${queue}: ${out.Failed[0]?.Message ?? ''}`);
    }
  }
}

let sqs: SqsSender | undefined;

export function queueSender(): QueueSender {
  if (installed) return installed;
  sqs ??= new SqsSender();
  return sqs;
}

/**
 * How a capability sends: to a queue's definition, with bodies of its message type (the compiler refuses another),
 * each checked and serialized here before any is sent. `id` is the SQS batch entry id, unique within the call.
 */
export async function sendMessages<S extends z.core.$ZodType>(
  queue: QueueDefinition<S>,
  messages: readonly { readonly id: string; readonly body: z.input<S> }[],
  sender: QueueSender = queueSender(),
): Promise<void> {
  await sender.send(
    queue.name,
    messages.map((m) => ({ id: m.id, body: serializeMessage(queue, m.body) })),
  );
}
