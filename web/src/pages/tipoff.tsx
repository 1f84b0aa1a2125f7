import { useState } from 'preact/hooks';
import { TIPOFF_FINDING_LABELS, TIPOFF_FINDINGS } from '#lib/tipoffs/vocabulary.ts';
import { api } from '../api.ts';
import { Badge, ErrorBox } from '../components/index.ts';
import { ActionDone, ActionsPanel, RecordPage, useRecordAction } from '../components/record-page.tsx';
import type { PageProps } from '../routes.tsx';
import { useLoad } from '../use-load.ts';
import type { TipoffRow } from './tipoffs.tsx';

/**
 * 举报详情: what was reported, the links to the mine's records, the history, and the actions for the right roles:
 * triage (admin, inspector), assignment (admin), linking and concluding (assigned handlers, admin), the reward
 * (proposed by a handler, approved by another legal reviewer, recorded as paid by the admin). The reporter's contact
 * is behind a button only an assigned handler sees; each reading is recorded.
 */
interface TipoffDetail extends TipoffRow {
  readonly version: number;
  readonly when: string;
  readonly where: string;
  readonly hasContact: boolean;
  readonly staffOrRelative: boolean;
  readonly publicAnswer?: string;
  readonly duplicateOf?: string;
  readonly files: readonly { index: number; fileName: string; size: number; received: boolean; receivedAt?: string }[];
  readonly links: Record<'inspections' | 'cases' | 'violations' | 'penalties', readonly string[]>;
  readonly finding?: string;
  readonly reward?: TipoffRow['reward'] & {
    status: string;
    proposedBy: { sub: string; name?: string };
    approvedBy?: { name?: string; sub: string };
    paidOn?: string;
    paidAmountYuan?: number;
  };
  readonly mayRevealContact: boolean;
  readonly history: readonly { eventId: string; at: string; action: string; actor: { sub: string; name?: string } }[];
}

