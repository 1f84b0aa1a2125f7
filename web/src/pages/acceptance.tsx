import { useState } from 'preact/hooks';
import { ACCEPTANCE_WORKFLOW, type AcceptanceAction } from '#lib/acceptance/vocabulary.ts';
import { MINE_STATUS_LABELS, type MineStatus } from '#lib/registry/vocabulary.ts';
import { api } from '../api.ts';
import { Badge } from '../components/index.ts';
import {
  ActionDone,
  ActionsPanel,
  HistoryPanel,
  RecordPage,
  recordSubtitle,
  useRecordAction,
} from '../components/record-page.tsx';
import { EvidencePanel } from '../evidence/evidence-panel.tsx';
import type { PageProps } from '../routes.tsx';
import type { Acceptance } from '../types.ts';
import { useLoad } from '../use-load.ts';

/**
 * 复工复产验收: one acceptance with the mine's report, the on-site check and its findings, the files of each, and
 * the step its state allows for this user: the bureau links the check (an inspection id) and records its findings,
 * a bureau_admin who neither led nor recorded the check approves, the bureau returns it with a reason, the mine
 * applies again. The server decides; the page shows only the steps the flow declares for this role.
 */
const ACTION_ORDER: readonly AcceptanceAction[] = ['assign_check', 'record_check', 'approve', 'return', 'reapply'];
const TEXT_LABELS: Partial<Record<AcceptanceAction, string>> = {
  record_check: '现场检查结论（必填）',
  return: '退回理由（退回煤矿时必填；审批同意无须填写）',
  reapply: '修改后的整改报告（必填）',
};
const TEXT_FIELD: Partial<Record<AcceptanceAction, 'findings' | 'reason' | 'report'>> = {
  record_check: 'findings',
  return: 'reason',
  reapply: 'report',
};
const LABELS: Record<string, string> = {
  apply: '提出申请',
  ...Object.fromEntries(ACTION_ORDER.map((a) => [a, ACCEPTANCE_WORKFLOW.actions[a].label])),
};

export function AcceptancePage(props: PageProps) {
  const id = props.params.acceptanceId!;
  const loaded = useLoad(() => api.get<Acceptance>(`/v1/acceptances/${encodeURIComponent(id)}`), [id]);
  const a = loaded.data;
  const role = props.claims.role;
  return (
    <RecordPage
      name="acceptance"
      loaded={loaded}
      title={a ? `复工复产验收：${a.mineName}` : '复工复产验收'}
      subtitle={recordSubtitle(id, a)}
      back={{ href: '#/acceptances', text: '返回复工验收' }}
    >
      {(a) => (
        <>
          <dl class="facts">
            <dt>状态</dt>
            <dd>
              <Badge
                code={a.status === 'approved' ? 'A' : a.status === 'returned' ? 'C' : 'B'}
                text={a.statusLabel}
                testid="acceptance-status"
              />
            </dd>
            <dt>申请时状态</dt>
            <dd>{MINE_STATUS_LABELS[a.fromStatus as MineStatus] ?? a.fromStatus}</dd>
            <dt>申请日期</dt>
            <dd>{a.date}</dd>
            {a.dueOn ? (
              <>
                <dt>办理期限</dt>
                <dd>{a.dueOn}</dd>
              </>
            ) : null}
            {a.approvedOn ? (
              <>
                <dt>恢复生产日期</dt>
                <dd data-testid="acceptance-approved-on">{a.approvedOn}（自审批之日起）</dd>
              </>
            ) : null}
            {a.returnReason ? (
              <>
                <dt>退回理由</dt>
                <dd class="wrap">{a.returnReason}</dd>
              </>
            ) : null}
          </dl>
          <section class="panel">
            <h2>整改报告</h2>
            <p class="wrap" data-testid="acceptance-report-text">
              {a.application.report}
            </p>
          </section>
          {a.check ? (
            <section class="panel">
              <h2>现场检查</h2>
              <dl class="facts">
                <dt>执法检查</dt>
                <dd>{a.check.inspectionId}</dd>
                <dt>带队负责人</dt>
                <dd>{a.check.leader?.name ?? '—'}</dd>
                <dt>检查结论</dt>
                <dd class="wrap">{a.check.findings ?? '待记录'}</dd>
                {a.check.recordedBy ? (
                  <>
                    <dt>结论记录人</dt>
                    <dd>{a.check.recordedBy.name ?? a.check.recordedBy.sub}</dd>
                  </>
                ) : null}
              </dl>
            </section>
          ) : null}
          <AcceptanceActions a={a} role={role} sub={props.claims.sub} onDone={loaded.reload} />
          <EvidencePanel
            target={{ mineId: a.mineId, recordKind: 'acceptance', recordId: a.acceptanceId }}
            addSteps={
              a.status === 'approved'
                ? []
                : role === 'mine_user'
                  ? ['application']
                  : role === 'bureau_admin' || role === 'inspector'
                    ? ['check']
                    : []
            }
          />
          <HistoryPanel steps={a.steps} labels={LABELS} />
        </>
      )}
    </RecordPage>
  );
}

