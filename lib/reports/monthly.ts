import { jurisdictionCovers } from '#lib/auth/principal.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '#lib/errors.ts';
import { jurisdictionsWithMines } from '#lib/jobs/mine-chunks.ts';
import { type Actor, actorOf, auditWrite, systemActor } from '#lib/store/audit.ts';
import { batchGet } from '#lib/store/batch.ts';
import type { Db } from '#lib/store/db.ts';
import { pk, sk, stripKeys } from '#lib/store/keys.ts';
import { getItem } from '#lib/store/query.ts';
import type { TenantStore } from '#lib/store/tenant-store.ts';
import { putNew, putVersioned, transact } from '#lib/store/transact.ts';
import { todayInShanghai } from '#lib/validators/business-date.ts';
import { type MonthlyReport, monthlyReportItem, monthlyReportKey, parentOf } from './monthly-item.ts';
import { dayOfNextMonth, parseMonth, previousMonth } from './period.ts';
import { reportingPolicy } from './reporting-policy.ts';
import { districtFigures } from './statistics.ts';
import { REPORT_STATE_LABELS, type ReportState } from './vocabulary.ts';

/**
 * A district's monthly report to the city (月报): the district's bureau admin submits the month's statistics, frozen
 * at submission, with an optional note; the city's bureau admin returns it with comments or accepts it; a returned
 * report is submitted again (a new frozen submission, the earlier ones kept); accepted is final. Each transition is
 * one versioned write with its audit event (409 on a stale version); a transition the state or the caller does not
 * allow is 422 in Chinese; a report outside the caller's jurisdiction is 404.
 */
export interface MonthlyReportView extends Omit<MonthlyReport, 'state'> {
  readonly state: ReportState | 'not_submitted';
  readonly stateLabel: string;
  readonly name: string;
}

const REPORT_LABEL = (r: { jurisdiction: string; month: string }) => `${r.jurisdiction} ${r.month} 月报`;

/** The deadline of a district's report of a month: the city's reporting day of the next month. */
export async function dueOnOf(db: Db, district: string, month: string): Promise<string> {
  const { values } = await reportingPolicy.inForce(db, parentOf(district) ?? district);
  return dayOfNextMonth(month, values.dueDay);
}

const view = (r: MonthlyReport, name: string): MonthlyReportView => ({
  ...r,
  stateLabel: REPORT_STATE_LABELS[r.state],
  name,
});

const notSubmitted = (jurisdiction: string, month: string, dueOn: string, name: string): MonthlyReportView => ({
  jurisdiction,
  month,
  state: 'not_submitted',
  stateLabel: REPORT_STATE_LABELS.not_submitted,
  name,
  dueOn,
  submissions: [],
  version: 0,
  updatedAt: '',
});

const loadReport = async (db: Db, district: string, month: string) => {
  const item = await getItem<Record<string, unknown>>(db, monthlyReportKey(district, month));
  if (!item) return undefined;
  const { GSI2PK: _p, GSI2SK: _s, entity: _e, ...rest } = stripKeys(item) as Record<string, unknown>;
  return rest as unknown as MonthlyReport;
};

/** The districts reporting to (or being) a jurisdiction: the jurisdictions with mines below it that have a parent. */
const districtsOf = async (db: Db, path: string) =>
  (await jurisdictionsWithMines(db, path)).filter((d) => parentOf(d) !== undefined);

/**
 * `GET /v1/reports/monthly`: a city's districts' reports of a month with their states (未报送 for one never
 * submitted), or a district's own.
 */
