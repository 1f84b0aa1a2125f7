/**
 * The coalsafe stack: table, users, API, jobs, queues, the web dashboard, the PII hashing key and alarms, all built
 * from the same route, job, queue and table definitions the code and the local runtime use. Environment-agnostic
 * (no look-ups), so it synthesizes without an AWS account.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { API_MODULES } from '#functions/api/routes.ts';
import { JOBS } from '#functions/scheduled/jobs.ts';
import type { ApiModule } from '#lib/http/route-spec.ts';
import type { JobSpec } from '#lib/jobs/job-spec.ts';
import type { QueueSpec } from '#lib/queue/queue-spec.ts';
import { QUEUES } from '#lib/queue/queues.ts';
import { CoalsafeApi, type ThrottleSettings } from './constructs/coalsafe-api.ts';
import { CoalsafeFunction } from './constructs/coalsafe-function.ts';
import { DataTable } from './constructs/data-table.ts';
import { DeliveryChannels, type DeliveryChannelsProps } from './constructs/delivery-channels.ts';
import { EVIDENCE_BUCKET_ENV, EvidenceBucket } from './constructs/evidence-bucket.ts';
import { JobSchedules } from './constructs/job-schedules.ts';
import { MineAccess } from './constructs/mine-access.ts';
import { OpsAlarms } from './constructs/ops-alarms.ts';
import { UserDirectory } from './constructs/user-directory.ts';
import { WebApp } from './constructs/web-app.ts';
import { WorkQueues } from './constructs/work-queues.ts';
import { type EntryResolver, handlerEntry } from './project-paths.ts';

export interface CoalsafeStackProps extends StackProps {
  /** The built web dashboard (`index.html` and `assets/`), see `writeWebApp` in lib/build/web-app.ts. */
  readonly webAppDir: string;
  /** Prefix of the hosted sign-in domain (context `authDomainPrefix`); defaults to `coalsafe-<account id>`. */
  readonly authDomainPrefix?: string;
  /** Defaults to the product's tables; tests pass their own. */
  readonly apiModules?: readonly ApiModule[];
  readonly jobs?: readonly JobSpec[];
  readonly queues?: readonly QueueSpec[];
  /** Defaults to functions/<kind>/<module>.ts. */
  readonly entryFor?: EntryResolver;
  readonly throttle?: ThrottleSettings;
  /** Each public route's limit (roles: 'public'); defaults to PUBLIC_ROUTE_THROTTLE. */
  readonly publicThrottle?: ThrottleSettings;
  readonly corsAllowOrigins?: readonly string[];
  readonly alarmEmail?: string;
  /** Where notification email comes from (contexts `notifyFromDomain`, `notifyFromEmail`, `sesIdentityArn`). */
  readonly notifications?: DeliveryChannelsProps;
  /** Default object-lock retention of evidence files in days (context `evidenceRetentionDays`, default 3650). */
  readonly evidenceRetentionDays?: number;
}

/** The handler module of `/v1/users`: the one function that creates, disables and enables sign-ins. */
export const USERS_MODULE = 'users';

/** The handler module of the evidence routes: the one function that signs uploads and downloads of evidence files. */
export const EVIDENCE_MODULE = 'evidence';

/** The handler modules of the public and the bureau's tip-off routes: they reach the tip-off files (`tipoffs/*`). */
export const PUBLIC_TIPOFFS_MODULE = 'public-tipoffs';
export const TIPOFFS_MODULE = 'tipoffs';

/** Environment variable holding the ARN of the secret with the key for hashing personal identifiers. */
export const PII_SECRET_ENV = 'PII_SECRET_ARN';

export class CoalsafeStack extends Stack {
  readonly data: DataTable;
  readonly evidence: EvidenceBucket;
  readonly users: UserDirectory;
  readonly alarms: OpsAlarms;
  readonly workQueues: WorkQueues;
  readonly delivery: DeliveryChannels;
  readonly api: CoalsafeApi;
  readonly jobs: JobSchedules;
  readonly web: WebApp;
  readonly piiHashKey: secretsmanager.Secret;
  /** The user pool's pre-token-generation trigger (TOTP for bureau leaders and legal reviewers). */
  readonly signInTrigger: CoalsafeFunction;
  /** The role mine users' requests assume; absent when no route is open to mine users. */
  readonly mineAccess?: MineAccess;

