import type { FileWrite, JsonWrite, OutboxEntry } from '../../offline/outbox.ts';

/**
 * Which of the phone's waiting writes belong to one inspection: the records found on it (a hazard or a violation
 * naming its id, or the `@ref:` of its own start while that waits too) and the photos of those records. Pure, so the
 * matching is tested on its own.
 */
export interface PendingFinding {
  readonly entry: OutboxEntry;
  readonly kind: 'hazard' | 'violation';
  /** Photos waiting for this record. */
  readonly photos: number;
}

const RECORD = /^\/v1\/mines\/[^/]+\/(hazards|violations)$/;

/** The id a found record names for its inspection: `inspectionId` of a hazard, `source.id` of a violation. */
export function inspectionOf(write: JsonWrite | FileWrite): string | undefined {
  if (write.type !== 'json' || !RECORD.test(write.path)) return undefined;
  const body = (write.body ?? {}) as { inspectionId?: unknown; source?: { kind?: unknown; id?: unknown } };
  if (typeof body.inspectionId === 'string') return body.inspectionId;
  if (body.source?.kind === 'inspection' && typeof body.source.id === 'string') return body.source.id;
  return undefined;
}

/** The record id a file write goes to (`@ref:…` while its record waits). */
export function fileRecordId(write: JsonWrite | FileWrite): string | undefined {
  if (write.type !== 'file') return undefined;
  return decodeURIComponent(write.recordPath.split('/').pop() ?? '');
}

/**
 * The findings of the inspection known as any of `names` (its id, `@ref:inspection-<local>`) still waiting, each
 * with its waiting photos; and the waiting photos of records already sent, by record id.
 */
export function pendingFor(
  entries: readonly OutboxEntry[],
  names: readonly string[],
): { findings: PendingFinding[]; photosByRecord: Record<string, number> } {
  const findings = entries.filter((e) => {
    const of = inspectionOf(e.write);
    return of !== undefined && names.includes(of);
  });
  const photosByRecord: Record<string, number> = {};
  for (const e of entries) {
    const id = fileRecordId(e.write);
    if (id) photosByRecord[id] = (photosByRecord[id] ?? 0) + 1;
  }
  return {
    findings: findings.map((entry) => ({
      entry,
      kind: /\/hazards$/.test((entry.write as JsonWrite).path) ? 'hazard' : 'violation',
      photos: entry.produces ? (photosByRecord[`@ref:${entry.produces.ref}`] ?? 0) : 0,
    })),
    photosByRecord,
  };
}

/** A short local id for refs: `inspection-<id>`, `hazard-<id>`. */
export const localId = () => crypto.randomUUID().replace(/-/g, '').slice(0, 12);

/** The `@ref:` names that stand for `id` (the refs its own start or record produced). */
export function aliasesOf(refs: Readonly<Record<string, string>>, id: string): string[] {
  return Object.entries(refs)
    .filter(([, value]) => value === id)
    .map(([name]) => `@ref:${name}`);
}

/** Waiting photo counts by the record's real id where its ref is known. */
export function byRecordId(
  counts: Readonly<Record<string, number>>,
  refs: Readonly<Record<string, string>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(counts)) {
    const id = key.startsWith('@ref:') ? (refs[key.slice('@ref:'.length)] ?? key) : key;
    out[id] = (out[id] ?? 0) + n;
  }
  return out;
}
