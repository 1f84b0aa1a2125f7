/**
 * Evidence files (证据材料), plain data the API and the dashboard share: which files a record takes, how large, and
 * the records and steps they attach to, with the Chinese a person reads.
 */

/** 20 MB: a phone photo or a scanned decision fits; a video does not belong in a record. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** The types a record takes, each with the file name endings a browser may report for it. */
export const EVIDENCE_TYPES = {
  'image/jpeg': { label: 'JPEG 照片', extensions: ['jpg', 'jpeg'] },
  'image/png': { label: 'PNG 图片', extensions: ['png'] },
  'image/heic': { label: 'HEIC 照片', extensions: ['heic'] },
  'image/heif': { label: 'HEIF 照片', extensions: ['heif', 'heic'] },
  'application/pdf': { label: 'PDF 文件', extensions: ['pdf'] },
  'application/msword': { label: 'Word 文档', extensions: ['doc'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word 文档',
    extensions: ['docx'],
  },
  'application/vnd.ms-excel': { label: 'Excel 表格', extensions: ['xls'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel 表格', extensions: ['xlsx'] },
  'application/vnd.ms-powerpoint': { label: 'PowerPoint 文稿', extensions: ['ppt'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    label: 'PowerPoint 文稿',
    extensions: ['pptx'],
  },
} as const satisfies Record<string, { label: string; extensions: readonly string[] }>;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_TYPE_NAMES = Object.keys(EVIDENCE_TYPES) as EvidenceType[];

/** The type a file name's ending implies (browsers report HEIC and some Office files as ''). */
export function evidenceTypeOfName(fileName: string): EvidenceType | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return EVIDENCE_TYPE_NAMES.find((t) => (EVIDENCE_TYPES[t].extensions as readonly string[]).includes(ext));
}

/** The records that carry evidence, and the steps of each a file belongs to. */
export const EVIDENCE_RECORDS = {
  inspection: { label: '执法检查', steps: { onsite: '现场检查' } },
  hazard: { label: '事故隐患', steps: { found: '发现', rectified: '整改', verified: '验收' } },
  violation: { label: '违法违规行为', steps: { found: '认定' } },
  penalty: { label: '行政处罚', steps: { decided: '决定', executed: '执行' } },
  case: { label: '调查核实案件', steps: { action: '调查处理' } },
  accident: { label: '生产安全事故', steps: { report: '报告与调查' } },
  blacklist: { label: '失信名单', steps: { bureau: '认定与移出', objection: '陈述申辩' } },
  duty: { label: '周期性工作', steps: { record: '完成记录' } },
  register_request: { label: '设备与电表台账变更', steps: { request: '申请材料' } },
  directive: { label: '督办文书', steps: { reply: '答复材料' } },
  acceptance: { label: '复工复产验收', steps: { application: '整改报告材料', check: '现场检查' } },
} as const;
export type EvidenceRecordKind = keyof typeof EVIDENCE_RECORDS;
export const EVIDENCE_RECORD_KINDS = Object.keys(EVIDENCE_RECORDS) as EvidenceRecordKind[];
export type EvidenceStep = {
  [K in EvidenceRecordKind]: keyof (typeof EVIDENCE_RECORDS)[K]['steps'];
}[EvidenceRecordKind];
export const EVIDENCE_STEPS = [
  ...new Set(EVIDENCE_RECORD_KINDS.flatMap((k) => Object.keys(EVIDENCE_RECORDS[k].steps))),
] as EvidenceStep[];

/** "3.2 MB": sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
