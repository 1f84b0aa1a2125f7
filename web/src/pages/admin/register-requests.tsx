import { useState } from 'preact/hooks';
import { REGISTER_KIND_LABELS } from '#lib/registry/vocabulary.ts';
import { ApiError, api, getAll } from '../../api.ts';
import { Badge, ErrorBox, Loading, MineLink, Page, PageHeader } from '../../components/index.ts';
import { actorText } from '../../components/steps.tsx';
import { EvidencePanel } from '../../evidence/evidence-panel.tsx';
import { dateTime } from '../../format.ts';
import { DateField, Form, FormErrors, FormSuccess, SubmitButton, TextareaField, useForm } from '../../forms/index.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { enc, type RegisterRequest } from './admin-api.ts';
import { changeRows } from './request-diff.ts';

/**
 * 台账审批: the requests to change a mine's equipment register or meters that wait in the jurisdiction, each with what
 * it changes (the record as it stands → as asked), who asked and why, the files behind it, and the two decisions. The
 * API keeps the four-eyes rule (whoever asked may not approve) and says so in its own words.
 */
export function RegisterRequestsPage(props: PageProps) {
  const loaded = useLoad(() => getAll<RegisterRequest>('/v1/register-requests'), []);
  const [notice, setNotice] = useState<string>();
  const items = loaded.data ?? [];
  const decided = (text: string) => {
    setNotice(text);
    loaded.reload();
  };
  return (
    <Page name="register-requests" ready={loaded.settled && !loaded.loading}>
      <PageHeader
        title="台账审批"
        subtitle="煤矿或监管中队提出的设备、电表台账变更，批准后才生效；申请人本人不能批准。"
      />
      {notice ? (
        <div class="fk-success admin-notice" role="status" data-testid="rr-notice">
          {notice}
        </div>
      ) : null}
      <ErrorBox error={loaded.error} />
      {!loaded.settled ? <Loading /> : null}
      {loaded.settled && items.length === 0 && !loaded.error ? (
        <p class="muted" data-testid="rr-empty">
          本辖区目前没有待审批的台账变更。
        </p>
      ) : null}
      <div class="rr-list">
        {items.map((r) => (
          <RequestCard
            key={r.requestId}
            request={r}
            role={props.claims.role}
            sub={props.claims.sub}
            onDecided={decided}
          />
        ))}
      </div>
    </Page>
  );
}

function currentPath(r: RegisterRequest): string {
  const kind = r.kind === 'equipment' ? 'equipment' : 'meters';
  return `/v1/mines/${enc(r.mineId)}/${kind}/${enc(r.itemId)}`;
}