export async function listMonthlyReports(
  store: TenantStore,
  query: { jurisdiction?: string | undefined; month?: string | undefined },
): Promise<{ jurisdiction: string; month: string; items: MonthlyReportView[] }> {
  const scope = store.bureauScope();
  const path = query.jurisdiction ?? scope;
  if (!jurisdictionCovers(scope, path)) throw new NotFoundError(`辖区 ${path} 不存在或不在本局辖区内`);
  const month = parseMonth(query.month ?? previousMonth(todayInShanghai(store.now()))).period;
  const db = store.shared;
  const districts = await districtsOf(db, path);
  const [stored, names] = await Promise.all([
    batchGet<MonthlyReport & { PK: string }>(
      db,
      districts.map((d) => monthlyReportKey(d, month)),
    ),
    batchGet<{ PK: string; name?: string }>(
      db,
      districts.map((d) => ({ PK: pk.jurisdiction(d), SK: sk.jurisdictionName })),
    ),
  ]);
  const byPk = new Map(stored.map((r) => [r.PK, r]));
  const nameOf = new Map(names.map((n) => [n.PK, n.name]));
  const items = await Promise.all(
    districts.map(async (d) => {
      const name = nameOf.get(pk.jurisdiction(d)) ?? d.split('/').at(-1)!;
      const r = byPk.get(pk.jurisdiction(d));
      if (!r) return notSubmitted(d, month, await dueOnOf(db, d, month), name);
      const { PK: _p, SK: _s, GSI2PK: _g, GSI2SK: _h, entity: _e, ...rest } = r as unknown as Record<string, unknown>;
      return view(rest as unknown as MonthlyReport, name);
    }),
  );
  return { jurisdiction: path, month, items };
}

const stale = (r: { jurisdiction: string; month: string }, version: number) =>
  new ConflictError(`${REPORT_LABEL(r)}已被他人处理，请刷新后重试`, [
    { field: 'body.version', message: `当前版本为 ${version}，请刷新后重试` },
  ]);

const refuse = (message: string, field = 'body') => new RuleError(message, [{ field, message }]);

/** The report a transition acts on; a district outside the caller's jurisdiction is 404. */
async function reportFor(store: TenantStore, district: string, monthValue: string) {
  const scope = store.bureauScope();
  if (!jurisdictionCovers(scope, district)) throw new NotFoundError(`辖区 ${district} 不存在或不在本局辖区内`);
  const month = parseMonth(monthValue, 'params.month').period;
  const existing = await loadReport(store.shared, district, month);
  return { scope, month, existing };
}

const checkVersion = (
  r: { jurisdiction: string; month: string },
  existing: MonthlyReport | undefined,
  version: number,
) => {
  const current = existing?.version ?? 0;
  if (current !== version) throw stale(r, current);
};

async function save(
  db: Db,
  actor: Actor,
  before: MonthlyReport | undefined,
  after: MonthlyReport,
  action: string,
  reason?: string,
): Promise<void> {
  const item = monthlyReportItem(after);
  await transact(db, [
    before ? putVersioned(db, item, before.version, stale(after, before.version)) : putNew(db, item, stale(after, 0)),
    auditWrite(db, actor, {
      jurisdiction: after.jurisdiction,
      action,
      entityType: 'monthlyReport',
      entityId: `${after.month}@${after.jurisdiction}`,
      before: before ? { state: before.state, version: before.version } : null,
      after: { state: after.state, version: after.version, submissions: after.submissions.length },
      reason,
    }),
  ]);
}

/** The district's bureau admin submits its month (again after a return): the figures frozen now. */
export async function submitMonthlyReport(
  store: TenantStore,
  monthValue: string,
  body: { jurisdiction?: string | undefined; version: number; note?: string | undefined },
): Promise<MonthlyReportView> {
  const district = body.jurisdiction ?? store.bureauScope();
  const { scope, month, existing } = await reportFor(store, district, monthValue);
  const r = { jurisdiction: district, month };
  if (scope !== district || !parentOf(district)) {
    throw refuse(`月报由区县局报送本局的月报：${district} 的月报须由该区县局报送`, 'body.jurisdiction');
  }
  if ((await districtsOf(store.shared, district)).length === 0) throw new NotFoundError(`辖区 ${district} 没有煤矿`);
  if (existing?.state === 'submitted') throw refuse(`${REPORT_LABEL(r)}已报送，等待市局受理或退回`);
  if (existing?.state === 'accepted') throw refuse(`${REPORT_LABEL(r)}已受理，不能再次报送`);
  checkVersion(r, existing, body.version);
  const db = store.shared;
  const at = db.now().toISOString();
  if (month >= todayInShanghai(db.now()).slice(0, 7)) {
    throw refuse(`${month} 尚未结束，月报须在月份结束后报送`, 'params.month');
  }
  const actor = actorOf(store.principal);
  const figures = await districtFigures(db, district, parseMonth(month));
  const submissions = existing?.submissions ?? [];
  const after: MonthlyReport = {
    jurisdiction: district,
    month,
    state: 'submitted',
    dueOn: existing?.dueOn ?? (await dueOnOf(db, district, month)),
    submissions: [
      ...submissions,
      {
        no: submissions.length + 1,
        figures,
        ...(body.note ? { note: body.note } : {}),
        submittedBy: actor,
        submittedAt: at,
      },
    ],
    version: (existing?.version ?? 0) + 1,
    updatedAt: at,
  };
  await save(db, actor, existing, after, 'monthlyReport.submitted', body.note);
  return view(after, district.split('/').at(-1)!);
}

