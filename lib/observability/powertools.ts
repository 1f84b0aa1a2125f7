import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { redactingReplacer } from './redact.ts';

/**
 * Logger, Metrics and Tracer, one of each per process, shared by every handler and job (the Powertools
 * examples' pattern). Service name and namespace come from POWERTOOLS_* environment variables in AWS.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'coalsafe',
  // Every string of every line is masked of resident IDs, mobiles and emails (./redact.ts).
  jsonReplacerFn: redactingReplacer,
});
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'coalsafe',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'coalsafe',
});
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'coalsafe' });
