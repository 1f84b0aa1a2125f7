import type * as z from 'zod/mini';
import type { mineNoticeSchema } from '#lib/blacklist/schemas.ts';
import { api } from '../../api.ts';
import { Badge, ErrorBox } from '../../components/index.ts';
import { EvidencePanel } from '../../evidence/evidence-panel.tsx';
import { Form, FormErrors, FormSuccess, SubmitButton, TextareaField, useForm } from '../../forms/index.ts';
import { useLoad } from '../../use-load.ts';
import type { SectionProps } from './mine-work-page.tsx';

type Notice = z.infer<typeof mineNoticeSchema>;

/**
 * 陈述申辩: the notices (拟列入严重失信主体名单告知书) served on the mine or its key persons, with the grounds and the
 * days left to object; within the window the mine states its objection here and adds its evidence (the files go on
 * the entry's objection step); the bureau answers it before the listing goes to legal review.
 */
export function ObjectionSection(props: SectionProps) {
  const base = `/v1/mines/${encodeURIComponent(props.mineId)}/blacklist-notices`;
  const loaded = useLoad(() => api.get<{ items: Notice[] }>(base), [base]);
  const items = loaded.data?.items ?? [];
  return (
    <div class="work-section" data-testid="work-objection" data-ready={loaded.settled ? 'true' : 'false'}>
      <ErrorBox error={loaded.error} />
      {loaded.settled && items.length === 0 ? (
        <section class="panel">
          <h2>陈述申辩</h2>
          <p class="muted" data-testid="objection-none">
            本矿目前没有收到拟列入严重失信主体名单的告知。收到告知书后，可在告知书载明的期限内在此提出陈述申辩并提交证明材料。
          </p>
        </section>
      ) : null}
      {items.map((n) => (
        <NoticeCard
          key={n.entryId}
          notice={n}
          base={base}
          mineId={props.mineId}
          role={props.role}
          onDone={loaded.reload}
        />
      ))}
    </div>
  );
}

function NoticeCard(props: { notice: Notice; base: string; mineId: string; role: string; onDone: () => void }) {
  const n = props.notice;
  const open = n.daysLeft > 0;
  const form = useForm({
    initial: { content: '' },
    success: '已提交陈述申辩',
    idempotent: true,
    send: (body, headers) =>
      api.post(`${props.base}/${encodeURIComponent(n.entryId)}/objections`, { ...body, version: n.version }, headers),
    onDone: () => {
      // The statement is on the list now: the box is left empty for a further one, not for the same one again.
      form.set('content', '');
      props.onDone();
    },
  });
  return (
    <section class="panel" data-testid={`notice-${n.entryId}`}>
      <h2>拟列入严重失信主体名单告知{n.noticeNo ? `（${n.noticeNo}）` : ''}</h2>
      <dl class="facts">
        <dt>拟列入对象</dt>
        <dd>
          {n.subjectName}
          {n.personRole ? `（${n.personRole}，身份证号 ${n.residentIdMasked ?? ''}）` : ''}
        </dd>
        <dt>列入依据</dt>
        <dd class="wrap">
          {n.grounds.map((g) => (
            <div key={g.code}>
              {g.name}（{g.basis}）
            </div>
          ))}
        </dd>
        <dt>送达日期</dt>
        <dd>{n.servedOn}</dd>
        <dt>申辩期限</dt>
        <dd>
          至 {n.objectionDeadline}{' '}
          {open ? (
            <Badge code="B" text={`还有 ${n.daysLeft} 天`} testid="notice-days-left" />
          ) : (
            <Badge code="D" text="期限已过" testid="notice-days-left" />
          )}
        </dd>
      </dl>
      <h3>已提出的陈述申辩（{n.objections.length}）</h3>
      {n.objections.length ? (
        <ul class="work-list" data-testid="notice-objections">
          {n.objections.map((o) => (
            <li key={o.objectionId}>
              {o.receivedOn}：<span class="wrap">{o.content}</span>
              <div class="muted">
                {o.answer
                  ? `监管部门答复（${o.answer.upheld ? '理由成立' : '理由不成立'}）：${o.answer.text}`
                  : '待监管部门答复'}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">尚未提出。</p>
      )}
      {open && props.role === 'mine_user' ? (
        <Form form={form} testid="objection-form" class="work-form">
          <TextareaField
            form={form}
            name="content"
            label="陈述申辩"
            hint="写明事实、理由，以及所附证明材料；提交后由监管部门答复"
            rows={5}
            maxLength={4000}
            required
            idPrefix="objection"
          />
          <FormErrors form={form} />
          <SubmitButton form={form} label="提交陈述申辩" testid="objection-submit" />
          <FormSuccess form={form} testid="objection-success" />
        </Form>
      ) : null}
      <EvidencePanel
        target={{ mineId: props.mineId, recordKind: 'blacklist', recordId: n.entryId }}
        addSteps={open && props.role === 'mine_user' ? ['objection'] : []}
        title="证明材料"
      />
    </section>
  );
}
