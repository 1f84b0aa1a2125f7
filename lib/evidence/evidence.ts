import type * as z from 'zod/mini';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import type { ObjectStore } from '#lib/files/object-store.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryPage } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, transact, type Write } from '#lib/store/transact.ts';
import { evidenceObjectKey, evidenceSk } from './evidence-keys.ts';
import type { requestUploadBody } from './schemas.ts';
import { assertMayAttach, EVIDENCE_TARGETS } from './targets.ts';
import { EVIDENCE_RECORDS, EVIDENCE_TYPES, type EvidenceRecordKind } from './vocabulary.ts';

/**
 * Evidence files of a record, in three steps: the caller asks to upload a file to a step of a record it may add
 * evidence to and gets a form whose policy fixes the key, the type and the size; the browser posts the file straight
 * to the bucket; the caller completes the upload and the API reads the stored file back, checks it is what was
 * declared (size, type, SHA-256) and records it with its audit event in one transaction. Files are never replaced
 * or removed through the API: a record's evidence only grows, each file tied to the version the bucket gave it.
 */

/** How long an upload form works. */
const UPLOAD_FORM_SECONDS = 15 * 60;
/** How long an unfinished upload is remembered (the table's TTL removes it). */
const UPLOAD_KEPT_SECONDS = 24 * 60 * 60;
/** How long a download link works. */
const DOWNLOAD_SECONDS = 5 * 60;
/** More files than this on one record is a mistake or an abuse, not evidence. */
export const MAX_FILES_PER_RECORD = 100;

interface EvidenceRef {
  readonly mineId: string;
  readonly recordKind: EvidenceRecordKind;
  readonly recordId: string;
}

interface UploadItem extends EvidenceRef {
  readonly uploadId: string;
  readonly key: string;
  readonly step: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly caption?: string;
  readonly requestedBy: Actor;
  readonly requestedAt: string;
  readonly expiresAt: number;
}

export interface Attachment extends EvidenceRef {
  readonly attachmentId: string;
  readonly step: string;
  readonly stepLabel: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly versionId?: string;
  readonly caption?: string;
  readonly source: 'mine' | 'bureau';
  readonly uploadedBy: Actor;
  readonly uploadedAt: string;
}

const stepLabel = (kind: EvidenceRecordKind, step: string) =>
  (EVIDENCE_RECORDS[kind].steps as Record<string, string>)[step] ?? step;

async function loadTarget(store: TenantStore, ref: EvidenceRef) {
  return EVIDENCE_TARGETS[ref.recordKind].load(store, ref.mineId, ref.recordId);
}

/** A form to upload one file to a step of a record; refused before any byte moves if the caller may not add it. */
export async function requestUpload(
  store: TenantStore,
  files: ObjectStore,
  ref: EvidenceRef,
  body: z.infer<typeof requestUploadBody>,
) {
  const record = await loadTarget(store, ref);
  assertMayAttach(store.principal, ref.recordKind, body.step, record);
  const ending = body.fileName.toLowerCase().split('.').pop() ?? '';
  if (!(EVIDENCE_TYPES[body.contentType].extensions as readonly string[]).includes(ending))
    throw new ValidationError('文件扩展名与文件类型不符', [
      {
        field: 'body.fileName',
        message: `${EVIDENCE_TYPES[body.contentType].label}的文件名须以 .${EVIDENCE_TYPES[body.contentType].extensions.join(' 或 .')} 结尾`,
      },
    ]);
  const { db } = await store.mine(ref.mineId);
  const now = db.now();
  const uploadId = db.newId('upl');
  const key = evidenceObjectKey(ref.mineId, uploadId);
  const form = await files.uploadForm({
    key,
    contentType: body.contentType,
    size: body.size,
    sha256: body.sha256,
    expiresInSeconds: UPLOAD_FORM_SECONDS,
  });
  const upload: UploadItem = {
    ...ref,
    uploadId,
    key,
    step: body.step,
    fileName: body.fileName,
    contentType: body.contentType,
    size: body.size,
    sha256: body.sha256,
    ...(body.caption ? { caption: body.caption } : {}),
    requestedBy: actorOf(store.principal),
    requestedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + UPLOAD_KEPT_SECONDS,
  };
  await transact(db, [
    putNew(
      db,
      { PK: pk.mine(ref.mineId), SK: evidenceSk.upload(uploadId), ...upload },
      new ConflictError(`上传 ${uploadId} 已存在`),
    ),
  ]);
  return {
    uploadId,
    key,
    url: form.url,
    fields: form.fields,
    expiresAt: new Date(now.getTime() + UPLOAD_FORM_SECONDS * 1000).toISOString(),
  };
}

/**
 * The file was posted: check what the bucket holds is what was declared, then record it. Only the one who asked
 * for the form completes it, once; a file that differs from the declaration is refused and recorded nowhere.
 */
