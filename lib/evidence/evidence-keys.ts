import type { EvidenceRecordKind } from './vocabulary.ts';

/**
 * Where evidence lives. In the table, under the mine's partition: an upload waiting to be completed, and each file
 * of a record, keyed by the record so its files are one query. In the bucket, under the mine's prefix: the policy of
 * every upload form fixes its key there, and the functions' access is granted on `mines/*` only.
 */
export const evidenceSk = {
  upload: (uploadId: string) => `UPLOAD#${uploadId}`,
  attachment: (kind: EvidenceRecordKind, recordId: string, attachmentId: string) =>
    `ATTACH#${kind}#${recordId}#${attachmentId}`,
  attachmentsOf: (kind: EvidenceRecordKind, recordId: string) => `ATTACH#${kind}#${recordId}#`,
};

export const mineObjectPrefix = (mineId: string) => `mines/${mineId}/`;
export const evidenceObjectKey = (mineId: string, uploadId: string) =>
  `${mineObjectPrefix(mineId)}evidence/${uploadId}`;
