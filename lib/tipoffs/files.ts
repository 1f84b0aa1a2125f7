import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RuleError } from '#lib/errors.ts';
import type { ObjectStore } from '#lib/files/object-store.ts';
import type { Db } from '#lib/store/db.ts';
import { put, type Write } from '#lib/store/transact.ts';
import type { TipoffFile } from './tipoff-item.ts';

/**
 * A tip-off's files in the evidence bucket, under `tipoffs/<tipoffId>/<index>`: the visitor uploads each with the
 * presigned form given at filing and confirms it with the upload token given with the forms; the API reads the
 * stored object back before recording it as received. A handler downloads the checked version only.
 */
export const uploadTokenKey = (tipoffId: string) => ({ PK: `TIPOFF#${tipoffId}`, SK: 'UPLOADTOKEN' });

const tokenHash = (token: string): string => createHash('sha256').update(`tipoff-upload|${token}`).digest('hex');

/** 32 random bytes, base64url: shown once to the visitor, stored only as its hash. */
export const newUploadToken = (): string => randomBytes(32).toString('base64url');

export const uploadTokenMatches = (storedHash: string, token: string): boolean => {
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(tokenHash(token), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
};

export function uploadTokenWrite(db: Db, tipoffId: string, token: string, seconds: number): Write {
  const expires = new Date(db.now().getTime() + seconds * 1000);
  return put(db, {
    ...uploadTokenKey(tipoffId),
    entity: 'tipoffUploadToken',
    tokenHash: tokenHash(token),
    expiresAtIso: expires.toISOString(),
    // Kept a day past its use, then removed by the table's TTL.
    expiresAt: Math.floor(expires.getTime() / 1000) + 86_400,
  });
}

/** What the bucket holds under the file's key is the declared file (size, type, SHA-256), or 422 naming what differs. */
export async function checkStoredFile(
  files: ObjectStore,
  file: TipoffFile,
): Promise<{ versionId: string | undefined }> {
  const stored = await files.head(file.key);
  if (!stored)
    throw new RuleError('文件尚未上传，请先按上传表单提交文件', [{ field: 'index', message: '存储中没有这个文件' }]);
  const problems: { field: string; message: string }[] = [];
  if (stored.size !== file.size)
    problems.push({ field: 'size', message: `存储的文件为 ${stored.size} 字节，提交时声明为 ${file.size} 字节` });
  if (stored.contentType !== file.contentType)
    problems.push({ field: 'contentType', message: `存储的文件类型为 ${stored.contentType ?? '未知'}` });
  if (!problems.length && (await files.sha256(file.key, stored.versionId)) !== file.sha256)
    problems.push({ field: 'sha256', message: '存储的文件内容与提交时声明的 SHA-256 不一致' });
  if (problems.length) throw new RuleError('存储的文件与提交举报时声明的不一致，未登记为已收到', problems);
  return { versionId: stored.versionId };
}