export async function completeUpload(
  store: TenantStore,
  files: ObjectStore,
  ref: EvidenceRef & { uploadId: string },
): Promise<Attachment> {
  const record = await loadTarget(store, ref);
  const { principal } = store;
  const { db } = await store.mine(ref.mineId);
  const upload = await getItem<UploadItem>(db, { PK: pk.mine(ref.mineId), SK: evidenceSk.upload(ref.uploadId) });
  const nowSeconds = Math.floor(db.now().getTime() / 1000);
  if (
    !upload ||
    upload.expiresAt <= nowSeconds ||
    upload.recordKind !== ref.recordKind ||
    upload.recordId !== ref.recordId ||
    upload.requestedBy.sub !== principal.sub
  ) {
    throw new NotFoundError(`上传 ${ref.uploadId} 不存在或已过期`);
  }
  // The rules may have changed since the form was given (a hazard verified meanwhile does not matter; a role does).
  assertMayAttach(principal, ref.recordKind, upload.step, record);
  const stored = await files.head(upload.key);
  if (!stored) {
    throw new RuleError('文件尚未上传到存储，请先按上传表单提交文件', [
      { field: 'uploadId', message: '存储中没有这个文件' },
    ]);
  }
  const problems: { field: string; message: string }[] = [];
  if (stored.size !== upload.size)
    problems.push({ field: 'size', message: `存储的文件为 ${stored.size} 字节，申请时为 ${upload.size} 字节` });
  if (stored.contentType !== upload.contentType)
    problems.push({ field: 'contentType', message: `存储的文件类型为 ${stored.contentType ?? '未知'}` });
  const sha256 = problems.length ? '' : await files.sha256(upload.key, stored.versionId);
  if (!problems.length && sha256 !== upload.sha256)
    problems.push({ field: 'sha256', message: '存储的文件内容与申请时声明的 SHA-256 不一致' });
  if (problems.length) throw new RuleError('存储的文件与申请上传时声明的不一致，未登记为证据材料', problems);

  const existing = await queryPage(
    db,
    { partition: pk.mine(ref.mineId), beginsWith: evidenceSk.attachmentsOf(ref.recordKind, ref.recordId) },
    { limit: MAX_FILES_PER_RECORD },
  );
  // The same file on the same step is one file: a retry whose first answer was lost (a phone at the mine) finds
  // the file it added then, and the upload is used up without adding it twice.
  const same = (existing.items as Record<string, unknown>[]).find((a) => a.step === upload.step && a.sha256 === sha256);
  if (same) {
    await transact(db, [consumeUpload(db, ref)]);
    return publicAttachment(same);
  }
  if (existing.items.length >= MAX_FILES_PER_RECORD)
    throw new RuleError(`一条记录最多 ${MAX_FILES_PER_RECORD} 个证据文件`);

  const at = db.now().toISOString();
  const actor = actorOf(principal);
  const attachment: Attachment = {
    attachmentId: db.newId('att'),
    mineId: ref.mineId,
    recordKind: ref.recordKind,
    recordId: ref.recordId,
    step: upload.step,
    stepLabel: stepLabel(ref.recordKind, upload.step),
    fileName: upload.fileName,
    contentType: upload.contentType,
    size: stored.size,
    sha256,
    ...(stored.versionId ? { versionId: stored.versionId } : {}),
    ...(upload.caption ? { caption: upload.caption } : {}),
    source: principal.kind === 'mine' ? 'mine' : 'bureau',
    uploadedBy: actor,
    uploadedAt: at,
  };
  const { profile: mine } = await store.mine(ref.mineId);
  await transact(db, [
    consumeUpload(db, ref),
    putNew(
      db,
      {
        PK: pk.mine(ref.mineId),
        SK: evidenceSk.attachment(ref.recordKind, ref.recordId, attachment.attachmentId),
        key: upload.key,
        ...attachment,
      },
      new ConflictError(`证据材料 ${attachment.attachmentId} 已存在`),
    ),
    auditWrite(
      db,
      actor,
      {
        mineId: ref.mineId,
        jurisdiction: mine.jurisdiction,
        action: 'evidence.added',
        entityType: ref.recordKind,
        entityId: ref.recordId,
        after: { ...attachment },
      },
      at,
    ),
  ]);
  return attachment;
}

/** Completing consumes the upload: a second completion of the same upload finds nothing to complete. */
const consumeUpload = (db: Db, ref: EvidenceRef & { uploadId: string }): Write => ({
  item: {
    Delete: {
      TableName: db.tableName,
      Key: { PK: pk.mine(ref.mineId), SK: evidenceSk.upload(ref.uploadId) },
      ConditionExpression: 'attribute_exists(PK)',
    },
  },
  onConditionFailed: new ConflictError(`上传 ${ref.uploadId} 已登记为证据材料`),
});

/** The files of a record, oldest first (the order they were added). */
export async function listAttachments(store: TenantStore, ref: EvidenceRef): Promise<{ items: Attachment[] }> {
  await loadTarget(store, ref);
  const { db } = await store.mine(ref.mineId);
  const page = await queryPage<Record<string, unknown>>(
    db,
    { partition: pk.mine(ref.mineId), beginsWith: evidenceSk.attachmentsOf(ref.recordKind, ref.recordId) },
    { limit: MAX_FILES_PER_RECORD },
  );
  return { items: page.items.map(publicAttachment) };
}

/** A short-lived link to the very version that was checked when the file was added. */
export async function downloadAttachment(
  store: TenantStore,
  files: ObjectStore,
  ref: EvidenceRef & { attachmentId: string },
) {
  await loadTarget(store, ref);
  const { db } = await store.mine(ref.mineId);
  const item = await getItem<Attachment & { key: string }>(db, {
    PK: pk.mine(ref.mineId),
    SK: evidenceSk.attachment(ref.recordKind, ref.recordId, ref.attachmentId),
  });
  if (!item) throw new NotFoundError(`证据材料 ${ref.attachmentId} 不存在`);
  const url = await files.downloadUrl({
    key: item.key,
    versionId: item.versionId,
    fileName: item.fileName,
    contentType: item.contentType,
    expiresInSeconds: DOWNLOAD_SECONDS,
  });
  return {
    url,
    expiresAt: new Date(store.now().getTime() + DOWNLOAD_SECONDS * 1000).toISOString(),
    fileName: item.fileName,
    contentType: item.contentType,
    size: item.size,
    sha256: item.sha256,
  };
}

/** The stored key stays inside: callers reach a file only through a link the API signs. */
function publicAttachment(item: Record<string, unknown>): Attachment {
  const { key: _key, ...rest } = stripKeys(item) as unknown as Attachment & { key: string };
  return rest;
}
