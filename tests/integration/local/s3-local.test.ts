import { createHash } from 'node:crypto';
// The local S3 server accepts what S3 accepts and refuses what S3 refuses, for the operations the evidence files
// use: a presigned POST from the SDK uploads, a tampered or expired one does not; SDK and presigned GETs read it
// back; versions stay; no version is deleted; CORS only for the dashboard's origin.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalS3, startLocalS3 } from '#local/s3/server.ts';

const BUCKET = 'coalsafe-evidence-test';
const ORIGIN = 'http://127.0.0.1:3999';
const MAX = 20 * 1024 * 1024;

let s3: LocalS3;
let client: S3Client;
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coalsafe-s3-'));
  s3 = await startLocalS3({ dataDir, buckets: [BUCKET], allowedOrigins: [ORIGIN] });
  client = new S3Client({
    endpoint: s3.endpoint,
    forcePathStyle: true,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

let n = 0;
const newKey = (name = 'photo.jpg') => `mines/mine-a/evidence/${++n}-${name}`;

const ticket = (key: string, contentType = 'image/jpeg', expires = 300): Promise<PresignedPost> =>
  createPresignedPost(client, {
    Bucket: BUCKET,
    Key: key,
    Conditions: [
      ['eq', '$Content-Type', contentType],
      ['content-length-range', 1, MAX],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: expires,
  });

const upload = async (
  post: PresignedPost,
  file: Uint8Array,
  change: (form: Record<string, string>) => Record<string, string> = (f) => f,
  headers: Record<string, string> = {},
) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(change({ ...post.fields }))) form.append(name, value);
  form.append('file', new Blob([file]), 'photo.jpg');
  return fetch(post.url, { method: 'POST', body: form, headers });
};

const errorOf = async (response: Response) => {
  const xml = await response.text();
  return {
    status: response.status,
    code: /<Code>([^<]*)<\/Code>/.exec(xml)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(xml)?.[1],
  };
};

const jpeg = (size: number, fill = 0xff) => new Uint8Array(size).fill(fill);

describe('POST Object with a presigned POST', () => {
  it('accepts a ticket from createPresignedPost; the SDK and a presigned GET read the object back', async () => {
    const key = newKey();
    const post = await ticket(key);
    expect(post.url).toBe(`${s3.endpoint}/${BUCKET}`);
    const response = await upload(post, jpeg(1000, 7));
    expect(response.status).toBe(204);
    const versionId = response.headers.get('x-amz-version-id');
    expect(versionId).toBeTruthy();
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);

    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head).toMatchObject({ ContentType: 'image/jpeg', ContentLength: 1000, VersionId: versionId });
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(Buffer.from(jpeg(1000, 7)));

    const url = await getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: key,
        VersionId: versionId!,
        ResponseContentDisposition: 'attachment; filename="photo.jpg"',
      }),
      { expiresIn: 60 },
    );
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="photo.jpg"');
    expect(download.headers.get('content-length')).toBe('1000');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(jpeg(1000, 7));
  });

  it('answers 201 with the PostResponse when success_action_status asks for it (and the policy names it)', async () => {
    const key = newKey();
    const post = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: key,
      Fields: { success_action_status: '201', 'Content-Type': 'application/pdf' },
      Conditions: [['content-length-range', 1, MAX]],
    });
    const response = await upload(post, jpeg(10));
    expect(response.status).toBe(201);
    expect(await response.text()).toContain(`<Key>${key}</Key>`);
  });

  it('holds the file to the SHA-256 the form carries: other bytes are refused (BadDigest), the same bytes stored', async () => {
    const key = newKey();
    const file = jpeg(500, 3);
    const post = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: key,
      Fields: {
        'Content-Type': 'image/jpeg',
        'x-amz-checksum-sha256': createHash('sha256').update(file).digest('base64'),
      },
      Conditions: [['content-length-range', 1, MAX]],
    });
    expect(await errorOf(await upload(post, jpeg(500, 4)))).toMatchObject({ status: 400, code: 'BadDigest' });
    expect((await upload(post, file)).status).toBe(204);
  });

  const refusals: {
    name: string;
    post?: (key: string) => Promise<PresignedPost>;
    size?: number;
    change: (form: Record<string, string>) => Record<string, string>;
    expected: { status: number; code: string; message?: RegExp };
  }[] = [
    {
      name: 'another Content-Type than the ticket fixes',
      change: (f) => ({ ...f, 'Content-Type': 'text/html' }),
      expected: {
        status: 403,
        code: 'AccessDenied',
        message: /^Invalid according to Policy: Policy Condition failed: \["eq", "\$Content-Type", "image\/jpeg"\]$/,
      },
    },
    {
      name: 'a file larger than the range',
      size: MAX + 1,
      change: (f) => f,
      expected: { status: 400, code: 'EntityTooLarge' },
    },
    {
      name: 'an empty file (below the range)',
      size: 0,
      change: (f) => f,
      expected: { status: 400, code: 'EntityTooSmall' },
    },
    {
      name: 'a key outside the fixed key',
      change: (f) => ({ ...f, key: 'mines/mine-b/evidence/photo.jpg' }),
      expected: { status: 403, code: 'AccessDenied', message: /Policy Condition failed: \["eq", "\$key", / },
    },
    {
      name: 'a policy changed after signing (a larger range)',
      change: (f) => {
        const policy = JSON.parse(Buffer.from(f.Policy!, 'base64').toString('utf8')) as { conditions: unknown[] };
        policy.conditions = policy.conditions.map((c) =>
          Array.isArray(c) && c[0] === 'content-length-range' ? ['content-length-range', 0, 5 * MAX] : c,
        );
        return { ...f, Policy: Buffer.from(JSON.stringify(policy)).toString('base64') };
      },
      expected: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    {
      name: 'a policy signed with another secret',
      post: (key) =>
        createPresignedPost(
          new S3Client({
            endpoint: s3.endpoint,
            forcePathStyle: true,
            region: 'local',
            credentials: { accessKeyId: 'local', secretAccessKey: 'not-the-secret' },
          }),
          { Bucket: BUCKET, Key: key, Fields: { 'Content-Type': 'image/jpeg' } },
        ),
      change: (f) => f,
      expected: { status: 403, code: 'SignatureDoesNotMatch' },
    },
    {
      name: 'an extra field the policy does not name',
      change: (f) => ({ ...f, 'x-amz-meta-uploader': 'someone' }),
      expected: {
        status: 403,
        code: 'AccessDenied',
        message: /^Invalid according to Policy: Extra input fields: x-amz-meta-uploader$/,
      },
    },
    {
      name: 'another bucket in the form',
      change: (f) => ({ ...f, bucket: 'another-bucket' }),
      expected: { status: 403, code: 'AccessDenied', message: /Policy Condition failed: \["eq", "\$bucket", / },
    },
    {
      name: 'no signature',
      change: ({ 'X-Amz-Signature': _, ...f }) => f,
      expected: { status: 403, code: 'AccessDenied' },
    },
  ];

  it.each(refusals)('refuses $name', async ({ post: makePost, size, change, expected }) => {
    const key = newKey();
    const post = await (makePost ?? ticket)(key);
    const response = await upload(post, jpeg(size ?? 100), change);
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: expected.status, code: expected.code });
    if (expected.message) expect(error.message).toMatch(expected.message);
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('accepts a file of exactly the largest size; ignores fields after the file like S3', async () => {
    const key = newKey();
    const post = await ticket(key);
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', new Blob([jpeg(MAX)]), 'big.jpg');
    form.append('x-amz-meta-late', 'ignored');
    const response = await fetch(post.url, { method: 'POST', body: form });
    expect(response.status).toBe(204);
  });

  it('refuses an expired policy', async () => {
    const key = newKey();
    const post = await ticket(key, 'image/jpeg', 60);
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    try {
      const error = await errorOf(await upload(post, jpeg(100)));
      expect(error).toEqual({
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy expired.',
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('GET, PUT and DELETE Object signed with SigV4', () => {
  it('refuses an expired presigned GET and one whose URL was changed', async () => {
    const key = newKey();
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x', ContentType: 'text/plain' }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });
    expect((await fetch(url)).status).toBe(200);
    const changed = await errorOf(await fetch(url.replace(encodeURIComponent(key).replace(/%2F/g, '/'), newKey())));
    expect(changed).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    try {
      expect(await errorOf(await fetch(url))).toEqual({
        status: 403,
        code: 'AccessDenied',
        message: 'Request has expired',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an unsigned request and one signed with another secret', async () => {
    const key = newKey();
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));
    expect(await errorOf(await fetch(`${s3.endpoint}/${BUCKET}/${key}`))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    const other = new S3Client({
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'wrong' },
    });
    await expect(other.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
  });

  it('keeps every version: a second upload to the same key leaves the first readable by its version id', async () => {
    const key = newKey();
    const first = await upload(await ticket(key), jpeg(10, 1));
    const second = await upload(await ticket(key), jpeg(20, 2));
    const v1 = first.headers.get('x-amz-version-id')!;
    const v2 = second.headers.get('x-amz-version-id')!;
    expect(v1).not.toBe(v2);
    const latest = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(latest.VersionId).toBe(v2);
    expect(await latest.Body!.transformToByteArray()).toEqual(jpeg(20, 2));
    const old = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, VersionId: v1 }));
    expect(await old.Body!.transformToByteArray()).toEqual(jpeg(10, 1));
  });

  it('refuses to delete a version; a delete adds a marker and the versions stay readable', async () => {
    const key = newKey();
    const put = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'evidence' }));
    await expect(
      client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key, VersionId: put.VersionId })),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const deleted = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(deleted.DeleteMarker).toBe(true);
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    const kept = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, VersionId: put.VersionId }));
    expect(await kept.Body!.transformToString()).toBe('evidence');
  });

  it('wants an integrity check on a PUT, as S3 does on an object-lock bucket (the SDK sends a checksum)', async () => {
    const key = newKey();
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });
    expect(await errorOf(await fetch(url, { method: 'PUT', body: 'x' }))).toMatchObject({
      status: 400,
      code: 'InvalidRequest',
    });
    const wrongMd5 = await fetch(url, {
      method: 'PUT',
      body: 'x',
      headers: { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
    });
    expect(await errorOf(wrongMd5)).toMatchObject({ status: 400, code: 'BadDigest' });
    const rightMd5 = await fetch(url, {
      method: 'PUT',
      body: '',
      headers: { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
    });
    expect(rightMd5.status).toBe(200);
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    await expect(client.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'a' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });
});

describe('CORS', () => {
  const preflight = (origin: string, method = 'POST') =>
    fetch(`${s3.endpoint}/${BUCKET}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method },
    });

  it('answers the preflight of the dashboard origin for GET, HEAD and POST', async () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const response = await preflight(ORIGIN, method);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
    }
  });

  it('refuses the preflight of another origin or another method', async () => {
    for (const response of [
      await preflight('http://evil.example'),
      await preflight(ORIGIN, 'PUT'),
      await preflight(ORIGIN, 'DELETE'),
    ]) {
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('lets the dashboard read the upload response headers, and nobody else', async () => {
    const allowed = await upload(await ticket(newKey()), jpeg(10), (f) => f, { origin: ORIGIN });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('ETag, x-amz-version-id');
    const other = await upload(await ticket(newKey()), jpeg(10), (f) => f, { origin: 'http://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes new origins (the dashboard port is known after it listens)', async () => {
    s3.setAllowedOrigins(['http://127.0.0.1:4000']);
    try {
      expect((await preflight('http://127.0.0.1:4000')).status).toBe(200);
      expect((await preflight(ORIGIN)).status).toBe(403);
    } finally {
      s3.setAllowedOrigins([ORIGIN]);
    }
  });
});
