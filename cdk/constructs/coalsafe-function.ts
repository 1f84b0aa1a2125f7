/**
 * The one way this app makes a Lambda function. Every handler module (API, scheduled job, queue consumer) becomes a
 * CoalsafeFunction, so runtime, architecture, tracing, logging, bundling, environment and the table grant are
 * decided here once instead of in each caller. Its table access is what it declared (FunctionNeeds), nothing more.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  ESM_REQUIRE_BANNER,
  LAMBDA_BUNDLE_TARGET,
  LAMBDA_EXTERNAL_MODULES,
  LAMBDA_MAIN_FIELDS,
} from '#lib/build/bundle-options.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';
import { LOCK_FILE, PROJECT_ROOT } from '../project-paths.ts';
import type { DataTable } from './data-table.ts';
import { InlineRole } from './inline-role.ts';

export const FUNCTION_DEFAULTS = {
  runtime: lambda.Runtime.NODEJS_24_X,
  architecture: lambda.Architecture.ARM_64,
  memorySize: 512,
  /** The HTTP API gives up on an integration after 30 s; jobs and consumers pass their own. */
  timeout: Duration.seconds(15),
  logRetention: logs.RetentionDays.ONE_MONTH,
} as const;

export const BASE_ENVIRONMENT = {
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'coalsafe',
  POWERTOOLS_METRICS_NAMESPACE: 'coalsafe',
  // Answers carry mobiles, emails and names, and an error's message may quote what was sent: a trace keeps the
  // timing and that it failed, never the answer or the message (the log line keeps the message, masked).
  POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
  POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
} as const;

export interface CoalsafeFunctionProps {
  /** Absolute path of the handler module (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  readonly table: DataTable;
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  /** What it declared it needs: the table access is granted here, queues and secrets by their owners. */
  readonly needs: FunctionNeeds;
}

export class CoalsafeFunction extends Construct implements iam.IGrantable {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly grantPrincipal: iam.IPrincipal;
  readonly needs: FunctionNeeds;

  constructor(scope: Construct, id: string, props: CoalsafeFunctionProps) {
    super(scope, id);
    this.needs = props.needs;

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: FUNCTION_DEFAULTS.logRetention });

    // Own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    this.role = new InlineRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description.slice(0, 256),
      runtime: FUNCTION_DEFAULTS.runtime,
      architecture: FUNCTION_DEFAULTS.architecture,
      memorySize: FUNCTION_DEFAULTS.memorySize,
      timeout: props.timeout ?? FUNCTION_DEFAULTS.timeout,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: LOCK_FILE,
      environment: { ...BASE_ENVIRONMENT, TABLE_NAME: props.table.tableName, ...props.environment },
      // The same esbuild settings `npm run bench` measures (lib/build/bundle-options.ts).
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLE_TARGET,
        mainFields: [...LAMBDA_MAIN_FIELDS],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.EXTERNAL,
        // Nothing external, the AWS SDK included: the code runs the SDK version package.json pins.
        externalModules: [...LAMBDA_EXTERNAL_MODULES],
      },
    });

    // Least privilege: only what the function declared next to its code; nothing declared, no table access.
    if (props.needs.table) props.table.grantNeeds(this.role, props.needs.table);

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });
  }

  addEnvironment(key: string, value: string): void {
    this.function.addEnvironment(key, value);
  }
}
