import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger, metrics, tracer } from '../observability/powertools.ts';
import { dbFromEnv, type Db } from '../store/db.ts';

/**
 * The stack every queue consumer shares: each record is handled on its own and a failing one is reported in
 * batchItemFailures, so SQS redelivers only that one (and, after maxReceiveCount, parks it in the dead-letter
 * queue). Handlers must be idempotent: a message may arrive twice.
 */
export function queueConsumer<M>(name: string, handle: (input: { db: Db; message: M; messageId: string }) => Promise<unknown>, options: { db?: () => Db } = {}) {
  const getDb = options.db ?? dbFromEnv;
  const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        logger.appendKeys({ queue: name, messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount });
        await handle({ db: getDb(), message: JSON.parse(record.body) as M, messageId: record.messageId });
        metrics.addMetric('messagesHandled', MetricUnit.Count, 1);
      } catch (error) {
        logger.error('Message failed; it will be retried', error as Error);
        metrics.addMetric('messagesFailed', MetricUnit.Count, 1);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(handler)
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .use(injectLambdaContext(logger, { resetKeys: true }));
}
