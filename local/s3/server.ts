/**
 * A local S3-compatible server for the evidence bucket, on node:http, for what the product uses of S3 and enforcing
 * what S3 enforces there: POST Object (a browser form upload with a presigned POST: signature, expiration, every
 * policy condition, the size range, no unnamed field), GET / HEAD / PUT / DELETE Object signed with SigV4 in the
 * header or the query (a presigned GET, with its expiry), versioning always on, object lock (a version is never
 * deleted; a delete adds a delete marker) and CORS for the configured origins only. Path-style URLs
 * (`http://127.0.0.1:<port>/<bucket>/<key>`), errors in S3's XML shape, only the 'local' credentials.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isStorableKey, ObjectStore, type ObjectVersion, type ObjectStore as Store } from './object-store.ts';
import { postObject } from './post-object.ts';
import { CORS_KEY, corsHeadersOf, S3Error, xmlEscape } from './responses.ts';
import { sha256Hex, verifyRequest } from './sigv4.ts';

export interface LocalS3Options {
  /** Objects go under `<dataDir>/s3/<bucket>/`. */
  readonly dataDir: string;
  /** Buckets to create (a directory each) if they do not exist. */
  readonly buckets: readonly string[];
  /** Browser origins allowed by CORS (GET, HEAD, POST), e.g. the dashboard's `http://127.0.0.1:3000`. */
  readonly allowedOrigins?: readonly string[];
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

export interface LocalS3 {
  /** `http://127.0.0.1:<port>`, for the S3 client's `endpoint` (with `forcePathStyle: true`). */
  readonly endpoint: string;
  /** Replaces the CORS origins, e.g. once the dashboard's port is known. */
  setAllowedOrigins(origins: readonly string[]): void;
  stop(): Promise<void>;
}

