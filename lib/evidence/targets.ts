import { ACCEPTANCE_KIND } from '#lib/acceptance/acceptance-item.ts';
import type { Principal } from '#lib/auth/principal.ts';
import type { Role } from '#lib/auth/roles.ts';
import { findEntry } from '#lib/blacklist/blacklist-service.ts';
import { loadCase } from '#lib/cases/case-actions.ts';
import { DIRECTIVE_KIND } from '#lib/directives/directive-item.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '#lib/errors.ts';
import { loadHazard } from '#lib/hazards/hazards.ts';
import { loadPenalty } from '#lib/penalties/penalties.ts';
import { getRegisterRequest } from '#lib/registry/register-requests.ts';
import { PERIODIC_DUTIES, type PeriodicDuty } from '#lib/registry/vocabulary.ts';
import { ACCIDENT_KIND, INSPECTION_KIND, loadDated, VIOLATION_KIND } from '#lib/store/dated-records.ts';
import { pk, sk } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { EVIDENCE_RECORDS, type EvidenceRecordKind } from './vocabulary.ts';

/**
 * The records evidence attaches to: how to find one in the caller's reach (404 as for any record out of reach),
 * and who may add a file to each of its steps. The mine supplies the evidence of its own acts (a rectification, a
 * self-found hazard, its duties, its register requests, its objection); the bureau supplies what it found and
 * decided. A mine user can never add a file to an inspector's step, so what the inspector recorded stays his.
 */
export interface TargetRecord {
  readonly mineId: string;
  /** For the rules of a step: a hazard's source (the mine's own report or the bureau's finding). */
  readonly source?: string;
}

type StepRule = readonly Role[] | ((principal: Principal, record: TargetRecord) => boolean);

interface TargetSpec {
  load(store: TenantStore, mineId: string, recordId: string): Promise<TargetRecord>;
  readonly steps: Record<string, StepRule>;
}

const INSPECTORS: readonly Role[] = ['bureau_admin', 'inspector'];
const DECIDERS: readonly Role[] = ['bureau_admin', 'inspector', 'legal_reviewer'];
const BUREAU: readonly Role[] = DECIDERS;
const MINE_OR_ADMIN: readonly Role[] = ['bureau_admin', 'mine_user'];
const MINE_OR_INSPECTORS: readonly Role[] = ['bureau_admin', 'inspector', 'mine_user'];

const notFound = (kind: EvidenceRecordKind, id: string) =>
  new NotFoundError(`${EVIDENCE_RECORDS[kind].label} ${id} 不存在`);

/** A record found through its own id must be of the mine the path names. */
const ofMine = (kind: EvidenceRecordKind, mineId: string, recordId: string, record: TargetRecord): TargetRecord => {
  if (record.mineId !== mineId) throw notFound(kind, recordId);
  return record;
};

export const EVIDENCE_TARGETS: Record<EvidenceRecordKind, TargetSpec> = {
  inspection: {
    load: async (store, mineId, id) => ofMine('inspection', mineId, id, await loadDated(store, INSPECTION_KIND, id)),
    steps: { onsite: INSPECTORS },
  },
  hazard: {
    load: async (store, mineId, id) => {
      const { hazard } = await loadHazard(store, id);
      return ofMine('hazard', mineId, id, { mineId: hazard.mineId, source: hazard.source });
    },
    steps: {
      // What was found is the finder's: the inspector's for an inspection's hazard, the mine's for its own report.
      found: (p, r) => (r.source === 'self_report' ? p.role === 'mine_user' : INSPECTORS.includes(p.role)),
      rectified: ['mine_user'],
      verified: INSPECTORS,
    },
  },
  violation: {
    load: async (store, mineId, id) => ofMine('violation', mineId, id, await loadDated(store, VIOLATION_KIND, id)),
    steps: { found: INSPECTORS },
  },
  penalty: {
    load: async (store, mineId, id) => ofMine('penalty', mineId, id, (await loadPenalty(store, id)).penalty),
    steps: { decided: DECIDERS, executed: INSPECTORS },
  },
  case: {
    load: async (store, mineId, id) => ofMine('case', mineId, id, (await loadCase(store, id)).c),
    steps: { action: INSPECTORS },
  },
  accident: {
    load: async (store, mineId, id) => ofMine('accident', mineId, id, await loadDated(store, ACCIDENT_KIND, id)),
    steps: { report: INSPECTORS },
  },
  blacklist: {
    load: async (store, mineId, id) => {
      const { db } = await store.mine(mineId);
      const entry = await findEntry(db, id);
      if (!entry || entry.mineId !== mineId) throw notFound('blacklist', id);
      return { mineId: entry.mineId };
    },
    steps: { bureau: BUREAU, objection: ['bureau_admin', 'legal_reviewer', 'mine_user'] },
  },
  duty: {
    load: async (store, mineId, id) => {
      const { db } = await store.mine(mineId);
      const known = (PERIODIC_DUTIES as readonly string[]).includes(id);
      const item = known ? await getItem(db, { PK: pk.mine(mineId), SK: sk.duty(id as PeriodicDuty) }) : undefined;
      if (!item) throw notFound('duty', id);
      return { mineId };
    },
    steps: { record: MINE_OR_ADMIN },
  },
  register_request: {
    load: async (store, mineId, id) => ({ mineId: (await getRegisterRequest(store, mineId, id)).mineId }),
    steps: { request: MINE_OR_INSPECTORS },
  },
  directive: {
    load: async (store, mineId, id) => ofMine('directive', mineId, id, await loadDated(store, DIRECTIVE_KIND, id)),
    // The mine's evidence for its answers; what the bureau issued takes no files from anyone.
    steps: { reply: ['mine_user'] },
  },
  acceptance: {
    load: async (store, mineId, id) => ofMine('acceptance', mineId, id, await loadDated(store, ACCEPTANCE_KIND, id)),
    // The mine's report is the mine's; what the check found is the inspectors'.
    steps: { application: ['mine_user'], check: INSPECTORS },
  },
};

/** May this caller add a file to this step of the record? A step the record does not have is the caller's mistake. */
export function assertMayAttach(
  principal: Principal,
  kind: EvidenceRecordKind,
  step: string,
  record: TargetRecord,
): void {
  const rule = EVIDENCE_TARGETS[kind].steps[step];
  if (!rule) {
    const steps = Object.keys(EVIDENCE_TARGETS[kind].steps).join(', ');
    throw new ValidationError(`${EVIDENCE_RECORDS[kind].label}没有“${step}”这一环节`, [
      { field: 'body.step', message: `须为 ${steps} 之一` },
    ]);
  }
  const allowed = typeof rule === 'function' ? rule(principal, record) : rule.includes(principal.role);
  if (!allowed) {
    const stepLabel = (EVIDENCE_RECORDS[kind].steps as Record<string, string>)[step];
    throw new ForbiddenError(`您的角色不能为${EVIDENCE_RECORDS[kind].label}的“${stepLabel}”环节添加证据材料`, [
      { field: 'body.step', message: '由该环节的记录方提供证据材料' },
    ]);
  }
}
