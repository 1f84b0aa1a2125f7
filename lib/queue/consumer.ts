import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger, metrics, tracer } from '#lib/observability/powertools.ts';
import { type Db, dbFromEnv } from '#lib/store/db.ts';
import { parseMessage } from './message-body.ts';
import type { QueueDefinition } from './queue-spec.ts';

/**
 * The stack every queue consumer shares, built from the queue's definition: each record's body is parsed with the
 * queue's schema and handled on its own, and a failing one is reported in batchItemFailures, so SQS redelivers
 * only that one (and, after maxReceiveCount, parks it in the dead-letter queue). A body that does not parse fails
 * its record the same way, logged with the failing fields but not their values. Handlers must be idempotent: a
 * message may arrive twice. `concurrency` handles that many records of a batch at once (chunks of independent mines
 * wait on DynamoDB more than they compute).
 */
export function queueConsumer<S extends z.core.$ZodType>(
  queue: QueueDefinition<S>,
  handle: (input: { db: Db; message: z.output<S>; messageId: string }) => Promise<unknown>,
  options: { db?: () => Db; concurrency?: number } = {},
) {
  const getDb = options.db ?? dbFromEnv;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    logger.appendKeys({ queue: queue.name });
    const handleOne = async (record: SQSEvent['Records'][number]) => {
      const context = { messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount };
      const parsed = parseMessage(queue, record.body);
      if (!parsed.ok) {
        logger.error('Message body does not match its queue schema; it will be retried, then dead-lettered', {
          ...context,
          queue: queue.name,
          fields: parsed.problems,
        });
        metrics.addMetric('messagesMalformed', MetricUnit.Count, 1);
        batchItemFailures.push({ itemIdentifier: record.messageId });
        return;
      }
      try {
        await handle({ db: getDb(), message: parsed.message, messageId: record.messageId });
        metrics.addMetric('messagesHandled', MetricUnit.Count, 1);
      } catch (error) {
        logger.error('Message failed; it will be retried', { ...context, error: error as Error });
        metrics.addMetric('messagesFailed', MetricUnit.Count, 1);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    };
    for (let i = 0; i < event.Records.length; i += concurrency)
      await Promise.all(event.Records.slice(i, i + concurrency).map(handleOne));
    return { batchItemFailures };
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(handler)
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics))
    .use(injectLambdaContext(logger, { resetKeys: true }));
}
