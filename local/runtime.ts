// First: the handlers' environment, before any module that builds a Logger, Metrics or Tracer at import.
import './lambda-env.ts';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyHandlerV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { API_MODULES } from '#functions/api/routes.ts';
import { JOBS } from '#functions/scheduled/jobs.ts';
import type { JobEvent, JobSpec } from '#lib/jobs/job-spec.ts';
import { installChannels } from '#lib/notifications/channels.ts';
import { refreshOverview } from '#lib/overview/refresh.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import { installQueueSender } from '#lib/queue/sender.ts';
import { createDb, createDocumentClient, type Db } from '#lib/store/db.ts';
import { gsi1 } from '#lib/store/keys.ts';
import { queryPage } from '#lib/store/query.ts';
import { TABLE_DEFINITION } from '#lib/store/table-definition.ts';
import { installIdentityProvider } from '#lib/users/identity.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type DevTokenInput, signDevToken, verifyDevToken } from './dev-tokens.ts';
import { type DynamoDbLocal, localDynamoClientConfig, startDynamoDbLocal } from './dynamodb-local.ts';
import { ensureTable } from './ensure-table.ts';
import { createHttpAdapter, type LocalRoute } from './http-adapter.ts';
import { fileJobRunLog } from './job-run-log.ts';
import { createLambdaContext } from './lambda-context.ts';
import { localOnlyRefusal } from './local-guard.ts';
import { localIdentity } from './local-identity.ts';
import { loadLocalSecrets } from './local-secrets.ts';
import { type LocalSes, startLocalSes } from './local-ses.ts';
import { consoleLogger, type LocalLogger } from './logger.ts';
import { createOutbox } from './outbox.ts';
import { createLocalQueue, type LocalQueue, type QueueConsumer, queueConcurrency } from './queue.ts';
import { type LocalS3, startLocalS3 } from './s3/server.ts';
import { createScheduler } from './scheduler.ts';
import { seedDemoAcceptance } from './seed/demo-acceptance.ts';
import { describeDemoBlacklist, seedDemoBlacklist } from './seed/demo-blacklist.ts';
import { DEMO_CITY, describeDemoCity, seedDemoCity } from './seed/demo-city.ts';
import { seedDemoCredit } from './seed/demo-credit.ts';
import { seedDemoDirectives } from './seed/demo-directives.ts';
import { seedDemoDisclosure } from './seed/demo-disclosure.ts';
import { DEMO_JURISDICTION, seedDemoDistrict } from './seed/demo-district.ts';
import { seedDemoEnforcement } from './seed/demo-enforcement.ts';
import { seedDemoPersons } from './seed/demo-persons.ts';
import { seedDemoPlan } from './seed/demo-plan.ts';
import { seedDemoPower, seedDemoReviewHistory } from './seed/demo-power.ts';
import { describeDemoReports, seedDemoReports } from './seed/demo-reports.ts';
import { describeDemoTipoffs, seedDemoTipoffs } from './seed/demo-tipoffs.ts';
import { DEMO_USERS, seedDemoUsers } from './seed/demo-users.ts';
import { rememberVerifiedTokens } from './token-cache.ts';
import { demoUsers, startWebAppBuild, webAppRoutes } from './web-app.ts';

/**
 * The whole product on one machine: DynamoDB Local with the shared table definition, the demo district, the HTTP
 * adapter in front of the API handlers, the web dashboard at `/`, the in-process queue, the scheduler and the
 * outbox. `npm start` and the end-to-end tests both start it through here.
 */
export interface LocalRuntimeOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Use a DynamoDB endpoint that is already running instead of starting one. */
  readonly dynamoEndpoint?: string;
  readonly tableName?: string;
  readonly seed?: boolean;
  /**
   * Seed the demo electricity data (90 days of readings, last night's review) after the server is up instead of
   * before: `npm start` serves the district sooner; tests wait for everything.
   */
  readonly seedPowerInBackground?: boolean;
  readonly scheduler?: boolean;
  readonly logger?: LocalLogger;
  /** Send email with the SES v2 client to a local SES endpoint (aws-ses-v2-local) as well as to the outbox. */
  readonly emailThroughSes?: boolean;
  /**
   * Consumer invocations each queue runs at once (local/queue.ts; default five, as Lambda starts a queue with);
   * `LOCAL_QUEUE_CONCURRENCY` sets it for `npm start`.
   */
  readonly queueConcurrency?: number;
}

