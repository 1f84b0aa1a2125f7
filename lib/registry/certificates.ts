import type * as z from 'zod/mini';
import { ConflictError, NotFoundError, RuleError } from '#lib/errors.ts';
import { type Actor, actorOf, auditWrite } from '#lib/store/audit.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi2, pk, stripKeys } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';
import { daysBetween, todayInShanghai } from '#lib/validators/business-date.ts';
import { refuseFutureDates } from '#lib/validators/past-dates.ts';
import { maskResidentId } from '#lib/validators/resident-id.ts';
import { enforce } from '#lib/workflow/engine.ts';
import type { approveCertificateBody, certificateBody, rejectCertificateBody } from './certificate-schemas.ts';
import type { MineItem } from './mine-item.ts';
import {
  CERTIFICATE_KIND_LABELS,
  CERTIFICATE_STATE_LABELS,
  CERTIFICATE_WORKFLOW,
  type CertificateKind,
  type CertificateState,
  REGISTER_REQUEST_STATUS_LABELS,
  type RegisterRequestDecision,
  type RegisterRequestStatus,
  SPECIAL_OPERATION_LABELS,
  type SpecialOperation,
} from './vocabulary.ts';

/**
 * Certificates of a mine's safety managers and special-operations workers (持证上岗). A bureau user registers one and
 * it is on the file at once; a mine user's registration is a request that counts for nothing until a bureau user
 * (not the one who asked) approves it (CERTIFICATE_WORKFLOW), like a change of the register. Only an approved
 * certificate is on the due-date index (GSI2 DUE#<path> / <expiresOn>#CERTIFICATE#<mineId>#<id>), so the morning scan
 * reminds of its expiry like a licence's. The holder's resident ID is kept masked only: the certificate names whom
 * it certifies, it does not identify them across mines.
 *
 * Keys: PK MINE#<mineId>, SK CERT#<certificateId>.
 */
export const CERTIFICATE_DUE_KIND = 'CERTIFICATE';
/** 特种作业操作证 are reviewed (复审) within the 60 days before expiry: the window in which one is "expiring". */
export const CERTIFICATE_EXPIRING_WITHIN_DAYS = 60;

export interface CertificateItem {
  readonly certificateId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly jurisdiction: string;
  readonly kind: CertificateKind;
  readonly operation?: SpecialOperation;
  readonly holderName: string;
  readonly residentIdMasked: string;
  readonly certificateNo: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  readonly status: RegisterRequestStatus;
  readonly requestedBy: Actor;
  readonly requestedAt: string;
  readonly decidedBy?: Actor;
  readonly decidedAt?: string;
  readonly decisionNote?: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const certificatePrefix = 'CERT#';
const certificateKey = (mineId: string, certificateId: string) => ({
  PK: pk.mine(mineId),
  SK: `${certificatePrefix}${certificateId}`,
});
const stored = (c: CertificateItem) => ({
  ...certificateKey(c.mineId, c.certificateId),
  entity: 'certificate',
  ...(c.status === 'approved'
    ? {
        GSI2PK: gsi2.due(c.jurisdiction),
        GSI2SK: gsi2.dueItem(c.expiresOn, CERTIFICATE_DUE_KIND, c.mineId, c.certificateId),
      }
    : {}),
  ...c,
});

/**
 * A certificate's standing on `today`: valid up to and including its expiry date, expired from the day after, and
 * expiring from CERTIFICATE_EXPIRING_WITHIN_DAYS days before (the day itself included).
 */
export function certificateStateOn(
  expiresOn: string,
  today: string,
): { state: CertificateState; daysToExpiry: number } {
  const daysToExpiry = daysBetween(today, expiresOn);
  const state: CertificateState =
    daysToExpiry < 0 ? 'expired' : daysToExpiry <= CERTIFICATE_EXPIRING_WITHIN_DAYS ? 'expiring' : 'valid';
  return { state, daysToExpiry };
}

export function certificateView(c: CertificateItem, now: Date) {
  const { state, daysToExpiry } = certificateStateOn(c.expiresOn, todayInShanghai(now));
  return {
    ...c,
    kindLabel: CERTIFICATE_KIND_LABELS[c.kind],
    ...(c.operation ? { operationLabel: SPECIAL_OPERATION_LABELS[c.operation] } : {}),
    statusLabel: REGISTER_REQUEST_STATUS_LABELS[c.status],
    ...(c.status === 'approved' ? { state, stateLabel: CERTIFICATE_STATE_LABELS[state] } : {}),
    daysToExpiry,
  };
}
export type CertificateView = ReturnType<typeof certificateView>;

/** What a certificate is called in a message: its operation or kind, its holder and number. */
export const certificateTitle = (c: Pick<CertificateItem, 'kind' | 'operation' | 'holderName' | 'certificateNo'>) =>
  `${c.operation ? SPECIAL_OPERATION_LABELS[c.operation] : CERTIFICATE_KIND_LABELS[c.kind]}证书（${c.holderName}，${c.certificateNo}）`;

const staleCertificate = (certificateId: string) =>
  new ConflictError(`证书 ${certificateId} 已被他人处理，请刷新后重试`, [
    { field: 'body.version', message: '证书已被他人处理，请刷新后重试' },
  ]);

/** Registers a certificate: in force at once when a bureau user registers it, a request when a mine user does. */
export async function registerCertificate(store: TenantStore, mineId: string, body: z.infer<typeof certificateBody>) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  refuseFutureDates(db.now(), { field: 'body.issuedOn', label: '发证日期', date: body.issuedOn });
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const byBureau = store.principal.kind === 'bureau';
  const certificate: CertificateItem = {
    certificateId: db.newId('cert'),
    mineId,
    mineName: mine.name,
    jurisdiction: mine.jurisdiction,
    kind: body.kind,
    ...(body.operation ? { operation: body.operation } : {}),
    holderName: body.holderName,
    residentIdMasked: maskResidentId(body.residentId),
    certificateNo: body.certificateNo,
    issuedOn: body.issuedOn,
    expiresOn: body.expiresOn,
    status: byBureau ? 'approved' : 'pending',
    requestedBy: actor,
    requestedAt: at,
    ...(byBureau ? { decidedBy: actor, decidedAt: at } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const { requestedBy: _by, requestedAt: _at, ...audited } = certificate;
  await transact(db, [
    putNew(db, stored(certificate), new ConflictError(`证书 ${certificate.certificateId} 已存在`)),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: byBureau ? 'certificate.registered' : 'certificate.requested',
        entityType: 'certificate',
        entityId: certificate.certificateId,
        before: null,
        after: audited,
      },
      at,
    ),
  ]);
  return certificateView(certificate, db.now());
}

