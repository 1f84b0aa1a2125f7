import type * as z from 'zod/mini';
import type { inspectionSchema } from '#lib/inspections/schemas.ts';
import { api } from '../../api.ts';
import type { Hazard, Violation } from '../../types.ts';
import { chineseDate, loadParty, type Party } from './document.tsx';

export type InspectionDoc = z.infer<typeof inspectionSchema>;

/** An inspection with its mine and the hazards and violations it found, as the printed documents show them. */
export interface InspectionData {
  readonly inspection: InspectionDoc;
  readonly party: Party;
  readonly hazards: ReadonlyMap<string, Hazard>;
  readonly violations: ReadonlyMap<string, Violation>;
}

export async function loadInspection(inspectionId: string): Promise<InspectionData> {
  const inspection = await api.get<InspectionDoc>(`/v1/inspections/${encodeURIComponent(inspectionId)}`);
  const [party, hazards, violations] = await Promise.all([
    loadParty(inspection.mineId),
    Promise.all(inspection.findings.hazardIds.map((id) => api.get<Hazard>(`/v1/hazards/${encodeURIComponent(id)}`))),
    Promise.all(
      inspection.findings.violationIds.map((id) => api.get<Violation>(`/v1/violations/${encodeURIComponent(id)}`)),
    ),
  ]);
  return {
    inspection,
    party,
    hazards: new Map(hazards.map((h) => [h.hazardId, h])),
    violations: new Map(violations.map((v) => [v.violationId, v])),
  };
}

export const hazardLine = (h: Hazard): string =>
  `${h.level === 'major' ? '重大事故隐患' : '一般隐患'}：${h.location}，${h.description}${h.level === 'major' && h.categoryName ? `（${h.categoryName}）` : ''}`;
export const violationLine = (v: Violation): string =>
  `违法行为：${v.description}（${v.categoryName}，${chineseDate(v.date)}）`;
