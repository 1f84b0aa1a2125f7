/**
 * The web dashboard in the template: a private bucket only CloudFront reads, a distribution that serves the app and
 * sends the API's paths to the HTTP API uncached, the two deployments with their cache headers and the deploy-time
 * config.json, and the Cognito client that comes back to the dashboard's URL. One synthesis, as `cdk synth` does.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, describe, expect, it } from 'vitest';
import { apiPathPatterns } from '#cdk/constructs/web-app.ts';
import { ALL_ROUTES, API_MODULES } from '#functions/api/routes.ts';
import { writeWebApp } from '#lib/build/web-app.ts';
import { IMMUTABLE_CACHE } from '#lib/build/web-headers.ts';
import {
  complianceFindings,
  handlerFunctions,
  isCustomResourceFunction,
  isSiteDeploymentFunction,
  logicalId,
  synthesize,
} from './support.ts';

const { app, stack, template } = synthesize();
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties?: any; DependsOn?: string[] }
>;

const bucketId = logicalId(stack.web.bucket);
const distributionId = logicalId(stack.web.distribution);
const clientId = logicalId(stack.users.client);
const domainId = logicalId(stack.users.domain);
const httpApiId = logicalId(stack.api.httpApi);
const distribution = resources[distributionId]!.Properties.DistributionConfig;
const dashboardUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] };

/** Whether a CloudFront path pattern (`*` any characters) matches a route's path, parameters filled in. */
const patternMatches = (pattern: string, path: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(
    path.replace(/\{[^}]+\}/g, 'x'),
  );

describe('site bucket', () => {
  const bucket = resources[bucketId]!.Properties;
  const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
    (p) => p.Properties.Bucket.Ref === bucketId,
  )!.Properties;

  it('blocks every kind of public access, has no website endpoint and no ACLs', () => {
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  });

  it('is read by this distribution alone, through Origin Access Control, and refuses requests without TLS', () => {
    const statements = policy.PolicyDocument.Statement as any[];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: {
        StringEquals: { 'AWS:SourceArn': { 'Fn::Join': ['', expect.arrayContaining([{ Ref: distributionId }])] } },
      },
    });
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );

    const [oac] = Object.values(template.findResources('AWS::CloudFront::OriginAccessControl')).map(
      (r) => r.Properties.OriginAccessControlConfig,
    );
    expect(oac).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const siteOrigin = (distribution.Origins as any[]).find((o) => o.DomainName['Fn::GetAtt']?.[0] === bucketId);
    expect(siteOrigin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(siteOrigin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });
});

