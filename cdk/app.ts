/**
 * Entry point of the CDK app (`cdk.json` runs it with tsx). Optional context: `alarmEmail` (subscribed to the
 * alarm topic), `corsAllowOrigins` (comma-separated browser origins allowed to call the API), and where notification
 * email comes from: `notifyFromDomain` (the verified SES domain, default example.org), `notifyFromEmail` (default
 * noreply@<domain>) and `sesIdentityArn` (default the domain's identity in the stack's account and region).
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
  notifications: {
    fromDomain: context('notifyFromDomain'),
    fromEmail: context('notifyFromEmail'),
    sesIdentityArn: context('sesIdentityArn'),
  },
});

applyChecks(app);
