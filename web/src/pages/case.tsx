import { useState } from 'preact/hooks';
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
import { findingValue } from '../finding-values.ts';
import {
  CASE_ACTION_FROM,
  CASE_ACTION_LABELS,
  CASE_HANDLERS,
  CASE_STEP_LABELS,
  type CaseAction,
  label,
  SEVERITY_LABELS,
} from '../labels.ts';
import type { PageProps } from '../routes.tsx';
import type { CaseDetail, Finding } from '../types.ts';
import { useLoad } from '../use-load.ts';

/**
 * 案件详情: an investigation case with the finding that opened it, every later day's evidence and its history, and
 * for the squad and the leaders the actions its state allows (confirming needs the conclusion, dismissing the
 * reason, both in the note).
 */
const ACTION_ORDER: readonly CaseAction[] = ['start', 'assign', 'confirm', 'dismiss', 'close'];

export function CasePage(props: PageProps) {
  const caseId = props.params.caseId!;
  const loaded = useLoad(() => api.get<CaseDetail>(`/v1/cases/${encodeURIComponent(caseId)}`), [caseId]);
  const c = loaded.data;
  return (
    <RecordPage
      name="case"
      loaded={loaded}
      title={c ? `调查核实：${c.ruleLabel}` : '调查核实案件'}
      subtitle={recordSubtitle(caseId, c)}
      back={{ href: '#/cases', text: '返回案件列表' }}
    >
      {(c) => (
        <>
          <dl class="facts">
            <dt>状态</dt>
            <dd>
              <Badge code={c.status} text={c.statusLabel} testid="case-status" />
              {c.overdue ? <Badge code="D" text="已逾期" /> : null}
            </dd>
            <dt>风险</dt>
            <dd>
              <Badge code={c.severity} labels={SEVERITY_LABELS} />
            </dd>
            <dt>发现日期</dt>
            <dd>{c.openedOn}</dd>
            <dt>办理期限</dt>
            <dd>{c.deadline}</dd>
            <dt>承办人</dt>
            <dd>{c.assignee?.name ?? '未指派'}</dd>
            {c.outcome ? (
              <>
                <dt>认定结果</dt>
                <dd data-testid="case-outcome">{c.outcome.label}</dd>
              </>
            ) : null}
            {c.violationId ? (
              <>
                <dt>违法记录</dt>
                <dd data-testid="case-violation">{c.violationId}</dd>
              </>
            ) : null}
          </dl>
          <section class="panel">
            <h2>立案依据</h2>
            <FindingText finding={c.firstFinding} />
          </section>
          {CASE_HANDLERS.includes(props.claims.role) ? (
            <CaseActions c={c} claims={props.claims} onDone={loaded.reload} />
          ) : null}
          <section class="panel">
            <h2>后续证据（{c.evidence.length}）</h2>
            {c.evidence.length ? (
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th>日期</th>
                      <th>风险</th>
                      <th>审查发现</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.evidence.map((e) => (
                      <tr key={e.date}>
                        <td>{e.date}</td>
                        <td>
                          <Badge code={e.finding.severity} labels={SEVERITY_LABELS} />
                        </td>
                        <td class="wrap">{e.finding.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">暂无</p>
            )}
          </section>
          <EvidencePanel
            target={{ mineId: c.mineId, recordKind: 'case', recordId: c.caseId }}
            addSteps={CASE_HANDLERS.includes(props.claims.role) ? ['action'] : []}
          />
          <HistoryPanel steps={c.steps} labels={CASE_STEP_LABELS} />
        </>
      )}
    </RecordPage>
  );
}

function FindingText(props: { finding: Finding }) {
  const f = props.finding;
  return (
    <div>
      <p>{f.message}</p>
      <p class="muted" data-testid="finding-values">
        实测 {findingValue(f.unit, f.measured)}，阈值 {findingValue(f.unit, f.threshold)}，风险{' '}
        {label(SEVERITY_LABELS, f.severity)}
      </p>
    </div>
  );
}

function CaseActions(props: { c: CaseDetail; claims: PageProps['claims']; onDone: () => void }) {
  const { c } = props;
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState({ userId: props.claims.sub, name: props.claims.name ?? '' });
  const { busy, error, done, run } = useRecordAction(props.onDone);
  const allowed = ACTION_ORDER.filter((a) => CASE_ACTION_FROM[a].includes(c.status));
  // After the last action the state may allow nothing more; the confirmation stays until the page is left.
  if (allowed.length === 0 && !done) return null;

  const act = (action: CaseAction) => {
    const body = {
      action,
      version: c.version,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(action === 'assign' ? { assignee: { userId: assignee.userId.trim(), name: assignee.name.trim() } } : {}),
    };
    return run(
      () => api.post(`/v1/cases/${encodeURIComponent(c.caseId)}/actions`, body).then(() => setNote('')),
      `已${CASE_ACTION_LABELS[action]}`,
    );
  };

  return (
    <ActionsPanel testid="case-actions" error={error}>
      <label class="field">
        <span>办理意见（认定须写明核实结论，排除须说明理由）</span>
        <textarea
          data-testid="case-note"
          rows={3}
          maxLength={2000}
          value={note}
          onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      {allowed.includes('assign') ? (
        <div class="field-row">
          <label class="field">
            <span>承办人姓名</span>
            <input
              data-testid="case-assignee-name"
              value={assignee.name}
              onInput={(e) => setAssignee({ ...assignee, name: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
          <label class="field">
            <span>承办人账号</span>
            <input
              data-testid="case-assignee-id"
              value={assignee.userId}
              onInput={(e) => setAssignee({ ...assignee, userId: (e.currentTarget as HTMLInputElement).value })}
            />
          </label>
        </div>
      ) : null}
      <div class="button-row">
        {allowed.map((a) => (
          <button
            key={a}
            type="button"
            class={`btn ${a === 'confirm' ? 'btn-danger' : a === 'start' || a === 'close' ? 'btn-primary' : ''}`}
            data-testid={`case-action-${a}`}
            disabled={busy || (a === 'assign' && (!assignee.name.trim() || !assignee.userId.trim()))}
            onClick={() => void act(a)}
          >
            {CASE_ACTION_LABELS[a]}
          </button>
        ))}
        <ActionDone text={done} />
      </div>
    </ActionsPanel>
  );
}