const ACTION_LABELS: Record<string, string> = {
  'tipoff.received': '收到举报',
  'tipoff.accepted': '受理',
  'tipoff.not_in_scope': '不予受理',
  'tipoff.duplicate': '认定重复举报',
  'tipoff.assigned': '指派承办人',
  'tipoff.linked': '关联核查记录',
  'tipoff.concluded': '办结',
  'tipoff.reward_proposed': '提出奖励',
  'tipoff.reward_approved': '审核奖励',
  'tipoff.reward_paid': '登记奖励发放',
  'tipoff.contact_read': '查看举报人联系方式',
  'tipoff.file_received': '收到举报附件',
  'tipoff.file_downloaded': '下载举报附件',
};
const LINK_LABELS = {
  inspections: '检查记录',
  cases: '调查案件',
  violations: '违法记录',
  penalties: '行政处罚',
} as const;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function TipoffPage(props: PageProps) {
  const id = props.params.tipoffId!;
  const loaded = useLoad(() => api.get<TipoffDetail>(`/v1/tipoffs/${encodeURIComponent(id)}`), [id]);
  const t = loaded.data;
  return (
    <RecordPage
      name="tipoff"
      loaded={loaded}
      title={t ? `举报：${t.mineName}` : '举报'}
      subtitle={id}
      back={{ href: '#/tipoffs', text: '返回举报列表' }}
    >
      {(t) => (
        <>
          <dl class="facts">
            <dt>状态</dt>
            <dd>
              <Badge code={t.status} text={t.statusLabel} testid="tipoff-status" />
              {t.overdue ? <Badge code="D" text="已逾期" /> : null}
            </dd>
            <dt>举报事项</dt>
            <dd>{t.subjectLabel}</dd>
            <dt>办结期限</dt>
            <dd>{t.dueOn}</dd>
            <dt>承办人</dt>
            <dd>{t.handlers.map((h) => h.name).join('、') || '未指派'}</dd>
            {t.findingLabel ? (
              <>
                <dt>核查结论</dt>
                <dd data-testid="tipoff-finding">{t.findingLabel}</dd>
              </>
            ) : null}
            {t.duplicateOf ? (
              <>
                <dt>重复于</dt>
                <dd>
                  <a href={`#/tipoffs/${t.duplicateOf}`}>{t.duplicateOf}</a>
                </dd>
              </>
            ) : null}
            <dt>举报人</dt>
            <dd>
              {t.hasContact ? '留有联系方式' : '匿名'}
              {t.staffOrRelative ? '；声明为监管人员或其近亲属（不予奖励）' : ''}
            </dd>
          </dl>
          <section class="panel">
            <h2>举报内容</h2>
            <p class="wrap" data-testid="tipoff-what">
              {t.what}
            </p>
            <p class="muted">
              时间：{t.when}；地点：{t.where}
            </p>
            {t.publicAnswer ? <p>对举报人的答复：{t.publicAnswer}</p> : null}
          </section>
          {t.files.length ? (
            <FilesPanel
              t={t}
              mayDownload={
                props.claims.role === 'bureau_admin' || t.handlers.some((h) => h.userId === props.claims.sub)
              }
            />
          ) : null}
          {t.mayRevealContact ? <ContactPanel id={t.tipoffId} /> : null}
          <section class="panel">
            <h2>关联核查记录</h2>
            {Object.entries(LINK_LABELS).some(([k]) => t.links[k as keyof typeof LINK_LABELS].length) ? (
              <ul>
                {Object.entries(LINK_LABELS).flatMap(([k, label]) =>
                  t.links[k as keyof typeof LINK_LABELS].map((x) => (
                    <li key={x}>
                      {label}：<code class="small">{x}</code>
                    </li>
                  )),
                )}
              </ul>
            ) : (
              <p class="muted">暂无</p>
            )}
          </section>
          {t.reward ? (
            <section class="panel" data-testid="tipoff-reward">
              <h2>举报奖励</h2>
              <p>
                {t.reward.amountYuan} 元 · {t.reward.statusLabel}（提出：
                {t.reward.proposedBy.name ?? t.reward.proposedBy.sub}
                {t.reward.approvedBy ? `；审核：${t.reward.approvedBy.name ?? t.reward.approvedBy.sub}` : ''}
                {t.reward.paidOn ? `；${t.reward.paidOn} 发放 ${t.reward.paidAmountYuan} 元` : ''}）
              </p>
            </section>
          ) : null}
          <TipoffActions t={t} claims={props.claims} onDone={loaded.reload} />
          <section class="panel">
            <h2>办理过程</h2>
            <ol class="steps">
              {t.history.map((e) => (
                <li key={e.eventId}>
                  {new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} ·{' '}
                  {ACTION_LABELS[e.action] ?? e.action} ·{' '}
                  {e.actor.name ?? (e.actor.sub === 'public' ? '举报人' : e.actor.sub)}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </RecordPage>
  );
}

/**
 * The reporter's files: which arrived (uploaded and checked) and which did not; an assigned handler or the admin
 * gets a 5-minute link to a received one (each link recorded in the history).
 */
function FilesPanel(props: { t: TipoffDetail; mayDownload: boolean }) {
  const [links, setLinks] = useState<Record<number, string>>({});
  const { busy, error, run } = useRecordAction(() => undefined);
  const { t } = props;
  return (
    <section class="panel" data-testid="tipoff-files">
      <h2>举报附件</h2>
      <ul>
        {t.files.map((f) => (
          <li key={f.index} data-testid={`tipoff-file-${f.index}`} data-received={f.received ? 'yes' : 'no'}>
            {f.fileName}（{Math.max(1, Math.round(f.size / 1024))} KB）·{' '}
            {f.received ? (
              <span class="ok-text">已收到</span>
            ) : (
              <span class="warn-text">未收到（举报人未上传或未确认）</span>
            )}
            {f.received && props.mayDownload ? (
              links[f.index] ? (
                <>
                  {' '}
                  <a href={links[f.index]} target="_blank" rel="noopener" data-testid={`tipoff-file-link-${f.index}`}>
                    打开文件（5 分钟内有效）
                  </a>
                </>
              ) : (
                <>
                  {' '}
                  <button
                    type="button"
                    class="btn btn-small"
                    disabled={busy}
                    data-testid={`tipoff-file-download-${f.index}`}
                    onClick={() =>
                      void run(
                        () =>
                          api
                            .post<{ url: string }>(`/v1/tipoffs/${t.tipoffId}/files/${f.index}/download`, {})
                            .then((l) => setLinks({ ...links, [f.index]: l.url })),
                        '',
                      )
                    }
                  >
                    下载（将被记录）
                  </button>
                </>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {props.mayDownload ? null : <p class="muted">附件仅承办人和局领导可以下载。</p>}
      <ErrorBox error={error} />
    </section>
  );
}

function ContactPanel(props: { id: string }) {
  const [contact, setContact] = useState<{ name?: string; mobile: string }>();
  const { busy, error, run } = useRecordAction(() => undefined);
  return (
    <ActionsPanel testid="tipoff-contact" error={error}>
      {contact ? (
        <p data-testid="tipoff-contact-shown">
          {contact.name ?? '（未留姓名）'} · {contact.mobile}
        </p>
      ) : (
        <button
          type="button"
          class="btn"
          disabled={busy}
          data-testid="tipoff-reveal-contact"
          onClick={() =>
            void run(
              () => api.post<{ name?: string; mobile: string }>(`/v1/tipoffs/${props.id}/contact`, {}).then(setContact),
              '',
            )
          }
        >
          查看举报人联系方式（将被记录）
        </button>
      )}
    </ActionsPanel>
  );
}

function TipoffActions(props: { t: TipoffDetail; claims: PageProps['claims']; onDone: () => void }) {
  const { t, claims } = props;
  const { busy, error, done, run } = useRecordAction(props.onDone);
  const [handlers, setHandlers] = useState('');
  const [answer, setAnswer] = useState('');
  const [finding, setFinding] = useState<string>('founded');
  const [link, setLink] = useState({ kind: 'penalties', id: '' });
  const [penaltyId, setPenaltyId] = useState('');
  const [paid, setPaid] = useState({ paidOn: today(), amount: String(t.reward?.amountYuan ?? '') });
  const role = claims.role;
  const handler = t.handlers.some((h) => h.userId === claims.sub) || role === 'bureau_admin';
  const post = (path: string, body: Record<string, unknown>, text: string) =>
    run(() => api.post(`/v1/tipoffs/${encodeURIComponent(t.tipoffId)}/${path}`, { version: t.version, ...body }), text);

  const parts = [];
  if (t.status === 'received' && (role === 'bureau_admin' || role === 'inspector'))
    parts.push(
      <div class="button-row" key="triage">
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy}
          data-testid="tipoff-accept"
          onClick={() => void post('triage', { decision: 'accept' }, '已受理')}
        >
          受理
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy}
          data-testid="tipoff-not-in-scope"
          onClick={() => void post('triage', { decision: 'not_in_scope' }, '已不予受理')}
        >
          不属于受理范围
        </button>
      </div>,
    );
  if (t.status === 'accepted' && role === 'bureau_admin')
    parts.push(
      <div class="field-row" key="assign">
        <label class="field">
          <span>承办人账号（多个用逗号分隔）</span>
          <input
            value={handlers}
            data-testid="tipoff-handlers"
            onInput={(e) => setHandlers((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button
          type="button"
          class="btn"
          disabled={busy || !handlers.trim()}
          data-testid="tipoff-assign"
          onClick={() => void post('assign', { handlers: handlers.split(/[,，\s]+/).filter(Boolean) }, '已指派')}
        >
          指派
        </button>
      </div>,
    );
  if ((t.status === 'accepted' || t.status === 'concluded') && handler && t.mineId)
    parts.push(
      <div class="field-row" key="link">
        <label class="field">
          <span>关联记录</span>
          <select
            value={link.kind}
            onChange={(e) => setLink({ ...link, kind: (e.currentTarget as HTMLSelectElement).value })}
          >
            {Object.entries(LINK_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>记录编号</span>
          <input
            value={link.id}
            data-testid="tipoff-link-id"
            onInput={(e) => setLink({ ...link, id: (e.currentTarget as HTMLInputElement).value.trim() })}
          />
        </label>
        <button
          type="button"
          class="btn"
          disabled={busy || !link.id}
          onClick={() => void post('links', link, '已关联')}
        >
          关联
        </button>
      </div>,
    );
  if (t.status === 'accepted' && handler && t.handlers.length)
    parts.push(
      <div key="conclude">
        <div class="field-row">
          <label class="field">
            <span>核查结论</span>
            <select
              value={finding}
              data-testid="tipoff-finding-select"
              onChange={(e) => setFinding((e.currentTarget as HTMLSelectElement).value)}
            >
              {TIPOFF_FINDINGS.map((f) => (
                <option key={f} value={f}>
                  {TIPOFF_FINDING_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label class="field">
          <span>对举报人的答复（举报人凭查询码可见）</span>
          <textarea
            rows={3}
            maxLength={1000}
            value={answer}
            data-testid="tipoff-answer-input"
            onInput={(e) => setAnswer((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </label>
        <div class="button-row">
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy || !answer.trim()}
            data-testid="tipoff-conclude"
            onClick={() => void post('conclude', { finding, publicAnswer: answer.trim() }, '已办结')}
          >
            办结
          </button>
        </div>
      </div>,
    );
  if (
    t.status === 'concluded' &&
    handler &&
    !t.reward &&
    (t.finding === 'founded' || t.finding === 'partly_founded') &&
    !t.staffOrRelative
  )
    parts.push(
      <div class="field-row" key="reward">
        <label class="field">
          <span>罚款决定编号（按罚款额 15% 计算奖励）</span>
          <input
            value={penaltyId}
            data-testid="tipoff-reward-penalty"
            onInput={(e) => setPenaltyId((e.currentTarget as HTMLInputElement).value.trim())}
          />
        </label>
        <button
          type="button"
          class="btn"
          disabled={busy || !penaltyId}
          data-testid="tipoff-propose-reward"
          onClick={() =>
            void post(
              'reward',
              { subject: t.subject === 'major_hazard' ? 'major_hazard' : 'illegal_production', penaltyId },
              '已提出奖励',
            )
          }
        >
          提出奖励
        </button>
      </div>,
    );
  if (t.reward?.status === 'proposed' && role === 'legal_reviewer')
    parts.push(
      <div class="button-row" key="approve">
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy || t.reward.proposedBy.sub === claims.sub}
          title={t.reward.proposedBy.sub === claims.sub ? '奖励须由提出人以外的法制审核人员审核' : undefined}
          data-testid="tipoff-approve-reward"
          onClick={() => void post('reward/approve', {}, '已审核通过')}
        >
          审核通过奖励
        </button>
      </div>,
    );
  if (t.reward?.status === 'approved' && role === 'bureau_admin')
    parts.push(
      <div class="field-row" key="paid">
        <label class="field">
          <span>发放日期</span>
          <input
            type="date"
            value={paid.paidOn}
            onInput={(e) => setPaid({ ...paid, paidOn: (e.currentTarget as HTMLInputElement).value })}
          />
        </label>
        <label class="field">
          <span>发放金额（元）</span>
          <input
            inputMode="numeric"
            value={paid.amount}
            onInput={(e) => setPaid({ ...paid, amount: (e.currentTarget as HTMLInputElement).value })}
          />
        </label>
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy}
          data-testid="tipoff-pay"
          onClick={() =>
            void post('reward/paid', { paidOn: paid.paidOn, amountYuan: Number(paid.amount) }, '已登记发放')
          }
        >
          登记发放
        </button>
      </div>,
    );
  if (!parts.length && !done) return null;
  return (
    <ActionsPanel testid="tipoff-actions" error={error}>
      {parts}
      <ActionDone text={done} />
    </ActionsPanel>
  );
}