export interface LocalRuntime {
  readonly url: string;
  readonly port: number;
  readonly dynamoEndpoint: string;
  readonly db: Db;
  /** The in-process queue: tests drain it, look at its dead letters, or wrap it. */
  readonly queue: LocalQueue;
  readonly tokens: Record<string, string>;
  token(input: DevTokenInput): Promise<string>;
  runJob(name: string, date?: string): Promise<unknown>;
  /** The local SES endpoint's page, when email goes through it. */
  readonly sesUrl?: string;
  /** The local S3 endpoint holding the evidence bucket (path-style, 'local' credentials). */
  readonly s3Endpoint: string;
  stop(): Promise<void>;
}

/** The evidence bucket on the local runtime (a directory under `<dataDir>/s3/`). */
export const LOCAL_EVIDENCE_BUCKET = 'coalsafe-evidence-local';

const root = resolve(import.meta.dirname, '..');
const queueConcurrencyFromEnv = (): number => {
  const raw = process.env.LOCAL_QUEUE_CONCURRENCY;
  return queueConcurrency(raw === undefined || raw === '' ? undefined : Number(raw));
};
// Each function module's handler, imported on first use and kept, as a Lambda instance keeps its module: a second
// `import()` of a loaded module still asks the loader (tsx's hooks resolve it again in their worker thread), which
// cost the API about a thirteenth of its CPU under load when it was asked per request.
const handlers = new Map<string, Promise<unknown>>();
const importHandler = <T>(kind: 'api' | 'scheduled' | 'queue', module: string): Promise<T> => {
  const key = `${kind}/${module}`;
  let handler = handlers.get(key);
  if (!handler) {
    handler = import(/* @vite-ignore */ pathToFileURL(join(root, 'functions', kind, `${module}.ts`)).href).then(
      (m: { handler: unknown }) => m.handler,
    );
    // A module that failed to load is asked again next time (as a failed Lambda init is retried).
    handler.catch(() => handlers.delete(key));
    handlers.set(key, handler);
  }
  return handler as Promise<T>;
};

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

