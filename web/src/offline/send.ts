import { ApiError, api } from '../api.ts';
import { uploadEvidence } from '../evidence/upload.ts';
import { type FileWrite, type JsonWrite, Offline, type OutboxEntry, Refused } from './outbox.ts';

/**
 * Sends one waiting write through the API as any other request, with the write's own Idempotency-Key. No network
 * (fetch fails before an answer) is `Offline`; a 4xx but 408/429 is the API refusing it, with its message; anything
 * else (5xx, 429) is tried again later.
 */
export async function sendEntry(entry: OutboxEntry, write: JsonWrite | FileWrite): Promise<unknown> {
  try {
    if (write.type === 'file') {
      const [, mineId, recordKind, recordId] =
        /^\/v1\/mines\/([^/]+)\/evidence\/([^/]+)\/([^/]+)$/.exec(write.recordPath) ?? [];
      if (!mineId || !recordKind || !recordId) throw new Refused(`无法识别的证据记录：${write.recordPath}`, 400);
      const file = new File([write.file], write.fileName, { type: write.file.type });
      return await uploadEvidence(
        { mineId: decodeURIComponent(mineId), recordKind, recordId: decodeURIComponent(recordId) },
        write.step,
        file,
        write.caption,
      );
    }
    const headers = { 'idempotency-key': entry.idempotencyKey };
    return write.method === 'PUT'
      ? await api.put(write.path, write.body)
      : await api.post(write.path, write.body, headers);
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429)
        throw new Refused(error.message, error.status);
      throw error;
    }
    if (error instanceof TypeError) throw new Offline(error.message);
    throw error;
  }
}
