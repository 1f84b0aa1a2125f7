import type * as z from 'zod/mini';
import type { attachmentSchema } from '#lib/evidence/schemas.ts';
import { EVIDENCE_TYPES, type EvidenceType, evidenceTypeOfName, MAX_EVIDENCE_BYTES } from '#lib/evidence/vocabulary.ts';
import { api } from '../api.ts';

/**
 * One evidence file from the browser to the record: ask the API for an upload form (it checks the caller may add a
 * file to that step and fixes key, type and size), post the file straight to the bucket, then complete the upload
 * so the API reads the file back and records it with its SHA-256.
 */
export interface EvidenceTarget {
  readonly mineId: string;
  readonly recordKind: string;
  readonly recordId: string;
}

/** A record's file as the API lists it. */
export type Attachment = z.infer<typeof attachmentSchema>;

export const recordPath = (t: EvidenceTarget) =>
  `/v1/mines/${encodeURIComponent(t.mineId)}/evidence/${t.recordKind}/${encodeURIComponent(t.recordId)}`;

/** The type the API takes for this file: the browser's, or the one its name implies (HEIC often comes as ''). */
export function evidenceTypeOf(file: File): EvidenceType | undefined {
  if (file.type && file.type in EVIDENCE_TYPES) return file.type as EvidenceType;
  return evidenceTypeOfName(file.name);
}

/** What is wrong with a file before anything is sent, in the words the API would use. */
export function fileProblem(file: File): string | undefined {
  if (!evidenceTypeOf(file)) return `“${file.name}”不是可接受的文件：只接受照片（JPEG、PNG、HEIC）、PDF 和 Office 文件`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > MAX_EVIDENCE_BYTES) return `“${file.name}”超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`;
  return undefined;
}

export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The bucket answers refusals in S3's XML; its <Message> says why. */
async function bucketRefusal(res: Response): Promise<Error> {
  const text = await res.text().catch(() => '');
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return new Error(`存储拒绝了文件（${res.status}）${message ? `：${message}` : ''}`);
}

export async function uploadEvidence(
  target: EvidenceTarget,
  step: string,
  file: File,
  caption?: string,
): Promise<Attachment> {
  const problem = fileProblem(file);
  if (problem) throw new Error(problem);
  const contentType = evidenceTypeOf(file)!;
  const ticket = await api.post<{ uploadId: string; url: string; fields: Record<string, string> }>(
    `${recordPath(target)}/uploads`,
    {
      step,
      fileName: file.name,
      contentType,
      size: file.size,
      sha256: await sha256Hex(file),
      ...(caption?.trim() ? { caption: caption.trim() } : {}),
    },
  );
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([file], { type: contentType }), file.name);
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  if (!res.ok) throw await bucketRefusal(res);
  return api.post<Attachment>(`${recordPath(target)}/uploads/${ticket.uploadId}/complete`, undefined, {
    'idempotency-key': `complete-${ticket.uploadId}`,
  });
}

/** A short-lived link to the checked version of the file. */
export const downloadLink = (target: EvidenceTarget, attachmentId: string) =>
  api.get<{ url: string; fileName: string; sha256: string }>(`${recordPath(target)}/files/${attachmentId}`);
