import { useState } from 'preact/hooks';
import { HAZARD_WORKFLOW, type HazardAction } from '#lib/hazards/vocabulary.ts';
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
import { num } from '../format.ts';
import type { PageProps } from '../routes.tsx';
import type { Hazard } from '../types.ts';
import { useLoad } from '../use-load.ts';

/**
 * 隐患详情: one hazard with its 五落实, its photos and documents by step (what the inspector found, the mine's
 * rectification, the verification), and the step its state allows for this user: the mine starts and submits its
 * rectification, an inspector who did not submit it verifies (销号) or sends it back. Works on a phone at the mine.
 */
const SOURCE_LABELS: Record<string, string> = { inspection: '监管检查', self_report: '企业自查', case: '调查核实' };
const ACTION_ORDER: readonly HazardAction[] = ['start', 'submit', 'verify', 'reject'];
const NOTE_LABELS: Record<HazardAction, string> = {
  start: '说明（可选）',
  submit: '整改情况（必填）：做了什么、结果如何',
  verify: '验收意见（可选）',
  reject: '不通过的理由（必填）',
};

/** The evidence steps this user adds files to, for this hazard. */
function evidenceSteps(h: Hazard, role: string): string[] {
  const bureau = role === 'bureau_admin' || role === 'inspector';
  if (role === 'mine_user') return h.source === 'self_report' ? ['found', 'rectified'] : ['rectified'];
  if (bureau) return h.source === 'self_report' ? ['verified'] : ['found', 'verified'];
  return [];
}

export function HazardPage(props: PageProps) {
  const hazardId = props.params.hazardId!;
  const loaded = useLoad(() => api.get<Hazard>(`/v1/hazards/${encodeURIComponent(hazardId)}`), [hazardId]);
  const h = loaded.data;
  return (
    <RecordPage
      name="hazard"
      loaded={loaded}
      title={h ? `${h.levelLabel}：${h.location}` : '隐患详情'}
      subtitle={recordSubtitle(hazardId, h)}
      back={{ href: '#/hazards', text: '返回隐患列表' }}
    >
      {(h) => (
        <>
          <dl class="facts">
            <dt>状态</dt>
            <dd>
              <Badge code={h.status} text={h.statusLabel} testid="hazard-status" />
              {h.overdue ? <Badge code="D" text="已逾期" /> : null}
            </dd>
            <dt>级别</dt>
            <dd>
              <Badge code={h.level === 'major' ? 'D' : 'B'} text={h.levelLabel} />
              {h.categoryName ? ` ${h.categoryName}` : ''}
            </dd>
            <dt>隐患描述</dt>
            <dd class="wrap">{h.description}</dd>
            <dt>位置</dt>
            <dd>{h.location}</dd>
            <dt>发现日期</dt>
            <dd>{h.foundOn}</dd>
            <dt>整改期限</dt>
            <dd>{h.deadline}</dd>
            <dt>来源</dt>
            <dd>{SOURCE_LABELS[h.source] ?? h.source}</dd>
            {h.measures ? (
              <>
                <dt>整改措施</dt>
                <dd class="wrap">{h.measures}</dd>
              </>
            ) : null}
          </dl>
          {h.supervision ? (
            <section class="panel">
              <h2>挂牌督办 · 五落实</h2>
              <dl class="facts">
                <dt>责任落实</dt>
                <dd>
                  {h.supervision.responsiblePerson.name}
                  {h.supervision.responsiblePerson.position ? `（${h.supervision.responsiblePerson.position}）` : ''}
                </dd>
                <dt>措施落实</dt>
                <dd class="wrap">{h.measures ?? '—'}</dd>
                <dt>资金落实</dt>
                <dd>
                  {num(h.supervision.funds.amount)} 元
                  {h.supervision.funds.source ? `（${h.supervision.funds.source}）` : ''}
                </dd>
                <dt>时限落实</dt>
                <dd>{h.deadline}</dd>
                <dt>预案落实</dt>
                <dd class="wrap">{h.supervision.contingencyPlan}</dd>
                <dt>督办人</dt>
                <dd>{h.supervision.official.name}</dd>
              </dl>
            </section>
          ) : null}
          {h.rectification ? (
            <section class="panel">
              <h2>整改情况</h2>
              <p class="wrap">{h.rectification.note}</p>
            </section>
          ) : null}
          <HazardActions h={h} role={props.claims.role} onDone={loaded.reload} />
          <EvidencePanel
            target={{ mineId: h.mineId, recordKind: 'hazard', recordId: h.hazardId }}
            addSteps={h.status === 'verified' ? [] : evidenceSteps(h, props.claims.role)}
          />
          <HistoryPanel steps={h.steps} labels={HAZARD_WORKFLOW_LABELS} />
        </>
      )}
    </RecordPage>
  );
}

const HAZARD_WORKFLOW_LABELS: Record<string, string> = {
  record: '登记',
  ...Object.fromEntries(ACTION_ORDER.map((a) => [a, HAZARD_WORKFLOW.actions[a].label])),
};

function HazardActions(props: { h: Hazard; role: string; onDone: () => void }) {
  const { h } = props;
  const [note, setNote] = useState('');
  const { busy, error, done, run } = useRecordAction(props.onDone);
  const allowed = ACTION_ORDER.filter((a) => {
    const spec = HAZARD_WORKFLOW.actions[a];
    return (spec.from as readonly string[]).includes(h.status) && (spec.by as readonly string[]).includes(props.role);
  });
  if (allowed.length === 0 && !done) return null;
  const act = (action: HazardAction) =>
    run(
      () =>
        api
          .post(`/v1/hazards/${encodeURIComponent(h.hazardId)}/actions`, {
            action,
            version: h.version,
            ...(note.trim() ? { note: note.trim() } : {}),
          })
          .then(() => setNote('')),
      `已${HAZARD_WORKFLOW.actions[action].label}`,
    );
  const noteLabel =
    allowed.map((a) => NOTE_LABELS[a]).find((l) => l.includes('必填')) ?? NOTE_LABELS[allowed[0] ?? 'start'];
  return (
    <ActionsPanel testid="hazard-actions" error={error}>
      {allowed.length ? (
        <label class="field">
          <span>{noteLabel}</span>
          <textarea
            data-testid="hazard-note"
            rows={3}
            maxLength={2000}
            value={note}
            onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </label>
      ) : null}
      {allowed.includes('submit') ? (
        <p class="muted">提交前请在下方“证据材料 · 整改”中添加整改后的照片或文件。</p>
      ) : null}
      <div class="button-row">
        {allowed.map((a) => (
          <button
            key={a}
            type="button"
            class={`btn ${a === 'verify' || a === 'submit' ? 'btn-primary' : a === 'reject' ? 'btn-danger' : ''}`}
            data-testid={`hazard-action-${a}`}
            disabled={busy}
            onClick={() => void act(a)}
          >
            {HAZARD_WORKFLOW.actions[a].label}
          </button>
        ))}
        <ActionDone text={done} />
      </div>
    </ActionsPanel>
  );
}