function AcceptanceActions(props: { a: Acceptance; role: string; sub: string; onDone: () => void }) {
  const { a } = props;
  const [text, setText] = useState('');
  const [inspectionId, setInspectionId] = useState('');
  const { busy, error, done, run } = useRecordAction(props.onDone);
  const allowed = ACTION_ORDER.filter((name) => {
    const spec = ACCEPTANCE_WORKFLOW.actions[name];
    return (spec.from as readonly string[]).includes(a.status) && (spec.by as readonly string[]).includes(props.role);
  });
  if (allowed.length === 0 && !done) return null;
  const signer = a.check?.leader?.userId === props.sub || a.check?.recordedBy?.sub === props.sub;
  const act = (action: AcceptanceAction) => {
    const field = TEXT_FIELD[action];
    return run(
      () =>
        api
          .post(`/v1/acceptances/${encodeURIComponent(a.acceptanceId)}/actions`, {
            action,
            version: a.version,
            ...(field && text.trim() ? { [field]: text.trim() } : {}),
            ...(action === 'assign_check' && inspectionId.trim() ? { inspectionId: inspectionId.trim() } : {}),
          })
          .then(() => setText('')),
      `已${ACCEPTANCE_WORKFLOW.actions[action].label}`,
    );
  };
  const textLabel = allowed.map((x) => TEXT_LABELS[x]).find(Boolean);
  return (
    <ActionsPanel testid="acceptance-actions" error={error}>
      {allowed.includes('assign_check') ? (
        <label class="field">
          <span>现场检查的执法检查编号（本矿已开始或已完成的检查）</span>
          <input
            data-testid="acceptance-inspection-id"
            value={inspectionId}
            onInput={(e) => setInspectionId((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      ) : null}
      {textLabel ? (
        <label class="field">
          <span>{textLabel}</span>
          <textarea
            data-testid="acceptance-text"
            rows={3}
            maxLength={4000}
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </label>
      ) : null}
      {allowed.includes('approve') ? (
        <p class="muted">
          审批为第二签：现场检查带队负责人和检查结论记录人不能审批；有未销号的挂牌督办重大事故隐患时不能审批。
          {signer ? ' 您参与了本次现场检查，请由另一位局领导审批。' : ''}
        </p>
      ) : null}
      <div class="button-row">
        {allowed.map((name) => (
          <button
            key={name}
            type="button"
            class={`btn ${name === 'approve' || name === 'record_check' || name === 'assign_check' || name === 'reapply' ? 'btn-primary' : 'btn-danger'}`}
            data-testid={`acceptance-action-${name}`}
            disabled={busy}
            onClick={() => void act(name)}
          >
            {ACCEPTANCE_WORKFLOW.actions[name].label}
          </button>
        ))}
        <ActionDone text={done} />
      </div>
    </ActionsPanel>
  );
}
