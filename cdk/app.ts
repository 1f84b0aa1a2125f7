/**
 * Entry point of the CDK app (`cdk.json` runs it with tsx). Optional context: `alarmEmail` (subscribed to the
 * alarm topic) and `corsAllowOrigins` (comma-separated browser origins allowed to call the API).
 */
import { App } from 'aws-cdk-lib';
import { applyChecks } from './checks.ts';
import { CoalsafeStack } from './coalsafe-stack.ts';

const app = new App();

const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

new CoalsafeStack(app, 'Coalsafe', {
  description: 'coalsafe: coal-mine safety supervision (API, jobs, queues, table, users)',
  alarmEmail: context('alarmEmail'),
  corsAllowOrigins: context('corsAllowOrigins')
    ?.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== ''),
});

applyChecks(app);