/** The city's bureau admin decides on a submitted report: returns it with comments, or accepts it. */
export async function decideMonthlyReport(
  store: TenantStore,
  monthValue: string,
  decision: 'return' | 'accept',
  body: { jurisdiction: string; version: number; comments?: string | undefined },
): Promise<MonthlyReportView> {
  const district = body.jurisdiction;
  const { scope, month, existing } = await reportFor(store, district, monthValue);
  const r = { jurisdiction: district, month };
  const verb = decision === 'return' ? '退回' : '受理';
  if (scope !== parentOf(district)) {
    throw refuse(
      scope === district
        ? `区县局不能${verb}本局的月报，须由上级市局${verb}`
        : `只有 ${parentOf(district) ?? '上级'} 的市局可以${verb}该月报`,
      'body.jurisdiction',
    );
  }
  if (existing?.state !== 'submitted') {
    throw refuse(
      `${REPORT_LABEL(r)}${existing ? `当前为“${REPORT_STATE_LABELS[existing.state]}”` : '尚未报送'}，只能${verb}已报送的月报`,
    );
  }
  const comments = body.comments?.trim();
  if (decision === 'return' && !comments) {
    throw new ValidationError('退回月报须填写意见', [{ field: 'body.comments', message: '请填写退回意见' }]);
  }
  checkVersion(r, existing, body.version);
  const db = store.shared;
  const at = db.now().toISOString();
  const actor = actorOf(store.principal);
  const last = existing.submissions.at(-1)!;
  const decided =
    decision === 'return'
      ? { ...last, returned: { by: actor, at, comments: comments! } }
      : { ...last, accepted: { by: actor, at } };
  const after: MonthlyReport = {
    ...existing,
    state: decision === 'return' ? 'returned' : 'accepted',
    submissions: [...existing.submissions.slice(0, -1), decided],
    version: existing.version + 1,
    updatedAt: at,
  };
  await save(
    db,
    actor,
    existing,
    after,
    decision === 'return' ? 'monthlyReport.returned' : 'monthlyReport.accepted',
    comments,
  );
  return view(after, district.split('/').at(-1)!);
}

/**
 * Daily (the monthly-reports job): opens last month's report of every district that has none yet, on the due-date
 * index by the city's reporting day, so its admins are reminded before the deadline. Idempotent.
 */
export async function openMonthlyReports(db: Db, date: string): Promise<{ month: string; opened: string[] }> {
  const month = previousMonth(date);
  const districts = (await jurisdictionsWithMines(db)).filter((d) => parentOf(d) !== undefined);
  const existing = new Set(
    (
      await batchGet<{ PK: string }>(
        db,
        districts.map((d) => monthlyReportKey(d, month)),
      )
    ).map((r) => r.PK),
  );
  const opened: string[] = [];
  const actor = systemActor('monthly-reports');
  for (const district of districts) {
    if (existing.has(pk.jurisdiction(district))) continue;
    const at = db.now().toISOString();
    const report: MonthlyReport = {
      jurisdiction: district,
      month,
      state: 'due',
      dueOn: await dueOnOf(db, district, month),
      submissions: [],
      version: 1,
      updatedAt: at,
    };
    try {
      await save(db, actor, undefined, report, 'monthlyReport.opened');
      opened.push(district);
    } catch (error) {
      // Submitted meanwhile: nothing to open.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return { month, opened };
}