  constructor(scope: Construct, id: string, props: CoalsafeStackProps) {
    super(scope, id, props);
    const entryFor = props.entryFor ?? handlerEntry;

    this.data = new DataTable(this, 'Data');
    this.users = new UserDirectory(this, 'Users', { domainPrefix: props.authDomainPrefix });
    this.signInTrigger = new CoalsafeFunction(this, 'SignInTrigger', {
      entry: entryFor('auth', 'pre-token'),
      description: 'Sign-in: bureau leaders and legal reviewers get their role only with TOTP enrolled',
      table: this.data,
      needs: {},
    });
    this.users.gateMfa(this.signInTrigger);
    this.alarms = new OpsAlarms(this, 'Alarms', { email: props.alarmEmail });
    this.evidence = new EvidenceBucket(this, 'Evidence', { retentionDays: props.evidenceRetentionDays });

    this.piiHashKey = new secretsmanager.Secret(this, 'PiiHashKey', {
      description: 'HMAC key for hashing personal identifiers (resident ID numbers) before they are stored or indexed',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.piiHashKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A hashing key, not a credential: rotating it would orphan every stored hash (lookups by ID number), so rotation is a planned re-hash migration, not a schedule.',
    });

    this.delivery = new DeliveryChannels(this, props.notifications);
    this.workQueues = new WorkQueues(this, 'Queues', {
      queues: props.queues ?? QUEUES,
      entryFor,
      table: this.data,
      alarms: this.alarms,
      delivery: this.delivery,
    });

    const apiModules = props.apiModules ?? API_MODULES;
    this.api = new CoalsafeApi(this, 'Api', {
      modules: apiModules,
      entryFor,
      table: this.data,
      users: this.users,
      throttle: props.throttle,
      publicThrottle: props.publicThrottle,
      corsAllowOrigins: props.corsAllowOrigins,
    });

    // Functions serving mine users reach the table with that mine's credentials (lib/store/scoped-db.ts).
    const mineFunctions = apiModules
      .filter((m) => m.routes.some((r) => r.roles !== 'public' && r.roles.includes('mine_user')))
      .map((m) => this.api.functionFor(m.module)!);
    if (mineFunctions.length > 0) {
      this.mineAccess = new MineAccess(this, 'MineAccess', { table: this.data, functions: mineFunctions });
    }

    this.jobs = new JobSchedules(this, 'Jobs', { jobs: props.jobs ?? JOBS, entryFor, table: this.data });

    // After the API (its second origin); it gives the users' web client its callback URL.
    this.web = new WebApp(this, 'Web', {
      siteDir: props.webAppDir,
      api: this.api,
      modules: apiModules,
      users: this.users,
      evidenceOrigins: [this.evidence.origin],
    });
    // After both: CORS for the dashboard's origin, without a cycle (the API names the bucket, CloudFront the API).
    this.evidence.allowBrowserOrigin(`https://${this.web.distribution.distributionDomainName}`);

    // Each function reads the secrets and sends to the queues it declared (FunctionNeeds), no others.
    for (const fn of this.allFunctions) {
      if (!fn.needs.secrets?.includes('pii-hash-key')) continue;
      fn.addEnvironment(PII_SECRET_ENV, this.piiHashKey.secretArn);
      this.piiHashKey.grantRead(fn.role);
    }
    const usersFunction = this.api.functionFor(USERS_MODULE);
    if (usersFunction) this.users.allowUserManagement(usersFunction);
    // Only the evidence module knows the bucket, and only once the route table has it.
    const evidenceFunction = this.api.functionFor(EVIDENCE_MODULE);
    if (evidenceFunction) {
      evidenceFunction.addEnvironment(EVIDENCE_BUCKET_ENV, this.evidence.bucketName);
      this.evidence.grantEvidence(evidenceFunction);
    }
    // The tip-off files (`tipoffs/*`): the public function signs the visitor's uploads and reads them back, the
    // bureau's function signs the handlers' downloads; neither reaches `mines/*`.
    for (const [module, use] of [
      [PUBLIC_TIPOFFS_MODULE, 'upload'],
      [TIPOFFS_MODULE, 'read'],
    ] as const) {
      const fn = this.api.functionFor(module);
      if (!fn) continue;
      fn.addEnvironment(EVIDENCE_BUCKET_ENV, this.evidence.bucketName);
      this.evidence.grantTipoffFiles(fn, use);
    }
    for (const fn of [...this.api.functions, ...this.jobs.functions])
      this.workQueues.allowSend(fn, fn.needs.sendsTo ?? []);
    for (const fn of this.allFunctions) this.alarms.onFunctionErrors(fn);

    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'The web dashboard (the API is also served under it, at /v1/)',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
    new CfnOutput(this, 'SignInDomain', {
      value: this.users.signInOrigin,
      description: 'Hosted sign-in pages of the user pool',
    });
    new CfnOutput(this, 'TableName', { value: this.data.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  get allFunctions(): readonly CoalsafeFunction[] {
    return [...this.api.functions, ...this.jobs.functions, ...this.workQueues.functions, this.signInTrigger];
  }
}
