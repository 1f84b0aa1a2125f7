import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isStorableKey, type ObjectStore as Store } from './object-store.ts';
import { checkPostPolicy } from './post-policy.ts';
import { corsHeadersOf, S3Error, xmlEscape } from './responses.ts';

/**
 * POST Object: a browser form upload with a presigned POST. The policy is checked as S3 checks it (signature,
 * expiration, every condition, the size range, no field it does not name); a checksum in the form holds the file to it.
 */
export async function postObject(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  body: Buffer,
): Promise<void> {
  const contentType = String(req.headers['content-type'] ?? '');
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    throw new S3Error(412, 'PreconditionFailed', 'Bucket POST must be of the enclosure-type multipart/form-data');
  let form: FormData;
  try {
    form = await new Request('http://local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
      duplex: 'half',
    } as RequestInit).formData();
  } catch {
    throw new S3Error(
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    );
  }
  // As on S3: the file is the last field that counts; fields after it are ignored.
  const fields: [string, string][] = [];
  let file: File | undefined;
  for (const [name, value] of form.entries()) {
    if (name.toLowerCase() === 'file') {
      if (typeof value === 'string')
        throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
      file = value;
      break;
    }
    if (typeof value !== 'string')
      throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
    fields.push([name, value]);
  }
  if (!file) throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  const check = checkPostPolicy({ fields, bucket, fileSize: file.size });
  if (!check.ok) throw new S3Error(check.status, check.code, check.message);

  const key = check.fields.get('key')!.replace(/\$\{filename\}/g, file.name);
  if (!isStorableKey(key)) throw new S3Error(400, 'InvalidArgument', 'The key is not one the local store can hold.');
  const data = new Uint8Array(await file.arrayBuffer());
  // A checksum in the form (the product's forms carry the file's SHA-256) holds the file to it, as S3 does: a file
  // changed on the way is refused before it is stored.
  const declared = check.fields.get('x-amz-checksum-sha256');
  if (declared && createHash('sha256').update(data).digest('base64') !== declared)
    throw new S3Error(400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
  const md5 = check.fields.get('content-md5');
  if (md5 && createHash('md5').update(data).digest('base64') !== md5)
    throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
  const version = await store.put(bucket, key, data, check.fields.get('content-type') ?? 'binary/octet-stream');
  const location = `http://${req.headers.host}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const headers = {
    ...corsHeadersOf(res),
    etag: version.etag!,
    'x-amz-version-id': version.versionId,
    location,
  };
  const status = check.fields.get('success_action_status');
  if (status === '201') {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${xmlEscape(location)}</Location><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><ETag>${xmlEscape(version.etag!)}</ETag></PostResponse>`;
    res.writeHead(201, { ...headers, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
    return;
  }
  res.writeHead(status === '200' ? 200 : 204, { ...headers, 'content-length': '0' });
  res.end();
}
