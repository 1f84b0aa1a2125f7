/**
 * The web dashboard: the built app in a private S3 bucket, served by CloudFront, with the API behind the same
 * distribution (`/v1/*` and the reference pages go to the HTTP API), so the app calls its own origin and needs no
 * CORS. CloudFront reads the bucket through Origin Access Control; nothing else can.
 *
 * Deployment: the hashed files under `assets/` first, cached for good and never pruned (a page loaded before a
 * deployment still finds the lazy chunks it names); then `index.html` and `config.json`, which browsers and
 * CloudFront revalidate, so a new deployment is live without an invalidation. `config.json` tells the app how to
 * sign in (the hosted sign-in domain, the client, the URL to come back to); its values are known at deploy time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, DefaultStackSynthesizer, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { IMMUTABLE_CACHE, REVALIDATE, webContentSecurityPolicy } from '#lib/build/web-headers.ts';
import type { ApiModule } from '#lib/http/route-spec.ts';
import type { CoalsafeApi } from './coalsafe-api.ts';
import type { UserDirectory } from './user-directory.ts';

export interface WebAppProps {
  /** The built app (`index.html` and `assets/`), as `writeWebApp` (lib/build/web-app.ts) writes it. */
  readonly siteDir: string;
  readonly api: CoalsafeApi;
  /** The route table, for the paths CloudFront sends to the API. */
  readonly modules: readonly ApiModule[];
  readonly users: UserDirectory;
  /** Origins the dashboard uploads evidence files to and downloads them from (the evidence bucket's endpoint). */
  readonly evidenceOrigins?: readonly string[];
}

/** What `config.json` tells the app in AWS. */
export interface DeployedWebConfig {
  readonly auth: 'cognito';
  /** The hosted sign-in origin, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly cognitoDomain: string;
  readonly clientId: string;
  /** The dashboard's own URL, registered as the client's callback and sign-out URL. */
  readonly redirectUri: string;
  /** Cognito's user API, `https://cognito-idp.<region>.amazonaws.com/`: the 两步验证 page enrols TOTP there. */
  readonly idpEndpoint: string;
}

/**
 * The path patterns CloudFront sends to the API, from the route table: `/v1/*` for the versioned API, and each
 * route outside it (`/openapi.json`, `/docs`) by its path.
 */
export const apiPathPatterns = (modules: readonly ApiModule[]): string[] => [
  ...new Set(
    modules.flatMap((m) =>
      m.routes.map((r) => (r.path.startsWith('/v1/') ? '/v1/*' : r.path.replace(/\{[^}]+\}/g, '*'))),
    ),
  ),
];

export class WebApp extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>/` */
  readonly url: string;
  readonly config: DeployedWebConfig;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds only the built dashboard (public code, no data), written by the deployment and read by CloudFront alone (OAC); server access logs would record nothing worth keeping.',
    });

    const siteHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SiteHeaders', {
      comment:
        'coalsafe dashboard: CSP (scripts from the site, calls to the site, sign-in and Cognito API), no framing, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: webContentSecurityPolicy(
            // The Cognito API: the 两步验证 page posts to it.
            [props.users.signInOrigin, props.users.idpOrigin],
            props.evidenceOrigins,
          ),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    // The API over the same origin: nothing cached, every header but Host passed on (API Gateway routes by its own
    // host name; the Authorization header reaches it because caching is disabled), HTTPS only since a redirect
    // would turn a POST into a GET.
    const apiDomain = `${props.api.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: new origins.HttpOrigin(apiDomain, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'coalsafe web dashboard and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: siteHeaders,
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns(props.modules).map((pattern) => [pattern, apiBehavior])),
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: bureau staff sign in from wherever they work, and the API checks every token and its jurisdiction.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL yet: a CloudFront web ACL lives in us-east-1 (a stack of its own); the API is throttled at its stage, with public routes tighter, and every other route needs a Cognito token.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'The API behind /v1/* keeps its own access log at the API Gateway stage (every call, with the caller); the rest is the static dashboard, whose requests carry no data worth a log bucket with ACLs.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'Served on the default *.cloudfront.net certificate until the bureau has its own domain, which fixes the viewer minimum at TLSv1; with a domain and certificate the policy becomes TLSv1.2_2021.',
      },
    );

    this.url = `https://${this.distribution.distributionDomainName}/`;
    props.users.allowWebApp(this.url);
    this.config = {
      auth: 'cognito',
      cognitoDomain: props.users.signInOrigin,
      clientId: props.users.client.userPoolClientId,
      redirectUri: this.url,
      idpEndpoint: props.users.idpEndpoint,
    };

    // One function serves both deployments (a singleton); its log group is kept like every other.
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const assets = new s3deploy.BucketDeployment(this, 'Assets', {
      sources: [s3deploy.Source.asset(join(props.siteDir, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(IMMUTABLE_CACHE)],
      logGroup,
      memoryLimit: 256,
    });
    const page = new s3deploy.BucketDeployment(this, 'Page', {
      sources: [
        s3deploy.Source.data('index.html', readFileSync(join(props.siteDir, 'index.html'), 'utf8')),
        s3deploy.Source.jsonData('config.json', this.config),
      ],
      destinationBucket: this.bucket,
      // Pruning here would delete the assets of the deployment above.
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(REVALIDATE)],
      logGroup,
      memoryLimit: 256,
    });
    // The page names assets by hash: they are in the bucket before it is.
    page.node.addDependency(assets);

    this.acknowledgeDeploymentFunction(assets);
  }

  /**
   * The deployment function is CDK's own (a singleton at the stack's root, shared by both deployments): its
   * findings are about code and permissions CDK writes, acknowledged here on its role and function.
   */
  private acknowledgeDeploymentFunction(deployment: s3deploy.BucketDeployment): void {
    const role = deployment.handlerRole;
    const stack = Stack.of(this);
    const siteBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const copy =
      "CDK's deployment function copies the build from the CDK asset bucket to the site bucket, with the S3 actions CDK grants for that";
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's deployment function writes its logs with the basic execution role; it runs only during a deployment.",
      },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${copy}: ${action} on those two buckets only.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        reason: `${copy}: any object of the CDK asset bucket, where the build is uploaded under a content hash.`,
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${siteBucket}.Arn>/*]`,
        reason: `${copy}: any object of the site bucket, which holds the dashboard and nothing else.`,
      },
    );
    const fn = role.node.scope;
    if (fn) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: "CDK's own deployment function, on the runtime CDK pins for it; it runs only during a deployment.",
      });
    }
  }
}