/** What S3 CORS allows the dashboard: reading and form uploads. */
export const CORS_METHODS = ['GET', 'HEAD', 'POST'] as const;
/** Response headers the dashboard may read after an upload. */
export const CORS_EXPOSE_HEADERS = ['ETag', 'x-amz-version-id'] as const;
/** The largest request body read (a 20 MB file and its form, with room); S3's own limit for a POST is 5 GB. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const CORS_REFUSED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `aws-chunked` with an unsigned trailer (the SDK's streaming upload): the chunks' data, trailers dropped. */
export function decodeAwsChunked(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) throw new S3Error(400, 'IncompleteBody', 'The request body is not valid aws-chunked data.');
    const size = Number.parseInt(body.subarray(at, eol).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size))
      throw new S3Error(400, 'IncompleteBody', 'The request body is not valid aws-chunked data.');
    if (size === 0) return Buffer.concat(out);
    out.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const store = new ObjectStore(join(options.dataDir, 's3'));
  for (const bucket of options.buckets) store.createBucket(bucket);
  let allowed = new Set(options.allowedOrigins ?? []);

  const server = createServer((req, res) => {
    handle(store, () => allowed, req, res).catch((error: unknown) => {
      const e =
        error instanceof S3Error
          ? error
          : error instanceof TooLarge
            ? new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size')
            : new S3Error(500, 'InternalError', (error as Error).message);
      sendError(req, res, e);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setAllowedOrigins: (origins) => {
      allowed = new Set(origins);
    },
    stop: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

function sendError(req: IncomingMessage, res: ServerResponse, e: S3Error): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const resource = (req.url ?? '/').split('?')[0]!;
  const body =
    req.method === 'HEAD'
      ? ''
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`;
  res.writeHead(e.status, {
    ...corsHeadersOf(res),
    ...e.headers,
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    // A refused request may leave an unread body behind.
    connection: 'close',
  });
  res.end(body);
}

async function handle(
  store: Store,
  allowedOrigins: () => ReadonlySet<string>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  const origin = req.headers.origin;

  if (method === 'OPTIONS') {
    const requested = String(req.headers['access-control-request-method'] ?? '');
    if (!origin || !allowedOrigins().has(origin) || !(CORS_METHODS as readonly string[]).includes(requested))
      throw new S3Error(403, 'AccessForbidden', CORS_REFUSED);
    const requestHeaders = req.headers['access-control-request-headers'];
    res.writeHead(200, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': CORS_METHODS.join(', '),
      ...(requestHeaders ? { 'access-control-allow-headers': String(requestHeaders) } : {}),
      'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(', '),
      'access-control-max-age': '3000',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      'content-length': '0',
    });
    res.end();
    return;
  }
  if (origin && allowedOrigins().has(origin) && (CORS_METHODS as readonly string[]).includes(method)) {
    (res as unknown as Record<symbol, Record<string, string>>)[CORS_KEY] = {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(', '),
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    };
  }

  const segments = rawPath.split('/');
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(segments[1] ?? '');
    key = decodeURIComponent(segments.slice(2).join('/'));
  } catch {
    throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
  if (bucket === '') throw new S3Error(501, 'NotImplemented', 'Listing buckets is not implemented locally.');
  if (!store.hasBucket(bucket)) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', {});

  const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);

  if (method === 'POST' && key === '' && rawQuery === '') return postObject(store, req, res, bucket, body);

  const auth = verifyRequest({
    method,
    rawPath,
    rawQuery,
    headers: req.headers,
    bodySha256: method === 'PUT' ? sha256Hex(body) : undefined,
  });
  if (!auth.ok)
    throw new S3Error(
      auth.code === 'AuthorizationHeaderMalformed' || auth.code === 'AuthorizationQueryParametersError' ? 400 : 403,
      auth.code,
      auth.message,
    );

  const params = new URLSearchParams(rawQuery);
  if (key === '') {
    if (method === 'HEAD') {
      res.writeHead(200, { ...corsHeadersOf(res), 'content-length': '0' });
      res.end();
      return;
    }
    throw new S3Error(501, 'NotImplemented', 'Only object operations are implemented locally.');
  }
  if (!isStorableKey(key)) throw new S3Error(400, 'InvalidArgument', 'The key is not one the local store can hold.');
  const known = new Set([
    'versionId',
    'x-id',
    ...[...params.keys()].filter((k) => k.toLowerCase().startsWith('x-amz-') || k.startsWith('response-')),
  ]);
  const unknown = [...params.keys()].filter((k) => !known.has(k));
  if (unknown.length > 0) throw new S3Error(501, 'NotImplemented', `Not implemented locally: ?${unknown.join('&')}`);
  const versionId = params.get('versionId') ?? undefined;

  switch (method) {
    case 'GET':
    case 'HEAD':
      return getObject(store, res, method, bucket, key, versionId, params);
    case 'PUT': {
      if (req.headers['x-amz-copy-source'])
        throw new S3Error(501, 'NotImplemented', 'CopyObject is not implemented locally.');
      const sha = String(req.headers['x-amz-content-sha256'] ?? '');
      if (sha.startsWith('STREAMING-') && sha !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER')
        throw new S3Error(501, 'NotImplemented', `${sha} is not implemented locally.`);
      const data = sha === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' ? decodeAwsChunked(body) : body;
      // Object lock with a default retention: S3 wants an integrity check on every PUT (the SDK adds a checksum).
      const checksummed = Object.keys(req.headers).some(
        (h) => h === 'content-md5' || h.startsWith('x-amz-checksum-') || h === 'x-amz-trailer',
      );
      if (!checksummed)
        throw new S3Error(
          400,
          'InvalidRequest',
          'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters',
        );
      const md5 = req.headers['content-md5'];
      if (typeof md5 === 'string' && createHash('md5').update(data).digest('base64') !== md5)
        throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
      const contentType = String(req.headers['content-type'] ?? 'binary/octet-stream');
      const version = await store.put(bucket, key, data, contentType);
      res.writeHead(200, {
        ...corsHeadersOf(res),
        etag: version.etag!,
        'x-amz-version-id': version.versionId,
        'content-length': '0',
      });
      res.end();
      return;
    }
    case 'DELETE': {
      // Object lock (governance) on the evidence bucket: no version is ever removed.
      if (versionId !== undefined)
        throw new S3Error(403, 'AccessDenied', 'Access Denied because object protected by object lock.');
      const marker = await store.addDeleteMarker(bucket, key);
      res.writeHead(204, {
        ...corsHeadersOf(res),
        'x-amz-delete-marker': 'true',
        'x-amz-version-id': marker.versionId,
      });
      res.end();
      return;
    }
    default:
      throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }
}

const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-content-language': 'content-language',
  'response-content-encoding': 'content-encoding',
  'response-cache-control': 'cache-control',
  'response-expires': 'expires',
};

async function getObject(
  store: Store,
  res: ServerResponse,
  method: 'GET' | 'HEAD',
  bucket: string,
  key: string,
  versionId: string | undefined,
  params: URLSearchParams,
): Promise<void> {
  const version: ObjectVersion | undefined = await store.version(bucket, key, versionId);
  if (!version) {
    if (versionId !== undefined) throw new S3Error(404, 'NoSuchVersion', 'The specified version does not exist.');
    throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
  }
  if (version.deleteMarker) {
    const headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': version.versionId };
    if (versionId !== undefined)
      throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', headers);
    throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', headers);
  }
  const headers: Record<string, string> = {
    ...corsHeadersOf(res),
    'content-type': version.contentType ?? 'binary/octet-stream',
    'content-length': String(version.size ?? 0),
    etag: version.etag ?? '""',
    'last-modified': new Date(version.lastModified).toUTCString(),
    'x-amz-version-id': version.versionId,
    'accept-ranges': 'bytes',
  };
  for (const [param, name] of Object.entries(OVERRIDES)) {
    const value = params.get(param);
    if (value !== null) headers[name] = value;
  }
  res.writeHead(200, headers);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  res.end(await store.body(bucket, key, version));
}
