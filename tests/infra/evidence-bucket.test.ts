/**
 * The evidence bucket as DESIGN promises it: private, encrypted, versioned, object lock in GOVERNANCE mode with the
 * configured retention, Standard-IA after 30 days, access logs, CORS for the dashboard only (set after CloudFront
 * exists, no cycle), and only the evidence function may touch `mines/*`, with no delete.
 */
import { describe, expect, it } from 'vitest';
import { EVIDENCE_MODULE, PUBLIC_TIPOFFS_MODULE, TIPOFFS_MODULE } from '#cdk/coalsafe-stack.ts';
import {
  DEFAULT_EVIDENCE_RETENTION_DAYS,
  EVIDENCE_ACTIONS,
  EVIDENCE_BUCKET_ENV,
  TIPOFF_READ_ACTIONS,
  TIPOFF_UPLOAD_ACTIONS,
} from '#cdk/constructs/evidence-bucket.ts';
import type { ApiModule } from '#lib/http/route-spec.ts';
import {
  actionsOf,
  complianceFindings,
  functionId,
  handlerFunctions,
  isCustomResourceFunction,
  logicalId,
  policyStatements,
  roleId,
  synthesize,
} from './support.ts';

const route = (module: string, path: string) => ({
  operationId: `get${module}`,
  method: 'GET' as const,
  path,
  roles: ['inspector' as const],
  summary: module,
  tag: module,
});
const THINGS: ApiModule = { module: 'things', routes: [route('things', '/v1/things')] };
const EVIDENCE: ApiModule = { module: EVIDENCE_MODULE, routes: [route('evidence', '/v1/mines/{mineId}/evidence')] };

const withEvidence = synthesize({ apiModules: [THINGS, EVIDENCE], jobs: [], queues: [] });
const { stack, template } = withEvidence;
const bucketId = logicalId(stack.evidence.bucket);
const bucket = template.toJSON().Resources[bucketId];

describe('evidence bucket', () => {
  it('blocks public access, takes TLS only, owns its objects', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === bucketId,
    );
    const denies = policy?.Properties.PolicyDocument.Statement.filter((s: { Effect: string }) => s.Effect === 'Deny');
    expect(denies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      ]),
    );
  });

  it('is encrypted at rest with S3-managed keys', () => {
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  it('is versioned, with object lock in GOVERNANCE mode for the default retention, and kept on stack deletion', () => {
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.ObjectLockEnabled).toBe(true);
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: DEFAULT_EVIDENCE_RETENTION_DAYS } },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('takes the retention from the stack props (the CDK context) and refuses a retention that is not whole days', () => {
    const { stack: custom, template: t } = synthesize({
      apiModules: [THINGS],
      jobs: [],
      queues: [],
      evidenceRetentionDays: 365,
    });
    expect(t.toJSON().Resources[logicalId(custom.evidence.bucket)].Properties.ObjectLockConfiguration.Rule).toEqual({
      DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 },
    });
    for (const days of [0, 1.5, Number.NaN])
      expect(() => synthesize({ apiModules: [THINGS], jobs: [], queues: [], evidenceRetentionDays: days })).toThrow(
        /evidenceRetentionDays/,
      );
  });

  it('moves objects and older versions to Standard-IA after 30 days', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
        NoncurrentVersionTransitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
      }),
    ]);
  });

  it('logs server access to its own private log bucket', () => {
    const logsId = logicalId(stack.evidence.accessLogs);
    expect(bucket.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logsId },
      LogFilePrefix: 'evidence/',
    });
    const logs = template.toJSON().Resources[logsId];
    expect(logs.Properties.PublicAccessBlockConfiguration.BlockPublicAcls).toBe(true);
    expect(logs.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual(
      { SSEAlgorithm: 'AES256' },
    );
  });
});

