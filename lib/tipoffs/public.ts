import { randomBytes } from 'node:crypto';
import type * as z from 'zod/mini';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '#lib/errors.ts';
import type { ObjectStore } from '#lib/files/object-store.ts';
import { ancestors } from '#lib/policies/policy-store.ts';
import { residentIdHash } from '#lib/registry/pii.ts';
import { batchGet } from '#lib/store/batch.ts';
import { consumeQuota } from '#lib/store/counters.ts';
import type { Db } from '#lib/store/db.ts';
import { gsi1, pk, sk } from '#lib/store/keys.ts';
import { getItem, queryAll } from '#lib/store/query.ts';
import { put, putNew, putVersioned, transact, type Write } from '#lib/store/transact.ts';
import { addDays, todayInShanghai } from '#lib/validators/business-date.ts';
import { checkStoredFile, newUploadToken, uploadTokenKey, uploadTokenMatches, uploadTokenWrite } from './files.ts';
import { proofHolds } from './proof-of-work.ts';
import type { challengeQuery, fileTipoffBody } from './schemas.ts';
import { PUBLIC_ACTOR, tipoffAudit } from './tipoff-audit.ts';
import {
  challengeKey,
  codeKey,
  contactKey,
  newTrackingCode,
  type Tipoff,
  type TipoffFile,
  tipoffFileKey,
  tipoffItem,
  tipoffKey,
} from './tipoff-item.ts';
import { tipoffPolicy } from './tipoff-policy.ts';
import { TIPOFF_FINDING_LABELS, TIPOFF_STATUS_LABELS } from './vocabulary.ts';

/**
 * What a visitor does without an account: ask for a proof-of-work challenge, file a report, check it with the code.
 * Each call is counted against its source (a keyed hash of the address, the address itself never stored) before
 * anything else is read.
 */
const CHALLENGE_SECONDS = 10 * 60;
const UPLOAD_FORM_SECONDS = 30 * 60;
const HOUR = 3600;

/** A keyed hash of the caller's address: the same source counts alike, and the table never holds the address. */
export const sourceOf = async (sourceIp: string | undefined): Promise<string> =>
  (await residentIdHash(`tipoff-source|${sourceIp ?? 'unknown'}`)).slice(0, 32);

async function countSource(db: Db, key: string, limit: number): Promise<void> {
  const outcome = await consumeQuota(db, key, limit, HOUR);
  if (!outcome.granted)
    throw new TooManyRequestsError(
      `提交过于频繁，请 ${Math.ceil(outcome.retryAfterSeconds / 60)} 分钟后再试。`,
      outcome.retryAfterSeconds,
    );
}

interface ChallengeItem {
  readonly challenge: string;
  readonly jurisdiction: string;
  readonly difficulty: number;
  readonly expiresAtIso: string;
}

export async function issueChallenge(db: Db, source: string, query: z.infer<typeof challengeQuery>) {
  const { values } = await tipoffPolicy.inForce(db, query.jurisdiction);
  await countSource(db, `tipoff-challenge:${source}`, values.perSourcePerHour * 5);
  const challenge = randomBytes(16).toString('base64url');
  const expires = new Date(db.now().getTime() + CHALLENGE_SECONDS * 1000);
  const item: ChallengeItem = {
    challenge,
    jurisdiction: query.jurisdiction,
    difficulty: values.powDifficulty,
    expiresAtIso: expires.toISOString(),
  };
  await transact(db, [
    put(db, {
      ...challengeKey(challenge),
      entity: 'powChallenge',
      ...item,
      expiresAt: Math.floor(expires.getTime() / 1000) + HOUR,
    }),
  ]);
  return { challenge, difficulty: values.powDifficulty, expiresAt: item.expiresAtIso };
}