/** The ready-made tokens printed at start: one per role of the demo district, and one from elsewhere; each a user of the directory. */
export const DEMO_TOKEN_INPUTS: Record<string, DevTokenInput> = DEMO_USERS;

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.logger ?? consoleLogger;
  // The dashboard builds while DynamoDB Local boots; its first request waits for it if need be.
  const webBuild = startWebAppBuild((message) => log.error(message));
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const secrets = loadLocalSecrets(dataDir);

  let dynamo: DynamoDbLocal | undefined;
  let ses: LocalSes | undefined;
  let s3: LocalS3 | undefined;
  if (!options.dynamoEndpoint) dynamo = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
  const endpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  const tableName = options.tableName ?? TABLE_DEFINITION.localTableName;

  try {
    // Evidence files: the browser uploads to it with a presigned POST; CORS lets the dashboard in once it listens.
    s3 = await startLocalS3({ dataDir, buckets: [LOCAL_EVIDENCE_BUCKET] });
  } catch (error) {
    await dynamo?.stop();
    throw error;
  }

  // The handlers read these at import, as they read their Lambda environment.
  Object.assign(process.env, {
    EVIDENCE_BUCKET: LOCAL_EVIDENCE_BUCKET,
    S3_ENDPOINT: s3.endpoint,
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    PII_HASH_KEY: secrets.piiHashKey,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    // DynamoDB Local has no IAM: check each mine user's command against the mine's session policy as AWS would, so
    // a route that needs a partition the policy lacks fails here and in the tests, not first in AWS.
    MINE_SESSION_POLICY_CHECK: process.env.MINE_SESSION_POLICY_CHECK ?? '1',
  });

  try {
    await ensureTable(new DynamoDBClient(localDynamoClientConfig(endpoint)), tableName);
    const db = createDb({ doc: createDocumentClient(endpoint), tableName });
    // The queue and the channels first: the demo seed records notifications (a case opened, a tier changed), and
    // they go to the dispatcher like any other.
    const outbox = createOutbox(join(dataDir, 'outbox.jsonl'));
    const queue = createLocalQueue({
      queues: QUEUES,
      loadConsumer: (spec) => importHandler<QueueConsumer>('queue', spec.module),
      logger: log,
      // Accepted work survives a crash: messages stay on disk until their consumer succeeds.
      journalDir: join(dataDir, 'queue'),
      concurrency: options.queueConcurrency ?? queueConcurrencyFromEnv(),
    });
    // Producers in the handlers send through the port; here it is the in-process queue.
    installQueueSender(queue);
    // Email and SMS land in the outbox instead of SES and SNS; email may go through a local SES endpoint first.
    ses = options.emailThroughSes ? await startLocalSes() : undefined;
    installChannels({
      sendEmail: async (m) => {
        await ses?.sendEmail(m);
        await outbox.send({ channel: 'email', to: m.to, subject: m.subject, body: m.text });
      },
      sendSms: async (m) => void (await outbox.send({ channel: 'sms', to: m.to, body: m.text })),
    });
    // Users created over the API get no sign-in outside: a dev token for their subject signs them in.
    installIdentityProvider(localIdentity());
    // What the last run accepted and did not finish, now that its consumers have everything they use.
    queue.start();
    let seedPower: (() => Promise<void>) | undefined;
    if (options.seed !== false) {
      // The demo users behind the printed tokens, also into a store seeded before the directory existed.
      await seedDemoUsers(db);
      const existing = await queryPage(
        db,
        {
          index: 'GSI1',
          partition: gsi1.minesOfProvince(DEMO_JURISDICTION),
          beginsWith: gsi1.jurisdictionPrefix(DEMO_JURISDICTION),
        },
        { limit: 1 },
      );
      if (existing.items.length === 0) {
        const { mines } = await seedDemoDistrict(db);
        await seedDemoEnforcement(db);
        log.info(
          `[seed] demo district ${DEMO_JURISDICTION}: ${mines} mines with their hazards, violations, a penalty under legal review`,
        );
        seedPower = async () => {
          const power = await seedDemoPower(db);
          log.info(
            `[seed] ${power.readings} daily readings of 90 days, ${power.monitoringDays} mine-days of people underground and gas; review of ${power.reviewedDays.join(', ')} done`,
          );
          // After the power seed: the electricity case it confirms and the missed readings come from there.
          const credit = await seedDemoCredit(db);
          log.info(
            `[seed] safety credit: ${Object.entries(credit.tiers)
              .map(([tier, n]) => `${n} ${tier}`)
              .join(', ')}`,
          );
          // After the credit seed: the blacklist proposal it makes for the D mine is taken through to publication.
          log.info(`[seed] blacklist: ${describeDemoBlacklist(await seedDemoBlacklist(db))}`);
          const persons = await seedDemoPersons(db);
          log.info(
            `[seed] certificates: ${persons.certificates} (${persons.expiring} expiring, ${persons.pending} waiting for approval); the demo penalty and a violation name their mine managers`,
          );
          const plan = await seedDemoPlan(db);
          log.info(`[seed] enforcement plan ${plan.year}: ${plan.items} planned inspections, ${plan.done} done`);
          const directive = await seedDemoDirectives(db);
          if (directive) log.info(`[seed] 督办函 ${directive.documentNo} to 泰源煤矿: one item answered, one open`);
          const acceptance = await seedDemoAcceptance(db);
          log.info(
            `[seed] 复工复产验收: ${acceptance ? `${acceptance.acceptanceId} of m-demo10 checked on site, awaiting approval` : 'already seeded'}`,
          );
          // After the enforcement and blacklist seeds: a decision in force published by the disclosure run, and the
          // district's statistics of the year.
          const disclosed = await seedDemoDisclosure(db);
          log.info(
            `[seed] 执法公示: ${disclosed.published.length} decision(s) published, statistics of ${disclosed.statistics.length} jurisdiction(s)`,
          );
          // After the blacklist seed: the founded tip-off about the same mine, its fine linked and its reward paid.
          log.info(`[seed] tip-offs: ${describeDemoTipoffs(await seedDemoTipoffs(db))}`);
          // The city's two other districts last, so that none of the demo district's seeds counts their mines.
          log.info(`[seed] city ${DEMO_CITY}: ${describeDemoCity(await seedDemoCity(db))}`);
          // Last: the overview of every jurisdiction, from all of the above (then every 5 minutes by its job).
          const overview = await refreshOverview(db, todayInShanghai(db.now()));
          log.info(
            `[seed] 辖区总览: ${overview.districts} districts and ${overview.jurisdictions - overview.districts} cities and provinces above them`,
          );
          // After the city: last month's district reports, one submitted to the city.
          log.info(`[seed] monthly reports ${describeDemoReports(await seedDemoReports(db))}`);
          // Only for `npm start` (the tests start without it): two months of ordinary reviewed days for the charts.
          if (options.seedPowerInBackground) {
            const history = await seedDemoReviewHistory(db);
            log.info(
              `[seed] electricity review of ${history.length} earlier ordinary days done (${history[0]} … ${history.at(-1)})`,
            );
            // The overview's 90-day series begin again from those days' reports, so the sparklines draw at once.
            await refreshOverview(db, todayInShanghai(db.now()), { rebuildSeries: true });
          }
        };
        if (!options.seedPowerInBackground) await seedPower();
      }
    }

    const runJobSpec = async (job: JobSpec, event: JobEvent) => {
      const handler = await importHandler<(e: JobEvent, c: unknown) => Promise<unknown>>('scheduled', job.module);
      const result = await handler(
        event,
        createLambdaContext({ functionName: `coalsafe-${job.module}`, timeoutMs: (job.timeoutSeconds ?? 300) * 1000 }),
      );
      await queue.drain();
      return result;
    };
    const runJob = async (name: string, date?: string) => {
      const job = JOBS.find((j) => j.name === name);
      if (!job) throw new Error(`No job named ${name}; jobs: ${JOBS.map((j) => j.name).join(', ')}`);
      return runJobSpec(job, { job: name, ...(date ? { date } : { scheduledTime: new Date().toISOString() }) });
    };
    const scheduler = createScheduler({
      jobs: JOBS,
      runJob: async (job, event) => void (await runJobSpec(job, event)),
      logger: log,
      // A night's review or morning scan whose time passed while the runtime was down runs once at start.
      runLog: fileJobRunLog(join(dataDir, 'scheduler.json')),
    });

    const tokens: Record<string, string> = {};
    for (const [name, input] of Object.entries(DEMO_TOKEN_INPUTS))
      tokens[name] = await signDevToken(secrets.jwtSecret, input);

    const webApp = webAppRoutes({ build: webBuild, demoUsers: () => demoUsers(DEMO_TOKEN_INPUTS, tokens) });
    const localRoutes: LocalRoute = async (req, url) => {
      if (url.pathname.startsWith('/local/')) {
        const refusal = localOnlyRefusal(req.headers);
        if (refusal)
          return json(403, {
            type: 'urn:coalsafe:problem:local-only',
            title: '仅限本机访问',
            status: 403,
            detail: `/local/* answers only this machine: ${refusal}`,
          });
      }
      const web = await webApp(req, url);
      if (web) return web;
      if (url.pathname === '/health') return json(200, { status: 'ok', table: tableName });
      if (url.pathname === '/local/outbox' && req.method === 'GET')
        return json(200, { items: await outbox.list({ limit: Number(url.searchParams.get('limit') ?? 100) }) });
      if (url.pathname === '/local/tokens' && req.method === 'GET') return json(200, tokens);
      const jobMatch = /^\/local\/jobs\/([\w-]+)$/.exec(url.pathname);
      if (jobMatch && req.method === 'POST') {
        try {
          return json(200, {
            job: jobMatch[1],
            result: await runJob(jobMatch[1]!, url.searchParams.get('date') ?? undefined),
          });
        } catch (error) {
          return json(400, {
            type: 'urn:coalsafe:problem:job',
            title: '任务运行失败',
            status: 400,
            detail: (error as Error).message,
          });
        }
      }
      return undefined;
    };
    const server = createHttpAdapter({
      modules: API_MODULES,
      loadHandler: (module) => importHandler<APIGatewayProxyHandlerV2>('api', module),
      // Each token verified once until it expires, as API Gateway's JWT authorizer spends nothing in the handler.
      verifyToken: rememberVerifiedTokens((token) => verifyDevToken(secrets.jwtSecret, token)),
      localRoutes,
      logger: log,
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port, '127.0.0.1', () => ok());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    s3.setAllowedOrigins([url, `http://localhost:${port}`]);
    if (options.scheduler) scheduler.start();
    const seeding =
      options.seedPowerInBackground && seedPower
        ? seedPower().catch((error: unknown) =>
            log.error(`[seed] demo electricity data failed: ${(error as Error).message}`),
          )
        : Promise.resolve();
    if (options.seedPowerInBackground && seedPower)
      log.info('[seed] writing 90 days of demo readings and last night’s review in the background…');

    return {
      url,
      port,
      dynamoEndpoint: endpoint,
      db,
      queue,
      tokens,
      token: (input) => signDevToken(secrets.jwtSecret, input),
      runJob,
      ...(ses ? { sesUrl: ses.url } : {}),
      s3Endpoint: s3.endpoint,
      stop: async () => {
        await seeding;
        await scheduler.stop();
        await queue.drain().catch(() => undefined);
        queue.close();
        installQueueSender(undefined);
        installChannels(undefined);
        installIdentityProvider(undefined);
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        });
        await ses?.stop();
        await s3?.stop();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await ses?.stop();
    await s3?.stop();
    await dynamo?.stop();
    throw error;
  }
}