function RequestCard(props: {
  request: RegisterRequest;
  role: string;
  sub: string;
  onDecided: (text: string) => void;
}) {
  const r = props.request;
  const [open, setOpen] = useState(false);
  // The record as it stands today: none for a new one (404 means it is not in force).
  const before = useLoad(
    () =>
      r.baseVersion === null
        ? Promise.resolve(undefined)
        : api.get<Record<string, unknown>>(currentPath(r)).catch((e: unknown) => {
            if (e instanceof ApiError && e.status === 404) return undefined;
            throw e;
          }),
    [r.requestId, r.version],
  );
  const rows = changeRows(r.kind, r.change, before.data, r.fields as Record<string, unknown> | undefined);
  const what = `${r.mineName} · ${REGISTER_KIND_LABELS[r.kind]} ${r.itemId}`;
  const base = `/v1/mines/${enc(r.mineId)}/register-requests/${enc(r.requestId)}`;
  const approve = useForm({
    initial: { effectiveFrom: r.effectiveFrom, note: '' },
    send: (body) => api.post(`${base}/approve`, { version: r.version, ...body }),
    success: '已批准',
    onDone: () => props.onDecided(`已批准：${what}`),
  });
  const reject = useForm({
    initial: { reason: '' },
    send: (body) => api.post(`${base}/reject`, { version: r.version, ...body }),
    success: '已驳回',
    onDone: () => props.onDecided(`已驳回：${what}`),
  });
  const busy = approve.busy || reject.busy;
  const prefix = `rr-${r.requestId.replace(/\W+/g, '-')}`;
  return (
    <article class="panel rr-card" data-testid={`rr-row-${r.requestId}`}>
      <header class="rr-head">
        <h2>
          <MineLink mineId={r.mineId} name={r.mineName} /> · {r.kindLabel}
          {r.fields && 'name' in r.fields ? `「${r.fields.name}」` : ''}
        </h2>
        <div class="rr-badges">
          <Badge code={r.change === 'remove' ? 'D' : 'B'} text={r.changeLabel} />
          <Badge code={r.status} text={r.statusLabel} />
        </div>
      </header>
      <dl class="facts">
        <dt>申请人</dt>
        <dd data-testid="rr-requester">
          {actorText(r.requestedBy)}，{dateTime(r.requestedAt)}
        </dd>
        <dt>申请生效日</dt>
        <dd>{r.effectiveFrom}</dd>
        <dt>编号</dt>
        <dd class="muted">
          {r.kindLabel} {r.itemId}
        </dd>
        {r.reason ? (
          <>
            <dt>变更理由</dt>
            <dd class="wrap">{r.reason}</dd>
          </>
        ) : null}
      </dl>
      <h3>变更内容</h3>
      <ErrorBox error={before.error} />
      <table class="rr-diff" data-testid="rr-diff">
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">现为</th>
            <th scope="col">改为</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} class={row.changed ? 'rr-changed' : undefined}>
              <th scope="row">{row.label}</th>
              <td data-label="现为">{row.before}</td>
              <td data-label="改为">{row.changed ? <strong>{row.after}</strong> : <span class="muted">不变</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.baseVersion === null ? <p class="muted">新登记：台账中原无此项。</p> : null}
      <button
        type="button"
        class="btn"
        aria-expanded={open ? 'true' : 'false'}
        data-testid="rr-open"
        onClick={() => setOpen(!open)}
      >
        {open ? '收起证据与审批' : '查看证据并审批'}
      </button>
      {open ? (
        <div class="rr-decide-area">
          <EvidencePanel
            target={{ mineId: r.mineId, recordKind: 'register_request', recordId: r.requestId }}
            addSteps={props.role === 'bureau_admin' || props.role === 'inspector' ? ['request'] : []}
          />
          {r.requestedBy.sub === props.sub ? (
            <p class="muted" data-testid="rr-own">
              这是您本人提出的申请：可以驳回（撤回），批准须由其他人办理。
            </p>
          ) : null}
          <div class="lq-decide">
            <Form form={approve} testid={`${prefix}-approve`} class="lq-decide-form lq-approve">
              <h3>批准</h3>
              <DateField
                form={approve}
                name="effectiveFrom"
                idPrefix={`${prefix}-approve`}
                label="生效日"
                hint="默认为申请的日期，可改为更晚的日期。"
                min={r.effectiveFrom}
              />
              <TextareaField
                form={approve}
                name="note"
                idPrefix={`${prefix}-approve`}
                label="审批意见（可选）"
                rows={2}
              />
              <FormErrors form={approve} testid="rr-approve-errors" />
              <div class="button-row">
                <SubmitButton form={approve} disabled={busy} label="批准变更" testid="rr-approve" />
              </div>
              <FormSuccess form={approve} />
            </Form>
            <Form form={reject} testid={`${prefix}-reject`} class="lq-decide-form lq-reject">
              <h3>驳回</h3>
              <TextareaField
                form={reject}
                name="reason"
                idPrefix={`${prefix}-reject`}
                label="驳回理由"
                hint="煤矿会看到这段理由；台账保持原样。"
                required
                rows={2}
              />
              <FormErrors form={reject} testid="rr-reject-errors" />
              <div class="button-row">
                <SubmitButton form={reject} disabled={busy} label="驳回" testid="rr-reject" danger />
              </div>
              <FormSuccess form={reject} />
            </Form>
          </div>
        </div>
      ) : null}
    </article>
  );
}