describe('distribution', () => {
  const apiOrigin = (distribution.Origins as any[]).find((o) => JSON.stringify(o.DomainName).includes('.execute-api.'));
  const behaviours = distribution.CacheBehaviors as any[];

  it('serves index.html at the root, over HTTPS (HTTP is redirected), GET and HEAD only, compressed', () => {
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
      CachePolicyId: cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
    });
    expect(distribution.DefaultCacheBehavior.TargetOriginId).not.toBe(apiOrigin.Id);
  });

  it('adds the security headers: a CSP that allows the site and the sign-in domain, no framing, HSTS', () => {
    const policyId = distribution.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref;
    const config = resources[policyId]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(config.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' https://",{"Ref":"${domainId}"},".auth."`);
    // The Cognito API, which the 两步验证 page calls with the user's access token: connect-src, partition-aware.
    const connect = csp.slice(csp.indexOf('connect-src'), csp.indexOf('form-action'));
    expect(connect).toContain(' https://cognito-idp.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"},"');
    expect(config).toMatchObject({
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true },
    });
  });

  it('sends /v1/*, /openapi.json and /docs to the HTTP API: HTTPS only, every method, caching disabled, all viewer headers but Host', () => {
    expect(apiOrigin.DomainName).toEqual({
      'Fn::Join': ['', [{ Ref: httpApiId }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    });
    expect(apiOrigin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/docs', '/openapi.json', '/v1/*']);
    for (const b of behaviours) {
      expect(b, b.PathPattern).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
        CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      });
      expect(b.AllowedMethods).toHaveLength(7);
    }
  });

  it('leaves no route of the route table to the bucket', () => {
    const patterns = apiPathPatterns(API_MODULES);
    for (const route of ALL_ROUTES)
      expect(
        patterns.some((p) => patternMatches(p, route.path)),
        route.path,
      ).toBe(true);
    expect(patterns.some((p) => patternMatches(p, '/'))).toBe(false);
    expect(patterns.some((p) => patternMatches(p, '/assets/main-ABC.js'))).toBe(false);
    expect(patterns.some((p) => patternMatches(p, '/config.json'))).toBe(false);
  });
});

describe('deployment', () => {
  const deployments = Object.entries(template.findResources('Custom::CDKBucketDeployment'));
  const byPrefix = (prefix: string | undefined) =>
    deployments.find(([, d]) => d.Properties.DestinationBucketKeyPrefix === prefix)!;
  const [assetsId, assets] = byPrefix('assets/');
  const [, page] = byPrefix(undefined);

  it('copies the hashed files to assets/, cached for good and never pruned', () => {
    expect(assets.Properties).toMatchObject({
      DestinationBucketName: { Ref: bucketId },
      Prune: false,
      SystemMetadata: { 'cache-control': IMMUTABLE_CACHE },
    });
  });

  it('then index.html and config.json, revalidated on every load, after the assets they name', () => {
    expect(page.Properties).toMatchObject({
      DestinationBucketName: { Ref: bucketId },
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
    expect(page.Properties.SourceObjectKeys).toHaveLength(2);
    expect(page.DependsOn).toContain(assetsId);
  });

  it('writes config.json with the sign-in domain, the client, the dashboard URL and the Cognito API, filled in at deploy time', () => {
    const markers = Object.assign({}, ...(page.Properties.SourceMarkers as object[])) as Record<string, unknown>;
    const marker = (value: unknown) =>
      Object.entries(markers).find(([, v]) => JSON.stringify(v) === JSON.stringify(value))?.[0];
    const [domain, region, client, distributionDomain, urlSuffix] = [
      { Ref: domainId },
      { Ref: 'AWS::Region' },
      { Ref: clientId },
      { 'Fn::GetAtt': [distributionId, 'DomainName'] },
      { Ref: 'AWS::URLSuffix' },
    ].map(marker);
    expect([domain, region, client, distributionDomain, urlSuffix].every((m) => m !== undefined)).toBe(true);

    const key = (page.Properties.SourceObjectKeys as string[]).find((k) =>
      existsSync(join(app.outdir, `asset.${k.replace(/\.zip$/, '')}`, 'config.json')),
    );
    expect(key, 'the staged config.json').toBeDefined();
    const config = JSON.parse(
      readFileSync(join(app.outdir, `asset.${key!.replace(/\.zip$/, '')}`, 'config.json'), 'utf8'),
    );
    // The region is used twice, and each use has a marker of its own.
    const regions = Object.entries(markers)
      .filter(([, v]) => JSON.stringify(v) === JSON.stringify({ Ref: 'AWS::Region' }))
      .map(([k]) => k);
    expect(regions).toHaveLength(2);
    expect(config).toEqual({
      auth: 'cognito',
      cognitoDomain: `https://${domain}.auth.${region}.amazoncognito.com`,
      clientId: client,
      redirectUri: `https://${distributionDomain}/`,
      idpEndpoint: expect.stringMatching(/^https:\/\/cognito-idp\./),
    });
    expect(regions.map((r) => `https://cognito-idp.${r}.${urlSuffix}/`)).toContain(config.idpEndpoint);
  });

  it("adds only CDK's deployment function to the handlers' functions, with a kept log group", () => {
    const all = Object.keys(template.findResources('AWS::Lambda::Function'));
    const extra = all.filter((id) => !(id in handlerFunctions(template)) && !isCustomResourceFunction(id));
    expect(extra).toHaveLength(1);
    expect(isSiteDeploymentFunction(extra[0]!)).toBe(true);
    const fn = resources[extra[0]!]!.Properties;
    expect(resources[fn.LoggingConfig.LogGroup.Ref]!.Properties.RetentionInDays).toBeGreaterThan(0);
  });
});

describe('sign-in', () => {
  const client = resources[clientId]!.Properties;

  it('the web client uses the authorization code flow with openid, email, profile and the user API scope, and no secret', () => {
    expect(client).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
    });
    // aws.cognito.signin.user.admin: the access token may enrol TOTP for its own user (the 两步验证 page).
    expect([...client.AllowedOAuthScopes].sort()).toEqual([
      'aws.cognito.signin.user.admin',
      'email',
      'openid',
      'profile',
    ]);
    // The scope lets a user change their own writable attributes: the claims the API trusts stay out of them.
    expect(client.WriteAttributes).toEqual(['name']);
  });

  it('comes back to the dashboard URL after signing in and after signing out', () => {
    expect(client.CallbackURLs).toEqual([dashboardUrl]);
    expect(client.LogoutURLs).toEqual([dashboardUrl]);
  });

  it('has hosted sign-in pages on coalsafe-<account>, or the prefix the stack is given', () => {
    expect(resources[domainId]!.Properties).toMatchObject({
      Domain: { 'Fn::Join': ['', ['coalsafe-', { Ref: 'AWS::AccountId' }]] },
      UserPoolId: { Ref: logicalId(stack.users.userPool) },
    });
    const { stack: other, template: otherTemplate } = synthesize({ authDomainPrefix: 'mkaq-hegang' });
    expect(otherTemplate.toJSON().Resources[logicalId(other.users.domain)].Properties.Domain).toBe('mkaq-hegang');
  });

  it('exports the dashboard URL and the sign-in domain', () => {
    expect(template.findOutputs('WebUrl').WebUrl?.Value).toEqual(dashboardUrl);
    expect(Object.keys(template.findOutputs('*'))).toContain('SignInDomain');
  });
});

describe('the template as a whole', () => {
  it('has no dependency cycle (client → distribution → API → authorizer → client is broken by the lazy callback URL)', () => {
    const edges = new Map<string, Set<string>>();
    const refs = (value: unknown, out: Set<string>): void => {
      if (Array.isArray(value)) for (const v of value) refs(v, out);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'Ref' && typeof v === 'string' && v in resources) out.add(v);
          else if (k === 'Fn::GetAtt' && Array.isArray(v) && typeof v[0] === 'string' && v[0] in resources)
            out.add(v[0]);
          else refs(v, out);
        }
      }
    };
    for (const [id, r] of Object.entries(resources)) {
      const out = new Set<string>(r.DependsOn ?? []);
      refs(r.Properties, out);
      edges.set(id, out);
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycle: string[] = [];
    const visit = (id: string, path: string[]): boolean => {
      if (state.get(id) === 'done') return false;
      if (state.get(id) === 'visiting') {
        cycle.push(...path.slice(path.indexOf(id)), id);
        return true;
      }
      state.set(id, 'visiting');
      for (const next of edges.get(id) ?? []) if (visit(next, [...path, id])) return true;
      state.set(id, 'done');
      return false;
    };
    for (const id of edges.keys()) if (visit(id, [])) break;
    expect(cycle).toEqual([]);
    // The chain the construct order has to respect is there, in one direction.
    expect(edges.get(clientId)).toContain(distributionId);
    expect(edges.get(distributionId)).toContain(httpApiId);
  });

  it('leaves no unacknowledged cdk-nag finding on the dashboard or its deployment', () => {
    const mine = (f: string) => f.includes('/Web/') || f.includes('CDKBucketDeployment') || f.includes('/Users/');
    expect(complianceFindings(app, 'error').filter(mine)).toEqual([]);
    expect(complianceFindings(app, 'warning').filter(mine)).toEqual([]);
  });
});

describe('the built app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coalsafe-web-infra-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the layout the deployments copy: index.html at the root, everything else under assets/', async () => {
    await writeWebApp(dir);
    expect(readdirSync(dir).sort()).toEqual(['assets', 'index.html']);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const [, path] of html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g))
      expect(existsSync(join(dir, path!)), path).toBe(true);
  });
});
