// SigV4 as S3 computes it, against the examples of the S3 API reference (header-signed GET, presigned GET), and
// the local server's checks of a signed request: the date window, the expiry, the payload hash.
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalRequest,
  parseQuery,
  sha256Hex,
  signHex,
  signingKey,
  stringToSign,
  uriEncode,
  verifyRequest,
} from '#local/s3/sigv4.ts';

const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SCOPE = '20130524/us-east-1/s3/aws4_request';
const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('the S3 API reference examples', () => {
  it('signs GET /test.txt with a Range header in its Authorization header', () => {
    const canonical = canonicalRequest({
      method: 'GET',
      rawPath: '/test.txt',
      query: [],
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY_SHA,
        'x-amz-date': '20130524T000000Z',
      },
      signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
      payloadHash: EMPTY_SHA,
    });
    const signature = signHex(
      signingKey(EXAMPLE_SECRET, '20130524', 'us-east-1'),
      stringToSign('20130524T000000Z', SCOPE, canonical),
    );
    expect(signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('signs the presigned GET /test.txt valid for a day', () => {
    const query = parseQuery(
      'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host',
    );
    const canonical = canonicalRequest({
      method: 'GET',
      rawPath: '/test.txt',
      query,
      headers: { host: 'examplebucket.s3.amazonaws.com' },
      signedHeaders: ['host'],
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    const signature = signHex(
      signingKey(EXAMPLE_SECRET, '20130524', 'us-east-1'),
      stringToSign('20130524T000000Z', SCOPE, canonical),
    );
    expect(signature).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });
});

describe('canonical query', () => {
  it.each([
    ['b=2&a=1', 'a=1&b=2'],
    ['versionId=abc&x-id=GetObject', 'versionId=abc&x-id=GetObject'],
    [
      'response-content-disposition=attachment%3B%20filename%3D%22a.jpg%22',
      'response-content-disposition=attachment%3B%20filename%3D%22a.jpg%22',
    ],
    ['acl', 'acl='],
    ['a=%2A%21', 'a=%2A%21'],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalQuery(parseQuery(raw))).toBe(expected);
  });

  it('encodes everything but unreserved characters', () => {
    expect(uriEncode("a b/c*'()!~._-")).toBe('a%20b%2Fc%2A%27%28%29%21~._-');
  });
});

/** A request signed with the 'local' secret at `at`, as the SDK would sign it. */
function signed(at: Date, body = '', change: (h: Record<string, string>) => Record<string, string> = (h) => h) {
  const amzDate = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const scope = `${amzDate.slice(0, 8)}/local/s3/aws4_request`;
  const headers: Record<string, string> = {
    host: '127.0.0.1:9000',
    'x-amz-content-sha256': sha256Hex(body),
    'x-amz-date': amzDate,
  };
  const signedHeaders = ['host', 'x-amz-content-sha256', 'x-amz-date'];
  const canonical = canonicalRequest({
    method: 'PUT',
    rawPath: '/bucket/mines/a/b.jpg',
    query: [],
    headers,
    signedHeaders,
    payloadHash: headers['x-amz-content-sha256']!,
  });
  const signature = signHex(signingKey('local', amzDate.slice(0, 8), 'local'), stringToSign(amzDate, scope, canonical));
  return {
    method: 'PUT',
    rawPath: '/bucket/mines/a/b.jpg',
    rawQuery: '',
    headers: change({
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=local/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
    }),
    bodySha256: sha256Hex(body),
  };
}

describe('verifyRequest (header-signed)', () => {
  const at = new Date('2026-12-02T08:00:00Z');
  const minutes = (m: number) => new Date(at.getTime() + m * 60_000);

  it.each([
    [0, true],
    [15, true],
    [-15, true],
    [15.02, false],
    [-15.02, false],
  ])('a request signed %s minutes away from now: accepted %s', (offset, accepted) => {
    const result = verifyRequest(signed(at, 'x'), minutes(offset));
    expect(result.ok).toBe(accepted);
    if (!accepted) expect(result).toMatchObject({ code: 'RequestTimeTooSkewed' });
  });

  it('refuses a body other than the one signed, and a header changed after signing', () => {
    expect(verifyRequest({ ...signed(at, 'x'), bodySha256: sha256Hex('y') }, at)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    expect(
      verifyRequest(
        signed(at, 'x', (h) => ({ ...h, host: '127.0.0.1:9001' })),
        at,
      ),
    ).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    expect(verifyRequest({ ...signed(at, 'x'), rawPath: '/bucket/mines/b/b.jpg' }, at)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('refuses another access key and no signature at all', () => {
    const other = signed(at, 'x', (h) => ({
      ...h,
      authorization: h.authorization!.replace('Credential=local/', 'Credential=other/'),
    }));
    expect(verifyRequest(other, at)).toMatchObject({ ok: false, code: 'InvalidAccessKeyId' });
    expect(verifyRequest({ ...signed(at), headers: { host: 'x' } }, at)).toMatchObject({
      ok: false,
      code: 'AccessDenied',
    });
  });
});
