/**
 * Builds the stack for the infra tests as `cdk synth` would (same cdk.json context, same compliance packs), but
 * with asset bundling skipped, every handler entry pointed at one fixture file and a fixture in place of the built
 * web dashboard, so a synth takes seconds and does not depend on the handler modules existing yet.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { compliancePacks } from '#cdk/checks.ts';
import { CoalsafeStack, type CoalsafeStackProps } from '#cdk/coalsafe-stack.ts';
import type { CoalsafeFunction } from '#cdk/constructs/coalsafe-function.ts';
import { API_MODULES } from '#functions/api/routes.ts';
import { JOBS } from '#functions/scheduled/jobs.ts';
import type { FunctionNeeds } from '#lib/store/access-needs.ts';

export const FIXTURE_ENTRY = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));
/** A built dashboard's shape: index.html and hashed files under assets/. */
export const FIXTURE_WEB_APP = fileURLToPath(new URL('./fixtures/web-app', import.meta.url));

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** The project's CDK context (feature flags) plus "bundle no stack". */
export const TEST_CONTEXT: Record<string, unknown> = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };

export interface Synthesized {
  readonly app: App;
  readonly stack: CoalsafeStack;
  readonly template: Template;
}

/**
 * A test that injects its own queues but keeps the product's modules or jobs gets them declaring no queue: the
 * product's queue names are not in its list.
 */
const sendingNothing = <T extends { readonly needs?: FunctionNeeds }>(specs: readonly T[]): T[] =>
  specs.map((spec) => ({ ...spec, needs: { ...spec.needs, sendsTo: [] } }));

export function synthesize(props: Partial<CoalsafeStackProps> = {}): Synthesized {
  const app = new App({ context: TEST_CONTEXT });
  const ownQueues = props.queues !== undefined;
  const stack = new CoalsafeStack(app, 'Coalsafe', {
    entryFor: () => FIXTURE_ENTRY,
    webAppDir: FIXTURE_WEB_APP,
    ...(ownQueues ? { apiModules: sendingNothing(API_MODULES), jobs: sendingNothing(JOBS) } : {}),
    ...props,
  });
  // Synthesis also runs CDK's built-in CloudFormation validation, which fails on an invalid template.
  const template = Template.fromStack(stack);
  return { app, stack, template };
}

/**
 * The Lambda functions of the template that run our handlers: every one but CDK's own functions, the one that
 * copies the web dashboard to its bucket during a deployment (tests/infra/web-app.test.ts looks at that one) and
 * the one that sets the evidence bucket's CORS (tests/infra/evidence-bucket.test.ts).
 */
export const isSiteDeploymentFunction = (logicalId: string): boolean =>
  logicalId.startsWith('CustomCDKBucketDeployment');
/** CDK's singleton function behind every AwsCustomResource. */
export const isCustomResourceFunction = (logicalId: string): boolean =>
  logicalId.startsWith('AWS679f53fac002430cb0da5b7982bd2287');

export function handlerFunctions(template: Template): Record<string, any> {
  return Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function')).filter(
      ([id]) => !isSiteDeploymentFunction(id) && !isCustomResourceFunction(id),
    ),
  );
}

/** cdk-nag findings not acknowledged in the code, as `cdk synth` would report them. */
export function complianceFindings(app: App, severity: 'error' | 'warning'): string[] {
  return compliancePacks()
    .flatMap((pack) => pack.validateScope(app).violations)
    .filter((v) => v.severity === severity)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`));
}

/** The logical ID of a construct's CloudFormation resource (its default child, or itself). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export const functionId = (fn: CoalsafeFunction): string => logicalId(fn.function);
export const roleId = (fn: CoalsafeFunction): string => logicalId(fn.role);

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every statement of every identity policy in the template, with the roles it is attached to. */
export function policyStatements(template: Template): { roles: string[]; statement: Statement }[] {
  const out: { roles: string[]; statement: Statement }[] = [];
  const refs = (roles: unknown): string[] =>
    Array.isArray(roles) ? roles.map((r: { Ref?: string }) => r.Ref ?? JSON.stringify(r)) : [];
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
      out.push({ roles: refs(policy.Properties.Roles), statement });
    }
  }
  for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const inline of (role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]) {
      for (const statement of inline.PolicyDocument.Statement) out.push({ roles: [id], statement });
    }
  }
  return out;
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** A resource of a template: its type, properties and what it waits for. */
type Resource = { Type: string; Properties?: any; DependsOn?: string[] };

/** `{ Ref: parameter }` anywhere in a value, replaced by what the main stack passes for it. */
function resolveParameters(value: unknown, parameters: Record<string, unknown>): any {
  if (Array.isArray(value)) return value.map((v) => resolveParameters(v, parameters));
  if (value && typeof value === 'object') {
    const ref = (value as { Ref?: unknown }).Ref;
    if (typeof ref === 'string' && Object.keys(value).length === 1 && ref in parameters) return parameters[ref];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveParameters(v, parameters)]));
  }
  return value;
}

export interface ModuleRouting {
  /** The nested stack's resource in the main stack. */
  readonly stackId: string;
  /** The nested stack's resources, with the main stack's parameters resolved (a function's ARN, the API's id). */
  readonly resources: Record<string, Resource>;
}

/** Each API module's nested stack of routes, as the main stack deploys it. */
export function apiRouting({ stack, template }: Synthesized): Map<string, ModuleRouting> {
  const main = template.toJSON().Resources as Record<string, Resource>;
  const out = new Map<string, ModuleRouting>();
  for (const [module, nested] of stack.api.routeStacks) {
    const stackId = logicalId(nested.nestedStackResource!);
    const parameters = (main[stackId]?.Properties?.Parameters ?? {}) as Record<string, unknown>;
    const resources = Template.fromStack(nested).toJSON().Resources as Record<string, Resource>;
    out.set(module, { stackId, resources: resolveParameters(resources, parameters) });
  }
  return out;
}

/** The functions' error alarms, in their nested stack, with the main stack's parameters resolved. */
export function functionAlarms({ stack, template }: Synthesized): Resource[] {
  const nested = stack.alarms.functionAlarms;
  const main = template.toJSON().Resources as Record<string, Resource>;
  const parameters = (main[logicalId(nested.nestedStackResource!)]?.Properties?.Parameters ?? {}) as Record<
    string,
    unknown
  >;
  const resources = Template.fromStack(nested).toJSON().Resources as Record<string, Resource>;
  return Object.values(resolveParameters(resources, parameters) as Record<string, Resource>).filter(
    (r) => r.Type === 'AWS::CloudWatch::Alarm',
  );
}

/** The resources of one type across the modules' route stacks. */
export function routingResources(routing: Map<string, ModuleRouting>, type: string): Record<string, Resource> {
  return Object.fromEntries(
    [...routing.values()].flatMap((m) => Object.entries(m.resources).filter(([, r]) => r.Type === type)),
  );
}
