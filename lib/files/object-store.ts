import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * The evidence bucket: presigned POSTs the browser uploads with, presigned GETs it downloads with, and what the API
 * itself reads back (size, type, version, SHA-256). EVIDENCE_BUCKET names the bucket; S3_ENDPOINT, when set, is the
 * local S3-compatible server `npm start` runs (path-style URLs, the local credentials), as DYNAMODB_ENDPOINT is for
 * the table.
 */
export interface UploadForm {
  /** Where the browser POSTs the form. */
  readonly url: string;
  /** The form fields, in order, before the file. */
  readonly fields: Record<string, string>;
}

export interface StoredObject {
  readonly size: number;
  readonly contentType: string | undefined;
  readonly versionId: string | undefined;
}

export interface ObjectStore {
  readonly bucket: string;
  /** A form that can upload exactly this key, type and size until it expires. */
  uploadForm(input: {
    key: string;
    contentType: string;
    size: number;
    /** Hex; the bucket refuses a file whose content does not have it. */
    sha256: string;
    expiresInSeconds: number;
  }): Promise<UploadForm>;
  /** What is stored under the key (its latest version), or undefined when nothing is. */
  head(key: string): Promise<StoredObject | undefined>;
  /** The SHA-256 (hex) of one version's content, read through once. */
  sha256(key: string, versionId: string | undefined): Promise<string>;
  /** A link that downloads one version under its own name, valid for a few minutes. */
  downloadUrl(input: {
    key: string;
    versionId: string | undefined;
    fileName: string;
    contentType: string;
    expiresInSeconds: number;
  }): Promise<string>;
}

export function createObjectStore(options: { bucket: string; client: S3Client }): ObjectStore {
  const { bucket, client } = options;
  return {
    bucket,
    async uploadForm({ key, contentType, size, sha256, expiresInSeconds }) {
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        // The checksum makes the bucket check the content itself (and an object-locked bucket wants one).
        Fields: { 'Content-Type': contentType, 'x-amz-checksum-sha256': Buffer.from(sha256, 'hex').toString('base64') },
        // The policy fixes the key, the type, the size to the byte and the content the caller declared.
        Conditions: [
          ['eq', '$key', key],
          ['eq', '$Content-Type', contentType],
          ['content-length-range', size, size],
        ],
        Expires: expiresInSeconds,
      });
      return { url, fields };
    },
    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: out.ContentLength ?? 0, contentType: out.ContentType, versionId: out.VersionId };
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
        throw error;
      }
    },
    async sha256(key, versionId) {
      const out = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
      );
      const hash = createHash('sha256');
      for await (const chunk of out.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    },
    async downloadUrl({ key, versionId, fileName, contentType, expiresInSeconds }) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
          ResponseContentType: contentType,
          ResponseContentDisposition: contentDisposition(fileName),
        }),
        { expiresIn: expiresInSeconds },
      );
    },
  };
}

/** `attachment` with the original (Chinese) name, RFC 6266/5987, and a plain ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

let shared: ObjectStore | undefined;

/** The handlers' evidence bucket: EVIDENCE_BUCKET, and S3_ENDPOINT when running against the local S3 server. */
export function objectStoreFromEnv(): ObjectStore {
  if (!shared) {
    const bucket = process.env.EVIDENCE_BUCKET;
    if (!bucket) throw new Error('EVIDENCE_BUCKET is not set');
    const endpoint = process.env.S3_ENDPOINT;
    const client = new S3Client(
      endpoint
        ? {
            endpoint,
            forcePathStyle: true,
            region: process.env.AWS_REGION ?? 'local',
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {},
    );
    shared = createObjectStore({ bucket, client });
  }
  return shared;
}
