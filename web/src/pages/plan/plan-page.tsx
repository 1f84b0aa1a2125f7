import { useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import type { planSchema } from '#lib/enforcement-plan/schemas.ts';
import { PLAN_ITEM_STATE_LABELS } from '#lib/enforcement-plan/vocabulary.ts';
import { api, getAll } from '../../api.ts';
import {
  Badge,
  type Column,
  ErrorBox,
  Loading,
  MineLink,
  Page,
  PageHeader,
  Select,
  Table,
} from '../../components/index.ts';
import { replaceQuery } from '../../router.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';

/**
 * 执法计划: the bureau's plan of a year, month by month and team by team, with what is done, due and overdue today.
 * A drafter (leader or inspector) generates it from the credit tiers and changes a planned inspection's month, leader
 * (带队负责人) and members, chosen from the bureau's active officials; on an approved plan that makes (or adds to) a
 * revision. A leader who did not draft or edit it approves it (the API refuses the drafter, and the page shows that
 * refusal); a leader may discard a pending revision, the approved plan staying in force.
 */
type Plan = z.infer<typeof planSchema>;
type PlanItem = Plan['items'][number];
type Tally = Plan['progress']['byMonth'][number];
type DraftItem = NonNullable<Plan['draft']>['items'][number];
/** An official who may lead or join a planned inspection. */
interface Official {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly jurisdiction: string;
}
const names = (ms: readonly { name: string }[]) => ms.map((m) => m.name).join('、') || '无';
const sameTeam = (a: readonly { userId: string }[], b: readonly { userId: string }[]) =>
  a.length === b.length && a.every((m) => b.some((n) => n.userId === m.userId));

const STATE_TONE = { done: 'ok', due: 'info', overdue: 'bad' } as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

const itemColumns: Column<PlanItem>[] = [
  { key: 'month', label: '月份', value: (i) => i.month, render: (i) => `${i.month} 月`, align: 'right' },
  {
    key: 'mine',
    label: '煤矿',
    value: (i) => i.mineName,
    render: (i) => <MineLink mineId={i.mineId} name={i.mineName} />,
  },
  {
    key: 'tier',
    label: '信用等级',
    value: (i) => i.tier,
    render: (i) => <Badge code={i.tier} text={`${i.tier} 级`} />,
  },
  { key: 'leader', label: '带队负责人', value: (i) => i.leader.name },
  { key: 'members', label: '检查组成员', value: (i) => i.members.map((m) => m.name).join('、'), wrap: true },
  {
    key: 'state',
    label: '进度',
    value: (i) => i.state,
    render: (i) => (
      <Badge
        tone={STATE_TONE[i.state]}
        text={i.doneOn ? `${PLAN_ITEM_STATE_LABELS[i.state]} ${i.doneOn}` : PLAN_ITEM_STATE_LABELS[i.state]}
      />
    ),
  },
];

function TallyCells(props: { t: Omit<Tally, 'month'> }) {
  return (
    <>
      <td class="align-right">{props.t.total}</td>
      <td class="align-right">{props.t.done}</td>
      <td class="align-right">{props.t.due}</td>
      <td class={`align-right ${props.t.overdue ? 'tone-bad' : ''}`}>{props.t.overdue}</td>
    </>
  );
}

function ProgressTables(props: { plan: Plan }) {
  const p = props.plan.progress;
  return (
    <div class="cards" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 460px), 1fr))' }}>
      <section class="card" data-testid="plan-by-month">
        <h2>按月进度</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th>月份</th>
                <th class="align-right">计划</th>
                <th class="align-right">已完成</th>
                <th class="align-right">待检查</th>
                <th class="align-right">逾期</th>
              </tr>
            </thead>
            <tbody>
              {p.byMonth
                .filter((m) => m.total > 0)
                .map((m) => (
                  <tr key={m.month} data-testid={`plan-month-${m.month}`}>
                    <td>{m.month} 月</td>
                    <TallyCells t={m} />
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" data-testid="plan-by-team">
        <h2>按检查组（带队负责人）进度</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th>带队负责人</th>
                <th class="align-right">计划</th>
                <th class="align-right">已完成</th>
                <th class="align-right">待检查</th>
                <th class="align-right">逾期</th>
              </tr>
            </thead>
            <tbody>
              {p.byTeam.map((t) => (
                <tr key={t.leader.userId} data-testid={`plan-team-${t.leader.userId}`}>
                  <td>{t.leader.name}</td>
                  <TallyCells t={t} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** The pending draft or revision: what changes, who edited it, the approval (by another leader) or its discard. */
function PendingDraft(props: { plan: Plan; sub: string; canApprove: boolean; onDone: () => void }) {
  const { plan } = props;
  const draft = plan.draft!;
  const [busy, setBusy] = useState<'approve' | 'discard' | undefined>();
  const [error, setError] = useState<unknown>();
  const inForce = new Map(plan.items.map((i) => [i.itemId, i]));
  const changed = draft.items.filter((d) => {
    const i = inForce.get(d.itemId);
    return !i || i.month !== d.month || i.leader.userId !== d.leader.userId || !sameTeam(i.members, d.members);
  });
  const ownDraft = draft.editors.some((e) => e.sub === props.sub);
  const revision = plan.status === 'revising';
  const act = async (what: 'approve' | 'discard') => {
    if (what === 'discard' && !confirm('撤销这份待审批的修订？已审批的计划继续执行，修订内容不再保留。')) return;
    setBusy(what);
    setError(undefined);
    try {
      const path = what === 'approve' ? 'approve' : 'discard-revision';
      await api.post(`/v1/enforcement-plans/${plan.planId}/${path}`, { version: plan.version });
      props.onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const change = (d: DraftItem) => {
    const i = inForce.get(d.itemId);
    const parts = [i?.month === d.month ? `${d.month} 月` : `${i?.month ?? '—'} 月 → ${d.month} 月`];
    if (i && i.leader.userId !== d.leader.userId) parts.push(`带队 ${i.leader.name} → ${d.leader.name}`);
    else parts.push(`带队 ${d.leader.name}`);
    if (i && !sameTeam(i.members, d.members)) parts.push(`成员 ${names(i.members)} → ${names(d.members)}`);
    return `${d.mineName}：${parts.join('，')}`;
  };
  return (
    <section class="card" data-testid="plan-draft">
      <h2>{plan.revision === 0 ? '计划草案（待审批）' : `修订（待审批）：${draft.reason ?? ''}`}</h2>
      <p class="summary">
        <span class="summary-item">共 {draft.items.length} 项计划检查</span>
        {plan.revision > 0 ? <span class="summary-item">调整 {changed.length} 项</span> : null}
        <span>编制/修改：{draft.editors.map((e) => e.name ?? e.sub).join('、')}</span>
      </p>
      {plan.revision > 0 && changed.length ? (
        <ul data-testid="plan-draft-changes">
          {changed.slice(0, 20).map((d) => (
            <li key={d.itemId}>{change(d)}</li>
          ))}
        </ul>
      ) : null}
      {revision ? <p class="muted">审批前，已审批的计划继续执行。</p> : null}
      {props.canApprove ? (
        <>
          {ownDraft ? (
            <p class="muted" data-testid="plan-own-draft">
              您编制或修改了此{revision ? '修订' : '草案'}，按四眼原则须由另一位局领导审批。
            </p>
          ) : null}
          <div class="button-row">
            <button
              type="button"
              class="btn btn-primary"
              data-testid="plan-approve"
              disabled={!!busy}
              onClick={() => act('approve')}
            >
              {busy === 'approve' ? '正在审批…' : '审批通过'}
            </button>
            {revision ? (
              <button
                type="button"
                class="btn"
                data-testid="plan-discard"
                disabled={!!busy}
                onClick={() => act('discard')}
              >
                {busy === 'discard' ? '正在撤销…' : '撤销修订'}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      <ErrorBox error={error} />
    </section>
  );
}

/**
 * Changing one planned inspection (month, leader, members): a change of the draft, or of the revision (with its
 * reason when it starts one). Only what differs from the planned inspection as it stands is sent.
 */
function EditItem(props: { plan: Plan; officials: readonly Official[]; onDone: () => void }) {
  const { plan } = props;
  const done = new Set(plan.items.filter((i) => i.state === 'done').map((i) => i.itemId));
  const items: readonly DraftItem[] = (plan.draft?.items ?? plan.items).filter((i) => !done.has(i.itemId));
  const [itemId, setItemId] = useState('');
  const [month, setMonth] = useState('');
  const [leader, setLeader] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const item = items.find((i) => i.itemId === itemId);
  const pick = (id: string) => {
    const i = items.find((x) => x.itemId === id);
    setItemId(id);
    setMonth(i ? String(i.month) : '');
    setLeader(i?.leader.userId ?? '');
    setMembers(i ? i.members.map((m) => m.userId) : []);
    setError(undefined);
  };
  // The officials to choose from, and whoever the item names now even if no longer listed (kept unless changed).
  const people = new Map(props.officials.map((o) => [o.userId, o.name]));
  if (item) for (const m of [item.leader, ...item.members]) if (!people.has(m.userId)) people.set(m.userId, m.name);
  const changes = item
    ? {
        ...(Number(month) !== item.month ? { month: Number(month) } : {}),
        ...(leader !== item.leader.userId ? { leaderUserId: leader } : {}),
        ...(sameTeam(
          members.map((userId) => ({ userId })),
          item.members,
        )
          ? {}
          : { memberUserIds: members }),
      }
    : {};
  const starts = plan.status === 'approved';
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/v1/enforcement-plans/${plan.planId}`, {
        version: plan.version,
        changes: [{ itemId, ...changes }],
        ...(reason ? { reason } : {}),
      });
      pick('');
      setReason('');
      props.onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const heading =
    plan.status === 'draft'
      ? '调整计划检查（月份、检查组）'
      : plan.status === 'revising'
        ? '继续修订（与待审批的修订一并审批）'
        : '修订计划（提交后须另一位局领导审批）';
  return (
    <form class="card plan-edit" data-testid="plan-edit" onSubmit={save}>
      <h2>{heading}</h2>
      <div class="button-row">
        <Select
          label="计划检查"
          value={itemId}
          all="请选择"
          options={items.map((i) => [i.itemId, `${i.month} 月 · ${i.mineName} · ${i.leader.name}`] as [string, string])}
          onChange={pick}
          testid="plan-edit-item"
        />
      </div>
      {item ? (
        <>
          <div class="button-row">
            <Select
              label="月份"
              value={month}
              all={false}
              options={MONTHS.map((m) => [String(m), `${m} 月`] as [string, string])}
              onChange={setMonth}
              testid="plan-edit-month"
            />
            <Select
              label="带队负责人"
              value={leader}
              all={false}
              options={[...people].map(([id, name]) => [id, name] as [string, string])}
              onChange={(v) => {
                setLeader(v);
                setMembers(members.filter((m) => m !== v));
              }}
              testid="plan-edit-leader"
            />
          </div>
          <fieldset class="field" data-testid="plan-edit-members">
            <legend>检查组成员</legend>
            <div class="field-row">
              {[...people]
                .filter(([id]) => id !== leader)
                .map(([id, name]) => (
                  <label key={id} class="field-inline">
                    <input
                      type="checkbox"
                      data-testid={`plan-edit-member-${id}`}
                      checked={members.includes(id)}
                      onChange={(e) =>
                        setMembers(
                          (e.currentTarget as HTMLInputElement).checked
                            ? [...members, id]
                            : members.filter((m) => m !== id),
                        )
                      }
                    />
                    <span>{name}</span>
                  </label>
                ))}
            </div>
          </fieldset>
          {plan.status !== 'draft' ? (
            <label class="field">
              <span>{starts ? '修订理由（必填）' : '修订理由（可补充）'}</span>
              <input
                type="text"
                maxLength={500}
                value={reason}
                onInput={(e) => setReason((e.target as HTMLInputElement).value)}
                data-testid="plan-edit-reason"
              />
            </label>
          ) : null}
          <div class="button-row">
            <button
              type="submit"
              class="btn"
              data-testid="plan-edit-save"
              disabled={busy || Object.keys(changes).length === 0 || (starts && !reason.trim())}
            >
              {busy ? '正在保存…' : starts ? '提交修订' : '保存'}
            </button>
          </div>
        </>
      ) : null}
      <ErrorBox error={error} />
    </form>
  );
}

export function PlanPage(props: PageProps) {
  const thisYear = new Date().getFullYear();
  const year = Number(props.query.get('year') ?? thisYear);
  const role = props.claims.role;
  const drafter = role === 'bureau_admin' || role === 'inspector';
  const { data, error, settled, reload } = useLoad(
    () => api.get<{ items: Plan[] }>('/v1/enforcement-plans', { year }),
    [year],
  );
  const plan = data?.items[0];
  // The bureau's active officials, whom a drafter may name to lead or join a planned inspection (the API checks
  // each against the directory and the plan's jurisdiction).
  const directory = useLoad(
    () => (drafter ? getAll<Official>('/v1/users', { active: 'true' }) : Promise.resolve([] as Official[])),
    [drafter],
  );
  const officials = (directory.data ?? []).filter(
    (u) =>
      (u.role === 'bureau_admin' || u.role === 'inspector') &&
      (!plan || plan.jurisdiction === u.jurisdiction || plan.jurisdiction.startsWith(`${u.jurisdiction}/`)),
  );
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>();
  const generate = async () => {
    setBusy(true);
    setFailed(undefined);
    try {
      await api.post('/v1/enforcement-plans', { year });
      reload();
    } catch (e) {
      setFailed(e);
    } finally {
      setBusy(false);
    }
  };
  const p = plan?.progress;
  const state = props.query.get('state') ?? '';
  const shown = (plan?.items ?? []).filter((i) => !state || i.state === state);
  return (
    <Page name="plan" ready={settled && directory.settled}>
      <PageHeader
        title="执法计划"
        subtitle={
          plan ? (
            <>
              {plan.year} 年度 ·{' '}
              <Badge
                code={plan.status === 'approved' ? 'ok' : 'warn'}
                tone={plan.status === 'approved' ? 'ok' : 'warn'}
                text={plan.statusLabel}
                testid="plan-status"
              />
              {plan.approvedBy
                ? ` · 审批：${plan.approvedBy.name ?? plan.approvedBy.sub} ${plan.approvedAt?.slice(0, 10) ?? ''}`
                : ''}
            </>
          ) : undefined
        }
      >
        <Select
          label="年度"
          value={String(year)}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => [String(y), `${y} 年`] as [string, string])}
          onChange={(v) => replaceQuery({ year: v })}
          testid="plan-year"
        />
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {settled && data && !plan ? (
        <section class="card" data-testid="plan-none">
          <h2>{year} 年度尚未编制执法计划</h2>
          <p>
            按各煤矿当前安全信用等级的检查频次（差异化监管）生成计划草案，生成后可调整月份，经另一位局领导审批后执行。
          </p>
          {drafter ? (
            <button
              type="button"
              class="btn btn-primary"
              data-testid="plan-generate"
              disabled={busy}
              onClick={generate}
            >
              {busy ? '正在生成…' : '按信用等级生成草案'}
            </button>
          ) : null}
          <ErrorBox error={failed} />
        </section>
      ) : null}
      {plan && p ? (
        <>
          {plan.revision > 0 ? (
            <div class="figures card" data-testid="plan-progress">
              <div class="figure">
                <span class="figure-value">{p.total}</span>
                <span class="figure-label">计划检查</span>
              </div>
              <div class="figure">
                <span class="figure-value" data-testid="plan-done">
                  {p.done}
                </span>
                <span class="figure-label">已完成</span>
              </div>
              <div class="figure">
                <span class="figure-value" data-testid="plan-due">
                  {p.due}
                </span>
                <span class="figure-label">待检查</span>
              </div>
              <div class="figure">
                <span class={`figure-value ${p.overdue ? 'tone-bad' : ''}`} data-testid="plan-overdue">
                  {p.overdue}
                </span>
                <span class="figure-label">逾期未检</span>
              </div>
            </div>
          ) : null}
          {plan.draft ? (
            <PendingDraft plan={plan} sub={props.claims.sub} canApprove={role === 'bureau_admin'} onDone={reload} />
          ) : null}
          {plan.revision > 0 ? <ProgressTables plan={plan} /> : null}
          {drafter ? <EditItem key={plan.version} plan={plan} officials={officials} onDone={reload} /> : null}
          {plan.revision > 0 ? (
            <Select
              label="进度"
              value={state}
              options={Object.entries(PLAN_ITEM_STATE_LABELS)}
              onChange={(v) => replaceQuery({ year: String(year), state: v })}
              testid="plan-filter-state"
            />
          ) : null}
          {plan.revision > 0 ? (
            <Table
              columns={itemColumns}
              rows={shown}
              rowKey={(i) => i.itemId}
              rowTestId={(i) => `plan-item-${i.itemId}`}
              empty="没有计划检查"
              testid="plan-items"
              initialSort={{ key: 'month', dir: 'asc' }}
            />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