/** The mines a visitor may pick from: id and name only. */
export async function publicMines(db: Db, jurisdiction: string) {
  const listed = await queryAll<{ mineId: string; name: string }>(db, {
    index: 'GSI1',
    partition: gsi1.minesOfProvince(jurisdiction),
    beginsWith: gsi1.jurisdictionPrefix(jurisdiction),
    attributes: ['mineId', 'name'],
  });
  return {
    items: listed
      .map((m) => ({ mineId: m.mineId, name: m.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

/**
 * One level of the jurisdictions a visitor may report to, for the page's choices 省 → 市 → 区县: the jurisdictions
 * right under `under` (the top level without it) that have mines themselves or below them, each with its name, its
 * full name (黑龙江省鹤岗市东山区) and whether it takes reports (has mines of its own) or has more levels with mines
 * below. A level unnamed yet is shown by its path. Two reads whatever the country's size: the `JURISDICTIONS` list's
 * key range under `under` (paths only, no Scan) and one batch of the names of this level and the levels above it,
 * not the names of every level in the country.
 */
export async function publicDistricts(db: Db, under?: string) {
  const prefix = under === undefined ? undefined : `${under}/`;
  const paths = (
    await queryAll<{ path: string }>(db, {
      partition: pk.jurisdictions,
      ...(prefix ? { beginsWith: prefix } : {}),
      attributes: ['path'],
    })
  ).map((j) => j.path);
  // The level listed: the paths' first `depth + 1` segments.
  const depth = under === undefined ? 0 : under.split('/').length;
  const levels = new Map<string, { takesReports: boolean; more: boolean }>();
  for (const path of paths) {
    const parts = path.split('/');
    const level = parts.slice(0, depth + 1).join('/');
    const seen = levels.get(level) ?? { takesReports: false, more: false };
    if (parts.length === depth + 1) seen.takesReports = true;
    else seen.more = true;
    levels.set(level, seen);
  }
  const above = under === undefined ? [] : ancestors(under);
  const named = await batchGet<{ path: string; name?: string }>(
    db,
    [...above, ...levels.keys()].map((p) => ({ PK: pk.jurisdiction(p), SK: sk.jurisdictionName })),
    { consistent: false },
  );
  const nameOf = new Map(named.filter((n) => n.name).map((n) => [n.path, n.name as string]));
  const items = [...levels].map(([path, { takesReports, more }]) => {
    const chain = ancestors(path).reverse();
    const name = nameOf.get(path) ?? path;
    const fullName = chain.every((p) => nameOf.has(p)) ? chain.map((p) => nameOf.get(p)).join('') : name;
    return { jurisdiction: path, name, fullName, takesReports, more };
  });
  return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}

const proofRefused = (message: string) => new ValidationError(message, [{ field: 'body.proof', message }]);

export async function fileTipoff(
  db: Db,
  files: () => ObjectStore,
  source: string,
  body: z.infer<typeof fileTipoffBody>,
) {
  const { values } = await tipoffPolicy.inForce(db, body.jurisdiction);
  await countSource(db, `tipoff:${source}`, values.perSourcePerHour);

  const challenge = await getItem<ChallengeItem>(db, challengeKey(body.proof.challenge));
  if (!challenge || challenge.expiresAtIso <= db.now().toISOString() || challenge.jurisdiction !== body.jurisdiction)
    throw proofRefused('验证已过期或已使用，请重新提交');
  if (!proofHolds(challenge.challenge, body.proof.nonce, challenge.difficulty))
    throw proofRefused('验证未通过，请重新提交');

  let mineName = body.mineName;
  if (body.mineId) {
    const mine = (await publicMines(db, body.jurisdiction)).items.find((m) => m.mineId === body.mineId);
    if (!mine) throw new ValidationError('所选煤矿不在本辖区', [{ field: 'body.mineId', message: '不在本辖区' }]);
    mineName = mine.name;
  }
  if (!mineName)
    throw new ValidationError('请选择或填写被举报的煤矿', [{ field: 'body.mineName', message: '请选择或填写煤矿' }]);

  const now = db.now();
  const at = now.toISOString();
  const tipoffId = db.newId('tip');
  const code = newTrackingCode();
  const tipoffFiles: TipoffFile[] = body.files.map((f, index) => ({
    index,
    fileName: f.fileName,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    key: tipoffFileKey(tipoffId, index),
  }));
  // The visitor's key to confirm the uploads: valid as long as the forms, stored only as a hash.
  const uploadToken = tipoffFiles.length ? newUploadToken() : undefined;
  const tipoff: Tipoff = {
    tipoffId,
    jurisdiction: body.jurisdiction,
    ...(body.mineId ? { mineId: body.mineId } : {}),
    mineName,
    subject: body.subject,
    what: body.what,
    when: body.when,
    where: body.where,
    files: tipoffFiles,
    hasContact: body.contact !== undefined,
    staffOrRelative: body.staffOrRelative,
    status: 'received',
    receivedAt: at,
    dueOn: addDays(todayInShanghai(now), values.concludeDays),
    handlers: [],
    links: { inspections: [], cases: [], violations: [], penalties: [] },
    version: 1,
    updatedAt: at,
  };
  const writes: Write[] = [
    // Single use: the challenge goes in the report's own transaction; a second use finds it gone.
    {
      item: {
        Delete: {
          TableName: db.tableName,
          Key: challengeKey(challenge.challenge),
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
      onConditionFailed: proofRefused('验证已使用，请重新提交'),
    },
    putNew(db, tipoffItem(tipoff), proofRefused('请重新提交')),
    putNew(db, { ...codeKey(code), entity: 'tipoffCode', tipoffId }, proofRefused('请重新提交')),
    ...(body.contact
      ? [
          put(db, {
            ...contactKey(tipoffId),
            entity: 'tipoffContact',
            ...(body.contact.name ? { name: body.contact.name } : {}),
            mobile: body.contact.mobile,
          }),
        ]
      : []),
    ...(uploadToken ? [uploadTokenWrite(db, tipoffId, uploadToken, UPLOAD_FORM_SECONDS)] : []),
    tipoffAudit(db, PUBLIC_ACTOR, { tipoff, action: 'tipoff.received', after: { ...tipoff } }, at),
  ];
  // The bucket first: a deployment that keeps no files refuses them before anything is written.
  const bucket = tipoffFiles.length ? files() : undefined;
  await transact(db, writes);
  const uploads = bucket
    ? await Promise.all(
        tipoffFiles.map(async (f) => ({
          index: f.index,
          ...(await bucket.uploadForm({
            key: f.key,
            contentType: f.contentType,
            size: f.size,
            sha256: f.sha256,
            expiresInSeconds: UPLOAD_FORM_SECONDS,
          })),
        })),
      )
    : [];
  return { code, uploads, ...(uploadToken ? { uploadToken } : {}) };
}

/**
 * The visitor posted file `index` with its form: the bucket's copy is read back (size, type, SHA-256) and, when it is
 * the declared file, recorded as received with the version that was checked. It takes the tracking code and the
 * upload token given with the forms (valid as long as they are): a leaked code alone confirms nothing, and a token
 * of another report finds nothing (404). Confirming a received file again answers it as it is.
 */
export async function confirmTipoffFile(
  db: Db,
  files: () => ObjectStore,
  source: string,
  input: { code: string; index: number; uploadToken: string },
) {
  const notFound = new NotFoundError('上传凭证无效或已过期，请重新提交举报');
  const pointer = await getItem<{ tipoffId: string }>(db, codeKey(input.code));
  if (!pointer) throw notFound;
  const t = await getItem<Tipoff>(db, tipoffKey(pointer.tipoffId));
  if (!t) throw notFound;
  const { values } = await tipoffPolicy.inForce(db, t.jurisdiction);
  await countSource(db, `tipoff-confirm:${source}`, values.perSourcePerHour * 10);
  const token = await getItem<{ tokenHash: string; expiresAtIso: string }>(db, uploadTokenKey(t.tipoffId));
  if (!token || token.expiresAtIso <= db.now().toISOString() || !uploadTokenMatches(token.tokenHash, input.uploadToken))
    throw notFound;
  const file = t.files.find((f) => f.index === input.index);
  if (!file) throw new NotFoundError(`举报没有第 ${input.index + 1} 个附件`);
  const answer = (f: TipoffFile) => ({ index: f.index, fileName: f.fileName, received: f.receivedAt !== undefined });
  if (file.receivedAt) return answer(file);

  const { versionId } = await checkStoredFile(files(), file);
  const at = db.now().toISOString();
  const received: TipoffFile = { ...file, receivedAt: at, ...(versionId ? { versionId } : {}) };
  const after: Tipoff = {
    ...t,
    files: t.files.map((f) => (f.index === file.index ? received : f)),
    version: t.version + 1,
    updatedAt: at,
  };
  await transact(db, [
    putVersioned(db, tipoffItem(after), t.version, new ConflictError('举报刚被更新，请重试确认上传')),
    tipoffAudit(db, PUBLIC_ACTOR, { tipoff: t, action: 'tipoff.file_received', after: { files: [received] } }, at),
  ]);
  return answer(received);
}

/** The reporter's view: the state and the public answer, nothing else (not the mine, the handlers, the links). */
export async function checkTipoff(db: Db, code: string) {
  const notFound = new NotFoundError('查询码不存在，请核对后重试');
  const pointer = await getItem<{ tipoffId: string }>(db, codeKey(code));
  if (!pointer) throw notFound;
  const t = await getItem<Tipoff>(db, tipoffKey(pointer.tipoffId));
  if (!t) throw notFound;
  return {
    status: t.status,
    statusLabel: TIPOFF_STATUS_LABELS[t.status],
    receivedAt: t.receivedAt,
    ...(t.publicAnswer ? { publicAnswer: t.publicAnswer } : {}),
    ...(t.finding ? { findingLabel: TIPOFF_FINDING_LABELS[t.finding] } : {}),
    // Which declared files arrived (confirmed and checked), so the reporter can tell; names only.
    ...(t.files.length
      ? { files: t.files.map((f) => ({ index: f.index, fileName: f.fileName, received: f.receivedAt !== undefined })) }
      : {}),
  };
}
