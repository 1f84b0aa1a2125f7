/**
 * The HTTP API, built from the shared route table: one function per handler module, one route per RouteSpec, the
 * Cognito JWT authorizer on every route except those whose roles are 'public'. Role and tenancy checks happen in
 * the handlers; the authorizer only guarantees a valid token from our user pool for our client.
 *
 * Throttling on the $default stage: a default for every route, and a tighter limit on each public route (no token,
 * open to anyone: the published blacklist, the API reference), keyed by its route key from the same table.
 */
import { Duration, NestedStack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type ApiModule, routeKey } from '#lib/http/route-spec.ts';
import type { EntryResolver } from '../project-paths.ts';
import { CoalsafeFunction } from './coalsafe-function.ts';
import type { DataTable } from './data-table.ts';
import type { UserDirectory } from './user-directory.ts';

export interface ThrottleSettings {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { rateLimit: 100, burstLimit: 200 };
/** Each public route's own limit (requests per second, steady and burst), well under the stage default. */
export const PUBLIC_ROUTE_THROTTLE: ThrottleSettings = { rateLimit: 20, burstLimit: 40 };

export interface CoalsafeApiProps {
  readonly modules: readonly ApiModule[];
  readonly entryFor: EntryResolver;
  readonly table: DataTable;
  readonly users: UserDirectory;
  readonly throttle?: ThrottleSettings;
  /** The limit of each route whose roles are 'public'; defaults to PUBLIC_ROUTE_THROTTLE. */
  readonly publicThrottle?: ThrottleSettings;
  /** Browser origins allowed to call the API; no CORS configuration when empty. */
  readonly corsAllowOrigins?: readonly string[];
}

/** One JSON line per request; claims identify the caller without logging tokens. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
  }),
);

export class CoalsafeApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly functions: CoalsafeFunction[] = [];
  /** Each handler module's nested stack of routes. */
  readonly routeStacks = new Map<string, NestedStack>();
  private readonly byModule = new Map<string, CoalsafeFunction>();

  constructor(scope: Construct, id: string, props: CoalsafeApiProps) {
    super(scope, id);
    const origins = props.corsAllowOrigins ?? [];

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'coalsafe API',
      createDefaultStage: false,
      corsPreflight:
        origins.length > 0
          ? {
              allowOrigins: [...origins],
              allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
              allowMethods: [apigw.CorsHttpMethod.ANY],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const throttle = props.throttle ?? DEFAULT_THROTTLE;
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    // The authorizer lives here, beside the API; every module's routes name it.
    const jwt = new apigw.HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: this.httpApi,
      type: apigw.HttpAuthorizerType.JWT,
      authorizerName: 'CognitoJwt',
      identitySource: ['$request.header.Authorization'],
      jwtAudience: [props.users.client.userPoolClientId],
      jwtIssuer: props.users.issuerUrl,
    });
    const authorizer: apigw.IHttpRouteAuthorizer = {
      bind: () => ({ authorizerId: jwt.authorizerId, authorizationType: 'JWT' }),
    };
    const noAuth = new apigw.HttpNoneAuthorizer();

    const publicRoutes: { key: string; route: apigw.HttpRoute }[] = [];
    const functionsScope = new Construct(this, 'Functions');
    for (const mod of props.modules) {
      const fn = new CoalsafeFunction(functionsScope, mod.module, {
        entry: props.entryFor('api', mod.module),
        description: `API module ${mod.module}: ${mod.routes.map(routeKey).join(', ')}`,
        table: props.table,
        needs: mod.needs ?? {},
      });
      this.functions.push(fn);
      this.byModule.set(mod.module, fn);

      // One invoke permission per function for the whole API, not one per route: the function's resource policy
      // has a size limit that a module with many routes would reach.
      const integration = new HttpLambdaIntegration(`${mod.module}Integration`, fn.function, {
        scopePermissionToRoute: false,
      });

      // A module's routes, its integration and its invoke permission go into a nested stack of their own: a stack
      // holds at most 500 resources, and routes are most of them. The main stack then grows by one resource per
      // module, not one per route.
      const routesStack = new NestedStack(this, `${mod.module}Routes`, {
        description: `coalsafe API routes of module ${mod.module}`,
      });
      this.routeStacks.set(mod.module, routesStack);
      for (const route of mod.routes) {
        const isPublic = route.roles === 'public';
        const httpRoute = new apigw.HttpRoute(routesStack, route.operationId, {
          httpApi: this.httpApi,
          routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
          integration,
          authorizer: isPublic ? noAuth : authorizer,
        });
        if (isPublic) {
          publicRoutes.push({ key: routeKey(route), route: httpRoute });
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${routeKey(route)} is public by design (roles: 'public' in the route table): ${route.summary}`,
          });
        }
      }
    }
    this.throttlePublicRoutes(publicRoutes, props.publicThrottle ?? PUBLIC_ROUTE_THROTTLE);
  }

  /**
   * Route settings on the stage for each public route. The HttpStage construct has no per-route settings, so they
   * go on its CfnStage. A route setting names an existing route by its key (API Gateway refuses the stage otherwise),
   * so the stage is created after those routes.
   */
  private throttlePublicRoutes(
    routes: readonly { key: string; route: apigw.HttpRoute }[],
    limit: ThrottleSettings,
  ): void {
    if (routes.length === 0) return;
    const cfnStage = this.stage.node.defaultChild as apigw.CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      routes.map(({ key }) => [key, { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit }]),
    );
    for (const { route } of routes) this.stage.node.addDependency(route.node.defaultChild ?? route);
  }

  /** The function of a handler module, for grants only that module needs; undefined when the table has no such module. */
  functionFor(module: string): CoalsafeFunction | undefined {
    return this.byModule.get(module);
  }

  get url(): string {
    return this.stage.url;
  }
}