describe('CORS for the dashboard', () => {
  const cors = Object.values(template.findResources('Custom::EvidenceBucketCors'));

  it('puts one rule after the distribution exists: the dashboard origin only, GET, HEAD and POST', () => {
    expect(cors).toHaveLength(1);
    const create = JSON.stringify(cors[0]!.Properties.Create);
    const distributionId = logicalId(stack.web.distribution);
    expect(create).toContain('putBucketCors');
    expect(create).toContain(distributionId);
    expect(create).toContain(bucketId);
    expect(create).toContain('\\"AllowedMethods\\":[\\"GET\\",\\"HEAD\\",\\"POST\\"]');
    expect(create).toContain('\\"ExposeHeaders\\":[\\"ETag\\",\\"x-amz-version-id\\"]');
    expect(create).not.toContain('\\"*\\"],\\"AllowedMethods');
    expect(bucket.Properties.CorsConfiguration).toBeUndefined();
  });

  it("lets the custom resource's function set this bucket's CORS and nothing else", () => {
    const statements = policyStatements(template).filter(({ statement }) =>
      actionsOf(statement).some((a) => a.toLowerCase() === 's3:putbucketcors'),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]!.statement).toMatchObject({
      Action: 's3:PutBucketCORS',
      Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
    });
  });

  it("the dashboard's CSP lets it call the bucket's regional endpoint", () => {
    const policy = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0];
    const csp = JSON.stringify(
      policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
    );
    expect(csp).toMatch(/connect-src 'self' https:\/\/[^;]*https:\/\//);
    expect(csp).toContain(`"${bucketId}","RegionalDomainName"`);
  });
});

