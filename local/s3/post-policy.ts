/**
 * The POST Object policy as S3 checks it (browser form uploads with a presigned POST): the signature over the
 * base64 policy, its expiration, every condition, the size range, and no form field the policy does not name.
 * Pure: the server hands it the form's fields and the file's size.
 */
import { ALGORITHM, parseAmzDate, parseCredential, sameSignature, secretFor, signHex, signingKey } from './sigv4.ts';

export interface PostForm {
  /** Every form field but the file, by name as sent (S3 compares field names without regard to case). */
  readonly fields: readonly (readonly [string, string])[];
  readonly bucket: string;
  readonly fileSize: number;
}

export interface PostRefusal {
  readonly status: 400 | 403;
  readonly code: string;
  readonly message: string;
}

export type PostCheck =
  | {
      readonly ok: true;
      /** Lower-cased field name → value. */
      readonly fields: ReadonlyMap<string, string>;
    }
  | ({ readonly ok: false } & PostRefusal);

/** Fields a policy need not name (S3's list). */
export const isExemptField = (lowerName: string): boolean =>
  lowerName === 'file' ||
  lowerName === 'policy' ||
  lowerName === 'x-amz-signature' ||
  lowerName.startsWith('x-ignore-');

const refuse = (status: 400 | 403, code: string, message: string): PostCheck => ({ ok: false, status, code, message });
const denied = (message: string): PostCheck => refuse(403, 'AccessDenied', message);

/** How S3 writes a condition in its refusal: `["eq", "$key", "mines/a/b.jpg"]`. */
export const describeCondition = (op: string, name: string, value: unknown): string =>
  `[${JSON.stringify(op)}, ${JSON.stringify(`$${name}`)}, ${JSON.stringify(value)}]`;

type Condition =
  | { readonly kind: 'match'; readonly op: 'eq' | 'starts-with'; readonly name: string; readonly value: string }
  | { readonly kind: 'range'; readonly min: number; readonly max: number };

function parseConditions(raw: unknown): Condition[] | string {
  if (!Array.isArray(raw)) return 'Invalid Policy: Policy missing conditions.';
  const out: Condition[] = [];
  for (const c of raw) {
    if (Array.isArray(c)) {
      const [op, a, b] = c as unknown[];
      if (typeof op !== 'string') return 'Invalid Policy: Invalid Condition.';
      const opName = op.toLowerCase();
      if (opName === 'content-length-range') {
        if (typeof a !== 'number' || typeof b !== 'number' || a < 0 || b < a)
          return 'Invalid Policy: Invalid content-length-range.';
        out.push({ kind: 'range', min: a, max: b });
      } else if (opName === 'eq' || opName === 'starts-with') {
        if (typeof a !== 'string' || !a.startsWith('$') || typeof b !== 'string' || c.length !== 3)
          return `Invalid Policy: Invalid '${op}' condition.`;
        out.push({ kind: 'match', op: opName, name: a.slice(1), value: b });
      } else return `Invalid Policy: Unknown condition: ${op}`;
    } else if (c !== null && typeof c === 'object') {
      const entries = Object.entries(c as Record<string, unknown>);
      if (entries.length !== 1 || typeof entries[0]![1] !== 'string')
        return 'Invalid Policy: Invalid Simple-Condition.';
      out.push({ kind: 'match', op: 'eq', name: entries[0]![0], value: entries[0]![1] as string });
    } else return 'Invalid Policy: Invalid Condition.';
  }
  return out;
}

/** Checks a POST Object form against its policy at `now`, as S3 does, in S3's order. */
export function checkPostPolicy(form: PostForm, now: Date = new Date()): PostCheck {
  const fields = new Map<string, string>();
  for (const [name, value] of form.fields) {
    const lower = name.toLowerCase();
    if (fields.has(lower)) return refuse(400, 'InvalidArgument', `Field ${name} appears more than once.`);
    fields.set(lower, value);
  }
  const policy = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  if (policy === undefined || signature === undefined) return denied('Access Denied');
  if (!fields.has('key')) return refuse(400, 'InvalidArgument', "Bucket POST must contain a field named 'key'.");
  if (fields.get('x-amz-algorithm') !== ALGORITHM)
    return refuse(400, 'InvalidArgument', 'Only AWS4-HMAC-SHA256 is supported for x-amz-algorithm.');
  const credential = parseCredential(fields.get('x-amz-credential') ?? '');
  if (!credential) return refuse(400, 'InvalidArgument', 'Invalid X-Amz-Credential.');
  const secret = secretFor(credential.accessKeyId);
  if (!secret)
    return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const amzDate = fields.get('x-amz-date') ?? '';
  if (!parseAmzDate(amzDate) || amzDate.slice(0, 8) !== credential.shortDate)
    return refuse(400, 'InvalidArgument', 'Invalid X-Amz-Date.');
  const expected = signHex(signingKey(secret, credential.shortDate, credential.region, credential.service), policy);
  if (!sameSignature(expected, signature))
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );

  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as typeof document;
  } catch {
    return refuse(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (typeof document.expiration !== 'string')
    return refuse(400, 'InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration.');
  const expiration = new Date(document.expiration);
  if (Number.isNaN(expiration.getTime()))
    return refuse(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid expiration.');
  if (now.getTime() >= expiration.getTime()) return denied('Invalid according to Policy: Policy expired.');
  const conditions = parseConditions(document.conditions);
  if (typeof conditions === 'string') return refuse(400, 'InvalidPolicyDocument', conditions);

  const named = new Set<string>();
  let range: { min: number; max: number } | undefined;
  for (const c of conditions) {
    if (c.kind === 'range') {
      range = c;
      continue;
    }
    const lower = c.name.toLowerCase();
    named.add(lower);
    const actual = lower === 'bucket' ? form.bucket : (fields.get(lower) ?? '');
    const holds = c.op === 'eq' ? actual === c.value : actual.startsWith(c.value);
    if (!holds || (lower === 'bucket' && fields.has('bucket') && fields.get('bucket') !== form.bucket))
      return denied(
        `Invalid according to Policy: Policy Condition failed: ${describeCondition(c.op, c.name, c.value)}`,
      );
  }
  const extra = [...fields.keys()].filter((name) => !isExemptField(name) && !named.has(name));
  if (extra.length > 0) return denied(`Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
  if (range && form.fileSize > range.max)
    return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
  if (range && form.fileSize < range.min)
    return refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
  return { ok: true, fields };
}
