// The POST policy checks of the local S3 server, at their boundaries: the size range, the expiration, eq and
// starts-with, field names without regard to case, the fields a policy need not name.
import { describe, expect, it } from 'vitest';
import { checkPostPolicy } from '#local/s3/post-policy.ts';
import { signHex, signingKey } from '#local/s3/sigv4.ts';

const NOW = new Date('2026-12-02T08:00:00Z');
const AMZ_DATE = '20261202T080000Z';
const BUCKET = 'coalsafe-evidence-local';

function form(
  conditions: unknown[],
  fields: Record<string, string>,
  options: { fileSize?: number; expiration?: string; secret?: string } = {},
) {
  const base = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `local/20261202/local/s3/aws4_request`,
    'X-Amz-Date': AMZ_DATE,
  };
  const policy = Buffer.from(
    JSON.stringify({
      expiration: options.expiration ?? '2026-12-02T08:05:00Z',
      conditions: [...conditions, ...Object.entries(base).map(([k, v]) => ({ [k]: v }))],
    }),
  ).toString('base64');
  const signature = signHex(signingKey(options.secret ?? 'local', '20261202', 'local'), policy);
  return {
    bucket: BUCKET,
    fileSize: options.fileSize ?? 100,
    fields: Object.entries({ ...base, ...fields, Policy: policy, 'X-Amz-Signature': signature }),
  };
}

const TICKET = [{ bucket: BUCKET }, ['eq', '$key', 'mines/a/1.jpg'], ['content-length-range', 1, 1000]];

describe('checkPostPolicy', () => {
  it.each([
    [1, 'ok'],
    [1000, 'ok'],
    [0, 'EntityTooSmall'],
    [1001, 'EntityTooLarge'],
  ])('a file of %i bytes in [1, 1000]: %s', (fileSize, expected) => {
    const result = checkPostPolicy(form(TICKET, { key: 'mines/a/1.jpg' }, { fileSize }), NOW);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
    if (!result.ok) expect(result.status).toBe(400);
  });

  it.each([
    ['2026-12-02T08:00:00.001Z', true],
    ['2026-12-02T08:00:00.000Z', false],
  ])('a policy expiring at %s, checked at 08:00:00: accepted %s', (expiration, accepted) => {
    const result = checkPostPolicy(form(TICKET, { key: 'mines/a/1.jpg' }, { expiration }), NOW);
    expect(result.ok).toBe(accepted);
    if (!result.ok) expect(result.message).toBe('Invalid according to Policy: Policy expired.');
  });

  it.each([
    ['mines/a/1.jpg', true],
    ['mines/a/', true],
    ['mines/b/1.jpg', false],
    ['mines/', false],
  ])('starts-with $key "mines/a/": %s accepted %s', (key, accepted) => {
    const result = checkPostPolicy(form([{ bucket: BUCKET }, ['starts-with', '$key', 'mines/a/']], { key }), NOW);
    expect(result.ok).toBe(accepted);
    if (!result.ok)
      expect(result.message).toBe(
        'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "mines/a/"]',
      );
  });

  it('compares field names without regard to case; exact-match values with it', () => {
    const conditions = [...TICKET, ['eq', '$Content-Type', 'image/jpeg']];
    expect(checkPostPolicy(form(conditions, { KEY: 'mines/a/1.jpg', 'content-type': 'image/jpeg' }), NOW).ok).toBe(
      true,
    );
    expect(
      checkPostPolicy(form(conditions, { key: 'mines/a/1.jpg', 'Content-Type': 'IMAGE/JPEG' }), NOW),
    ).toMatchObject({
      ok: false,
      code: 'AccessDenied',
    });
  });

  it('needs no condition for x-ignore- fields; refuses any other field the policy does not name, and a repeated one', () => {
    expect(checkPostPolicy(form(TICKET, { key: 'mines/a/1.jpg', 'x-ignore-note': 'n' }), NOW).ok).toBe(true);
    expect(checkPostPolicy(form(TICKET, { key: 'mines/a/1.jpg', acl: 'public-read' }), NOW)).toMatchObject({
      ok: false,
      status: 403,
      message: 'Invalid according to Policy: Extra input fields: acl',
    });
    const repeated = form(TICKET, { key: 'mines/a/1.jpg' });
    expect(checkPostPolicy({ ...repeated, fields: [...repeated.fields, ['Key', 'mines/a/2.jpg']] }, NOW)).toMatchObject(
      { ok: false, status: 400 },
    );
  });

  it('refuses a policy signed with another secret or for another bucket, and a form without a key', () => {
    expect(checkPostPolicy(form(TICKET, { key: 'mines/a/1.jpg' }, { secret: 'other' }), NOW)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    expect(checkPostPolicy({ ...form(TICKET, { key: 'mines/a/1.jpg' }), bucket: 'other-bucket' }, NOW)).toMatchObject({
      ok: false,
      code: 'AccessDenied',
    });
    expect(checkPostPolicy(form(TICKET, {}), NOW)).toMatchObject({ ok: false, code: 'InvalidArgument' });
  });
});
