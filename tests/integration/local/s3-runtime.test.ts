// The local runtime starts the local S3 server beside DynamoDB Local: the evidence bucket exists, the handlers'
// environment names it, the dashboard's origin (and no other) passes CORS, and the dashboard's CSP lets it call the
// upload endpoint.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_EVIDENCE_BUCKET, type LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '../../support/local-runtime.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
});
afterAll(async () => {
  await runtime?.stop();
});

describe('local S3 in the local runtime', () => {
  it('sets EVIDENCE_BUCKET and S3_ENDPOINT for the handlers and takes an upload the SDK presigned', async () => {
    expect(runtime.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.S3_ENDPOINT).toBe(runtime.s3Endpoint);
    expect(process.env.EVIDENCE_BUCKET).toBe(LOCAL_EVIDENCE_BUCKET);
    const s3 = new S3Client({
      endpoint: process.env.S3_ENDPOINT,
      forcePathStyle: true,
      region: process.env.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const key = 'mines/mine-a/evidence/photo.png';
    const post = await createPresignedPost(s3, {
      Bucket: LOCAL_EVIDENCE_BUCKET,
      Key: key,
      Fields: { 'Content-Type': 'image/png' },
      Conditions: [['content-length-range', 1, 1024]],
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])]), 'photo.png');
    const response = await fetch(post.url, { method: 'POST', body: form, headers: { origin: runtime.url } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(runtime.url);
    expect(await s3.send(new HeadObjectCommand({ Bucket: LOCAL_EVIDENCE_BUCKET, Key: key }))).toMatchObject({
      ContentType: 'image/png',
      ContentLength: 4,
    });
    s3.destroy();
  });

  it("answers the dashboard origin's preflight and refuses another origin's", async () => {
    const preflight = (origin: string) =>
      fetch(`${runtime.s3Endpoint}/${LOCAL_EVIDENCE_BUCKET}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect((await preflight(runtime.url)).status).toBe(200);
    expect((await preflight('http://127.0.0.1:1')).status).toBe(403);
  });

  it("lets the dashboard's page connect to the local S3 endpoint (CSP connect-src)", async () => {
    const page = await fetch(`${runtime.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(
      new RegExp(`connect-src 'self' ${runtime.s3Endpoint.replace(/[.:/]/g, '\\$&')}(;|$)`),
    );
  });
});
