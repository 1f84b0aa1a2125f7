/**
 * Entry point of the CDK app (`cdk.json` runs it with tsx). Optional context: `alarmEmail` (subscribed to the
 * alarm topic), `corsAllowOrigins` (comma-separated browser origins allowed to call the API), `evidenceRetentionDays` (default
 * object-lock retention of evidence files, default 3650), `authDomainPrefix`
 * (the hosted sign-in domain's prefix, default coalsafe-<account id>), and where notification email comes from:
 * `notifyFromDomain` (the verified SES domain, default example.org), `notifyFromEmail` (default noreply@<domain>)
 * and `sesIdentityArn` (default the domain's identity in the stack's account and region).
 *
 * The web dashboard is built first (esbuild, in-process, about a second at most) into a temporary folder that the
 * synthesis copies into cdk.out as an asset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { writeWebApp } from '#lib/build/web-app.ts';
import { applyChecks } from './checks.ts';
import { CoalsafeStack } from './coalsafe-stack.ts';

const app = new App();

const webAppDir = mkdtempSync(join(tmpdir(), 'coalsafe-web-'));
// The synthesis runs when the app is about to exit; the folder goes after it.
process.once('exit', () => rmSync(webAppDir, { recursive: true, force: true }));
await writeWebApp(webAppDir);

const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

// A number in cdk.json, a string from `-c evidenceRetentionDays=…`; the stack refuses anything but whole days.
const evidenceRetention: unknown = app.node.tryGetContext('evidenceRetentionDays');

new CoalsafeStack(app, 'Coalsafe', {
  description: 'coalsafe: coal-mine safety supervision (web dashboard, API, jobs, queues, table, users)',
  webAppDir,
  authDomainPrefix: context('authDomainPrefix'),
  alarmEmail: context('alarmEmail'),
  corsAllowOrigins: context('corsAllowOrigins')
    ?.split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== ''),
  evidenceRetentionDays: evidenceRetention === undefined ? undefined : Number(evidenceRetention),
  notifications: {
    fromDomain: context('notifyFromDomain'),
    fromEmail: context('notifyFromEmail'),
    sesIdentityArn: context('sesIdentityArn'),
  },
});

applyChecks(app);
