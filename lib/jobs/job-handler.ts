import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from '#lib/observability/powertools.ts';
import { type Db, dbFromEnv } from '#lib/store/db.ts';
import { isBusinessDate, todayInShanghai } from '#lib/validators/business-date.ts';
import type { JobEvent } from './job-spec.ts';

/**
 * The stack every scheduled function shares: the business date it runs for (from the event, else the scheduled
 * time in Asia/Shanghai), Powertools logging with job and date on every line, metrics and tracing.
 */
export function jobHandler<R>(
  job: string,
  run: (input: { db: Db; date: string; event: JobEvent }) => Promise<R>,
  options: { db?: () => Db } = {},
) {
  const getDb = options.db ?? dbFromEnv;
  const handler = async (event: JobEvent): Promise<R> => {
    const date = event.date ?? todayInShanghai(event.scheduledTime ? new Date(event.scheduledTime) : new Date());
    if (!isBusinessDate(date)) throw new Error(`Job ${job}: not a date: ${date}`);
    logger.appendKeys({ job, date });
    const result = await run({ db: getDb(), date, event });
    metrics.addMetric('jobRuns', MetricUnit.Count, 1);
    logger.info('Job finished', { result: result as Record<string, unknown> });
    return result;
  };
  return middy<JobEvent, R, Error, Context>(handler)
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics))
    .use(injectLambdaContext(logger, { resetKeys: true }));
}