async function readCertificate(db: Db, mineId: string, certificateId: string): Promise<CertificateItem> {
  const item = await getItem<CertificateItem>(db, certificateKey(mineId, certificateId));
  if (!item) throw new NotFoundError(`证书 ${certificateId} 不存在`);
  return stripKeys(item) as CertificateItem;
}

/** A mine's certificates (pending and decided), soonest expiry first. */
export async function listCertificates(store: TenantStore, mineId: string) {
  const { db } = await store.mine(mineId);
  return certificatesOf(db, mineId);
}

/** A mine's certificates for a caller that has checked the mine (the mine's file). */
export async function certificatesOf(db: Db, mineId: string) {
  const items = await queryAll<CertificateItem>(db, { partition: pk.mine(mineId), beginsWith: certificatePrefix });
  return items
    .map((c) => certificateView(stripKeys(c) as CertificateItem, db.now()))
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.certificateId.localeCompare(b.certificateId));
}

export async function getCertificate(store: TenantStore, mineId: string, certificateId: string) {
  const { db } = await store.mine(mineId);
  return certificateView(await readCertificate(db, mineId, certificateId), db.now());
}

/**
 * Approves or rejects a mine's request: a bureau user, never the one who asked (the workflow's four-eyes rule, 422).
 * An approval puts the certificate on the file and its expiry on the due-date index in the same write.
 */
export async function decideCertificate(
  store: TenantStore,
  mineId: string,
  certificateId: string,
  decision: RegisterRequestDecision,
  body: z.infer<typeof approveCertificateBody> | z.infer<typeof rejectCertificateBody>,
) {
  const { profile: mine, db } = await store.mine<MineItem>(mineId);
  const before = await readCertificate(db, mineId, certificateId);
  const actor = actorOf(store.principal);
  const status = enforce(CERTIFICATE_WORKFLOW, {
    state: before.status,
    action: decision,
    actor,
    history: [{ action: 'request', by: before.requestedBy }],
  });
  if (before.version !== body.version) throw staleCertificate(certificateId);
  const note = 'reason' in body ? body.reason : body.note;
  if (decision === 'approve' && before.expiresOn < todayInShanghai(db.now()))
    throw new RuleError('证书已过期，不能批准登记；请驳回，由矿方登记换发后的证书', [
      { field: 'path.certificateId', message: `证书已于 ${before.expiresOn} 到期` },
    ]);
  const at = db.now().toISOString();
  const after: CertificateItem = {
    ...before,
    status,
    decidedBy: actor,
    decidedAt: at,
    ...(note ? { decisionNote: note } : {}),
    version: before.version + 1,
    updatedAt: at,
  };
  await transact(db, [
    putVersioned(db, stored(after), before.version, staleCertificate(certificateId)),
    auditWrite(
      db,
      actor,
      {
        mineId,
        jurisdiction: mine.jurisdiction,
        action: `certificate.${status}`,
        entityType: 'certificate',
        entityId: certificateId,
        before: { status: before.status },
        after: { status },
        reason: note,
      },
      at,
    ),
  ]);
  return certificateView(after, db.now());
}