describe('evidence access', () => {
  const evidenceFn = stack.api.functionFor(EVIDENCE_MODULE)!;

  it("runs CDK's custom resource function with a kept log group", () => {
    const resources = template.toJSON().Resources;
    const fns = Object.keys(template.findResources('AWS::Lambda::Function')).filter(isCustomResourceFunction);
    expect(fns).toHaveLength(1);
    const logGroup = resources[fns[0]!].Properties.LoggingConfig.LogGroup.Ref;
    expect(resources[logGroup].Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('gives the bucket name to the evidence function only', () => {
    for (const [id, fn] of Object.entries(handlerFunctions(template))) {
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      if (id === functionId(evidenceFn)) expect(env[EVIDENCE_BUCKET_ENV]).toEqual({ Ref: bucketId });
      else expect(env).not.toHaveProperty(EVIDENCE_BUCKET_ENV);
    }
  });

  it('lets the evidence function put, get and get a version under mines/ only; nobody may delete or bypass the lock', () => {
    const onBucket = policyStatements(template).filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(bucketId),
    );
    const grants = onBucket.filter(({ statement }) =>
      actionsOf(statement).some((a) => a.startsWith('s3:') && a !== 's3:PutBucketCORS'),
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]!.roles).toEqual([roleId(evidenceFn)]);
    expect(new Set(actionsOf(grants[0]!.statement))).toEqual(new Set(EVIDENCE_ACTIONS));
    expect(grants[0]!.statement.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/mines/*']],
    });
    const everyAction = onBucket.flatMap(({ statement }) => actionsOf(statement));
    expect(policyStatements(template).flatMap(({ statement }) => actionsOf(statement))).not.toContain('s3:*');
    expect(
      everyAction.filter((a) => /^s3:(DeleteObject|BypassGovernanceRetention|PutObjectRetention|\*)/i.test(a)),
    ).toEqual([]);
  });

  it('leaves no unacknowledged cdk-nag error or warning', () => {
    expect([
      ...complianceFindings(withEvidence.app, 'error'),
      ...complianceFindings(withEvidence.app, 'warning'),
    ]).toEqual([]);
  });
});

describe('without an evidence module', () => {
  it('synthesizes (no cycle) with the bucket, and gives its name to no function', () => {
    const { template: t } = synthesize({ apiModules: [THINGS], jobs: [], queues: [] });
    for (const fn of Object.values(handlerFunctions(t)))
      expect(fn.Properties.Environment.Variables).not.toHaveProperty(EVIDENCE_BUCKET_ENV);
    expect(Object.keys(t.findResources('Custom::EvidenceBucketCors'))).toHaveLength(1);
  });
});

describe('tip-off files (tipoffs/*)', () => {
  const TIPOFFS: ApiModule = { module: TIPOFFS_MODULE, routes: [route('tipoffs', '/v1/tipoffs')] };
  const PUBLIC_TIPOFFS: ApiModule = {
    module: PUBLIC_TIPOFFS_MODULE,
    routes: [{ ...route('publicTipoffs', '/v1/public/tipoffs/districts'), roles: 'public' as const }],
  };
  const all = synthesize({ apiModules: [THINGS, EVIDENCE, TIPOFFS, PUBLIC_TIPOFFS], jobs: [], queues: [] });
  const t = all.template;
  const id = logicalId(all.stack.evidence.bucket);
  const fnOf = (module: string) => all.stack.api.functionFor(module)!;
  const onObjects = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, `/${prefix}*`]] });
  const grants = () =>
    policyStatements(t).filter(
      ({ statement }) =>
        JSON.stringify(statement.Resource).includes(id) &&
        actionsOf(statement).some((a) => a.startsWith('s3:') && a !== 's3:PutBucketCORS'),
    );

  it('gives the bucket name to the evidence, the public tip-off and the bureau tip-off functions, no other', () => {
    const named = [EVIDENCE_MODULE, TIPOFFS_MODULE, PUBLIC_TIPOFFS_MODULE].map((m) => functionId(fnOf(m)));
    for (const [fid, fn] of Object.entries(handlerFunctions(t))) {
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      if (named.includes(fid)) expect(env[EVIDENCE_BUCKET_ENV]).toEqual({ Ref: id });
      else expect(env).not.toHaveProperty(EVIDENCE_BUCKET_ENV);
    }
  });

  it('the public function may put, get and get a version under tipoffs/ only; the bureau function only read there', () => {
    const byRole = new Map(grants().map((g) => [JSON.stringify(g.roles), g.statement]));
    expect(grants()).toHaveLength(3);
    const publicGrant = byRole.get(JSON.stringify([roleId(fnOf(PUBLIC_TIPOFFS_MODULE))]))!;
    expect(new Set(actionsOf(publicGrant))).toEqual(new Set(TIPOFF_UPLOAD_ACTIONS));
    expect(publicGrant.Resource).toEqual(onObjects('tipoffs/'));
    const bureauGrant = byRole.get(JSON.stringify([roleId(fnOf(TIPOFFS_MODULE))]))!;
    expect(new Set(actionsOf(bureauGrant))).toEqual(new Set(TIPOFF_READ_ACTIONS));
    expect(actionsOf(bureauGrant)).not.toContain('s3:PutObject');
    expect(bureauGrant.Resource).toEqual(onObjects('tipoffs/'));
  });

  it("leaves the evidence function's grant as it was: put, get, get a version under mines/ only", () => {
    const evidence = grants().filter(
      (g) => JSON.stringify(g.roles) === JSON.stringify([roleId(fnOf(EVIDENCE_MODULE))]),
    );
    expect(evidence).toHaveLength(1);
    expect(new Set(actionsOf(evidence[0]!.statement))).toEqual(new Set(EVIDENCE_ACTIONS));
    expect(evidence[0]!.statement.Resource).toEqual(onObjects('mines/'));
    // Nobody but the evidence function reaches mines/, nobody deletes.
    const minesGrants = grants().filter((g) => JSON.stringify(g.statement.Resource).includes('/mines/'));
    expect(minesGrants).toHaveLength(1);
    expect(
      grants()
        .flatMap((g) => actionsOf(g.statement))
        .filter((a) => /^s3:(DeleteObject|BypassGovernanceRetention|PutObjectRetention|\*)/i.test(a)),
    ).toEqual([]);
  });

  it('leaves no unacknowledged cdk-nag error or warning', () => {
    expect([...complianceFindings(all.app, 'error'), ...complianceFindings(all.app, 'warning')]).toEqual([]);
  });
});
