/**
 * AWS Signature Version 4 as S3 checks it, for the local S3 server: the signing key, the canonical request of a
 * header-signed or presigned (query) request, and the signature of a POST policy. Only the 'local' credentials
 * exist; a request signed with any other secret, or any other change after signing, fails like it would on S3.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** The only credentials the local server knows, as the local clients use them. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function signingKey(secret: string, shortDate: string, region: string, service = 's3'): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, shortDate), region), service), 'aws4_request');
}

export const signHex = (key: Buffer, data: string): string => createHmac('sha256', key).update(data).digest('hex');

export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ percent-encoded. */
export const uriEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const decodeQueryPart = (part: string): string => {
  try {
    return decodeURIComponent(part.replace(/\+/g, '%20'));
  } catch {
    return part;
  }
};

/** The query's parameters decoded, in order, repeated names kept. */
export function parseQuery(rawQuery: string): [string, string][] {
  if (rawQuery === '') return [];
  return rawQuery.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0
      ? [decodeQueryPart(pair), '']
      : [decodeQueryPart(pair.slice(0, eq)), decodeQueryPart(pair.slice(eq + 1))];
  });
}

export function canonicalQuery(params: readonly [string, string][], omit?: string): string {
  return params
    .filter(([name]) => name !== omit)
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export interface CanonicalRequestInput {
  readonly method: string;
  /** The path as sent (S3 does not encode it a second time). */
  readonly rawPath: string;
  readonly query: readonly [string, string][];
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  /** The query parameter left out of the canonical query: X-Amz-Signature for a presigned URL. */
  readonly omitQuery?: string;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const headerLines = input.signedHeaders.map((name) => {
    const raw = input.headers[name];
    const value = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim().replace(/\s+/g, ' ');
    return `${name}:${value}\n`;
  });
  return [
    input.method,
    input.rawPath === '' ? '/' : input.rawPath,
    canonicalQuery(input.query, input.omitQuery),
    headerLines.join(''),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

/** `<access key>/<yyyymmdd>/<region>/s3/aws4_request`, split; undefined when it has another shape. */
export interface Credential {
  readonly accessKeyId: string;
  readonly shortDate: string;
  readonly region: string;
  readonly service: string;
  readonly scope: string;
}

export function parseCredential(value: string): Credential | undefined {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1]!)) return undefined;
  const [accessKeyId, shortDate, region, service] = parts as [string, string, string, string];
  return { accessKeyId, shortDate, region, service, scope: parts.slice(1).join('/') };
}

/** `20261202T161720Z` → Date; undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The secret of an access key id, when the local server knows it. */
export const secretFor = (accessKeyId: string): string | undefined =>
  accessKeyId === LOCAL_CREDENTIALS.accessKeyId ? LOCAL_CREDENTIALS.secretAccessKey : undefined;

export type AuthFailure =
  | { readonly code: 'AccessDenied'; readonly message: string }
  | { readonly code: 'InvalidAccessKeyId'; readonly message: string }
  | { readonly code: 'SignatureDoesNotMatch'; readonly message: string }
  | { readonly code: 'AuthorizationQueryParametersError'; readonly message: string }
  | { readonly code: 'AuthorizationHeaderMalformed'; readonly message: string }
  | { readonly code: 'RequestTimeTooSkewed'; readonly message: string };

export type AuthResult = { readonly ok: true; readonly presigned: boolean } | ({ readonly ok: false } & AuthFailure);

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
/** S3 refuses a header-signed request whose date is more than 15 minutes off. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most 7 days. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

export interface SignedRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The SHA-256 of the body as received, to compare with x-amz-content-sha256 when it names one. */
  readonly bodySha256?: string;
}

