/**
 * The evidence bucket: photos, PDFs and office files of inspections, hazards and cases, uploaded from the browser
 * straight to S3 with a presigned POST (the policy fixes the key under `mines/<mineId>/`, the Content-Type and the
 * size) and read back with short-lived presigned GETs.
 *
 * - Private: public access blocked, TLS only, objects owned by the bucket owner (no ACLs).
 * - Encrypted with S3-managed keys (SSE-S3): access is decided by IAM and by the presigned URLs the API hands out;
 *   a customer-managed KMS key would add a key policy that every uploader and reader must also pass
 *   (kms:GenerateDataKey on a presigned POST, kms:Decrypt on each download) and a KMS request per object, with
 *   nothing more to protect here than what the bucket policy already does. A bureau that needs key-level audit
 *   can switch to KMS with those grants.
 * - Versioned, with object lock and a default retention in GOVERNANCE mode: evidence cannot be overwritten or
 *   deleted during the retention (a delete adds a delete marker; removing a version needs
 *   s3:BypassGovernanceRetention, which no function has).
 * - Objects and older versions move to Standard-IA after 30 days: evidence is read when a case is reviewed, rarely
 *   after.
 * - Server access logs to a log bucket of their own (who read which file, besides CloudTrail).
 * - CORS for the dashboard's origin only (GET, HEAD, POST), set by a custom resource once the distribution exists:
 *   the API functions name the bucket, CloudFront depends on the API, so the bucket itself cannot name
 *   CloudFront's domain without a cycle.
 */
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** How long an evidence object is locked by default (context `evidenceRetentionDays`): ten years. */
export const DEFAULT_EVIDENCE_RETENTION_DAYS = 3650;
/** Evidence keys all start with this (`mines/<mineId>/…`); functions may touch nothing else. */
export const EVIDENCE_PREFIX = 'mines/';
/** What the evidence routes do with objects: upload (the presigned POST is signed as the function), read, read a version. */
export const EVIDENCE_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion'] as const;
/** Tip-off files all start with this (`tipoffs/<tipoffId>/<index>`). */
export const TIPOFF_FILES_PREFIX = 'tipoffs/';
/** The public tip-off routes: sign the visitor's upload form, read the stored file back (a version) at confirmation. */
export const TIPOFF_UPLOAD_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion'] as const;
/** The bureau's tip-off routes: sign a download of the checked version; no upload. */
export const TIPOFF_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'] as const;
export const EVIDENCE_CORS_METHODS = ['GET', 'HEAD', 'POST'] as const;
export const EVIDENCE_CORS_EXPOSE_HEADERS = ['ETag', 'x-amz-version-id'] as const;
/** Environment variable with the bucket's name, read by the evidence routes. */
export const EVIDENCE_BUCKET_ENV = 'EVIDENCE_BUCKET';

export interface EvidenceBucketProps {
  /** Default object-lock retention in days (GOVERNANCE mode); DEFAULT_EVIDENCE_RETENTION_DAYS when unset. */
  readonly retentionDays?: number;
}

export class EvidenceBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps = {}) {
    super(scope, id);
    const days = props.retentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > 36500)
      throw new Error(`evidenceRetentionDays must be a whole number of days from 1 to 36500, not ${days}`);
    this.retentionDays = days;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Server access logging delivers only to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [
        {
          id: 'access-logs',
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          expiration: Duration.days(days),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The access log bucket of the evidence bucket: logging its own access would log the log deliveries.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(days)),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      lifecycleRules: [
        {
          id: 'infrequent-access',
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
          noncurrentVersionTransitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  get bucketName(): string {
    return this.bucket.bucketName;
  }

  /** Where the browser uploads to and downloads from: `https://<bucket>.s3.<region>.amazonaws.com`. */
  get origin(): string {
    return `https://${this.bucket.bucketRegionalDomainName}`;
  }

  /**
   * Lets the dashboard's origin (e.g. `https://<distribution>.cloudfront.net`) upload and download from the browser:
   * one CORS rule, put on the bucket by a custom resource after both exist. Its function may only set and remove
   * this bucket's CORS configuration.
   */
  allowBrowserOrigin(origin: string): cr.AwsCustomResource {
    const call = (action: 'putBucketCors' | 'deleteBucketCors', parameters: Record<string, unknown>) => ({
      service: 'S3',
      action,
      parameters: { Bucket: this.bucket.bucketName, ...parameters },
      physicalResourceId: cr.PhysicalResourceId.of(`${this.node.addr}-cors`),
    });
    const put = call('putBucketCors', {
      CORSConfiguration: {
        CORSRules: [
          {
            ID: 'dashboard',
            AllowedOrigins: [origin],
            AllowedMethods: [...EVIDENCE_CORS_METHODS],
            AllowedHeaders: ['*'],
            ExposeHeaders: [...EVIDENCE_CORS_EXPOSE_HEADERS],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    });
    const resource = new cr.AwsCustomResource(this, 'Cors', {
      resourceType: 'Custom::EvidenceBucketCors',
      onCreate: put,
      onUpdate: put,
      onDelete: call('deleteBucketCors', {}),
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'CorsLogs', { retention: logs.RetentionDays.THREE_MONTHS }),
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['s3:PutBucketCORS'], resources: [this.bucket.bucketArn] }),
      ]),
    });
    this.acknowledgeCustomResourceFunction();
    return resource;
  }

  /**
   * The evidence routes' access: upload, read and read a version, under `mines/` only; no delete, no listing, no
   * governance bypass.
   */
  grantEvidence(grantee: iam.IGrantable & { readonly role?: iam.IRole }): iam.Grant {
    return this.grantUnder(
      grantee,
      EVIDENCE_PREFIX,
      EVIDENCE_ACTIONS,
      'Evidence keys are mines/<mineId>/… with ids made at upload time; the handler checks the caller may act for that mine and signs a URL for that one key.',
    );
  }

  /**
   * The public tip-off routes: sign the visitor's upload form and read the stored file back, under `tipoffs/` only.
   * The bureau's tip-off routes: read (sign a download of) a checked version, under `tipoffs/` only.
   */
  grantTipoffFiles(grantee: iam.IGrantable & { readonly role?: iam.IRole }, use: 'upload' | 'read'): iam.Grant {
    return this.grantUnder(
      grantee,
      TIPOFF_FILES_PREFIX,
      use === 'upload' ? TIPOFF_UPLOAD_ACTIONS : TIPOFF_READ_ACTIONS,
      'Tip-off files are tipoffs/<tipoffId>/<index> with ids made at filing; the handler signs a URL for that one key after checking the upload token or the handler.',
    );
  }

  private grantUnder(
    grantee: iam.IGrantable & { readonly role?: iam.IRole },
    prefix: string,
    actions: readonly string[],
    reason: string,
  ): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      resourceArns: [this.bucket.arnForObjects(`${prefix}*`)],
    });
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const target = grantee.role ?? grantee.grantPrincipal;
    Validations.of(target as unknown as Construct).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
      reason,
    });
    return grant;
  }

  /** CDK's singleton function behind AwsCustomResource: its findings are about code CDK writes. */
  private acknowledgeCustomResourceFunction(): void {
    const stack = Stack.of(this);
    const singleton = stack.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
    if (!singleton) return;
    Validations.of(singleton).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's custom resource function writes its logs with the basic execution role; it runs only during a deployment.",
      },
      {
        id: 'AwsSolutions-L1',
        reason: "CDK's own custom resource function, on the runtime CDK pins for it; it runs only during a deployment.",
      },
    );
  }
}