const header = (headers: SignedRequest['headers'], name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** Checks a request signed in its Authorization header or in its query (a presigned URL). */
export function verifyRequest(req: SignedRequest, now: Date = new Date()): AuthResult {
  const query = parseQuery(req.rawQuery);
  const q = (name: string) => query.find(([n]) => n === name)?.[1];
  const authorization = header(req.headers, 'authorization');
  if (q('X-Amz-Algorithm') !== undefined || q('X-Amz-Signature') !== undefined) {
    return verifyPresigned(req, query, q, now);
  }
  if (!authorization) return { ok: false, code: 'AccessDenied', message: 'Access Denied' };
  const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/i.exec(
    authorization.trim(),
  );
  if (!m) return { ok: false, code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed.' };
  const credential = parseCredential(m[1]!);
  if (!credential)
    return { ok: false, code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed.' };
  const secret = secretFor(credential.accessKeyId);
  if (!secret)
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  const amzDate = header(req.headers, 'x-amz-date') ?? '';
  const date = parseAmzDate(amzDate);
  if (!date || amzDate.slice(0, 8) !== credential.shortDate)
    return {
      ok: false,
      code: 'AccessDenied',
      message: 'AWS authentication requires a valid Date or x-amz-date header',
    };
  if (Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS)
    return {
      ok: false,
      code: 'RequestTimeTooSkewed',
      message: 'The difference between the request time and the current time is too large.',
    };
  const signedHeaders = m[2]!.toLowerCase().split(';');
  if (!signedHeaders.includes('host'))
    return { ok: false, code: 'AuthorizationHeaderMalformed', message: 'The host header must be signed.' };
  const payloadHash = header(req.headers, 'x-amz-content-sha256');
  if (!payloadHash)
    return {
      ok: false,
      code: 'AccessDenied',
      message: 'Missing required header for this request: x-amz-content-sha256',
    };
  if (/^[0-9a-f]{64}$/.test(payloadHash) && req.bodySha256 !== undefined && req.bodySha256 !== payloadHash)
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  const canonical = canonicalRequest({
    method: req.method,
    rawPath: req.rawPath,
    query,
    headers: req.headers,
    signedHeaders,
    payloadHash,
  });
  const expected = signHex(
    signingKey(secret, credential.shortDate, credential.region, credential.service),
    stringToSign(amzDate, credential.scope, canonical),
  );
  return sameSignature(expected, m[3]!)
    ? { ok: true, presigned: false }
    : { ok: false, code: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH };
}

function verifyPresigned(
  req: SignedRequest,
  query: [string, string][],
  q: (name: string) => string | undefined,
  now: Date,
): AuthResult {
  const fail = (message: string): AuthResult => ({ ok: false, code: 'AuthorizationQueryParametersError', message });
  if (q('X-Amz-Algorithm') !== ALGORITHM) return fail('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const credential = parseCredential(q('X-Amz-Credential') ?? '');
  if (!credential) return fail('Error parsing the X-Amz-Credential parameter.');
  const secret = secretFor(credential.accessKeyId);
  if (!secret)
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  const amzDate = q('X-Amz-Date') ?? '';
  const date = parseAmzDate(amzDate);
  if (!date || amzDate.slice(0, 8) !== credential.shortDate) return fail('X-Amz-Date must be in the ISO8601 format.');
  const expiresText = q('X-Amz-Expires') ?? '';
  if (!/^\d+$/.test(expiresText)) return fail('X-Amz-Expires should be a number');
  const expires = Number(expiresText);
  if (expires > MAX_EXPIRES_SECONDS) return fail('X-Amz-Expires must be less than a week (in seconds) that is 604800');
  const signature = q('X-Amz-Signature') ?? '';
  const signedHeaders = (q('X-Amz-SignedHeaders') ?? '').toLowerCase().split(';');
  if (!signedHeaders.includes('host')) return fail('X-Amz-SignedHeaders must include the host header.');
  if (now.getTime() > date.getTime() + expires * 1000)
    return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
  if (date.getTime() - now.getTime() > MAX_SKEW_MS)
    return { ok: false, code: 'AccessDenied', message: 'Request is not yet valid' };
  const canonical = canonicalRequest({
    method: req.method,
    rawPath: req.rawPath,
    query,
    headers: req.headers,
    signedHeaders,
    payloadHash: 'UNSIGNED-PAYLOAD',
    omitQuery: 'X-Amz-Signature',
  });
  const expected = signHex(
    signingKey(secret, credential.shortDate, credential.region, credential.service),
    stringToSign(amzDate, credential.scope, canonical),
  );
  return sameSignature(expected, signature)
    ? { ok: true, presigned: true }
    : { ok: false, code: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH };
}
