import { useState } from 'preact/hooks';
import {
  CERTIFICATE_KIND_LABELS,
  CERTIFICATE_KINDS,
  SPECIAL_OPERATION_LABELS,
  SPECIAL_OPERATIONS,
} from '#lib/registry/vocabulary.ts';
import { api } from '../../api.ts';
import { Badge, ErrorBox } from '../../components/index.ts';
import { todayShanghai } from '../../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import type { Certificate } from '../../types.ts';
import { useLoad } from '../../use-load.ts';
import { licenceNote } from '../mine/due-notes.ts';
import { requireReason } from './person-fields.ts';

/**
 * 人员证书 (安全生产管理人员、特种作业人员): the mine registers a certificate, which waits for a bureau user's approval
 * (never by the one who asked); a bureau user approves it or rejects it with the reason. Each certificate shows its
 * standing: waiting, rejected, or once approved valid / expiring / expired with the days left.
 */
const enc = encodeURIComponent;
const KIND_OPTIONS = CERTIFICATE_KINDS.map((k) => ({ value: k, label: CERTIFICATE_KIND_LABELS[k] }));
const OPERATION_OPTIONS = SPECIAL_OPERATIONS.map((o) => ({ value: o, label: SPECIAL_OPERATION_LABELS[o] }));
const STATUS_CODES: Record<string, string> = { pending: 'C', approved: 'A', rejected: 'D' };
const TONE_CODES = { ok: 'A', warn: 'C', bad: 'D' } as const;

/** A certificate's standing in words, with a badge code for its colour. */
export function certificateStanding(c: Certificate): { text: string; code: string } {
  if (c.status !== 'approved' || !c.state) return { text: c.statusLabel, code: STATUS_CODES[c.status] ?? 'B' };
  const note = licenceNote(c.state, c.daysToExpiry);
  return { text: note.text, code: TONE_CODES[note.tone] };
}

/** The mine user's tab on 本矿填报: the registration form and the mine's certificates with their standing. */
export function CertificatesWork(props: { mineId: string }) {
  const base = `/v1/mines/${enc(props.mineId)}/certificates`;
  const [round, setRound] = useState(0);
  const list = useLoad(() => api.get<{ items: Certificate[] }>(base), [base, round]);
  const items = list.data?.items ?? [];
  return (
    <div class="work-section" data-testid="work-certificates" data-ready={list.settled ? 'true' : 'false'}>
      {/* A new form after each registration, so the next certificate starts empty. */}
      <RegisterCertificate key={round} base={base} filed={round > 0} onDone={() => setRound((r) => r + 1)} />
      <section class="panel">
        <h2>本矿的人员证书</h2>
        <ErrorBox error={list.error} />
        {items.length ? (
          <ul class="work-list" data-testid="certificate-list">
            {items.map((c) => (
              <CertificateLine key={c.certificateId} c={c} />
            ))}
          </ul>
        ) : list.settled ? (
          <p class="muted">尚未登记人员证书。</p>
        ) : null}
      </section>
    </div>
  );
}

function CertificateLine({ c }: { c: Certificate }) {
  const standing = certificateStanding(c);
  return (
    <li data-testid="certificate-item" data-status={c.status} data-state={c.state ?? c.status}>
      <strong>
        {c.holderName} · {c.operationLabel ?? c.kindLabel}
      </strong>{' '}
      <Badge code={standing.code} text={standing.text} />
      <div class="muted">
        证书编号 <span class="mono">{c.certificateNo}</span> · 身份证号 <span class="mono">{c.residentIdMasked}</span>
      </div>
      <div class="muted">
        {c.issuedOn} 发证，有效期至 {c.expiresOn}
        {c.decisionNote ? ` · ${c.status === 'rejected' ? '驳回理由' : '审批意见'}：${c.decisionNote}` : ''}
      </div>
    </li>
  );
}

function RegisterCertificate(props: { base: string; filed: boolean; onDone: () => void }) {
  const form = useForm<Certificate>({
    initial: { kind: 'special_operation' },
    idempotent: true,
    success: '证书已登记，待监管部门审批',
    send: (values, headers) => {
      const { operation, ...rest } = values;
      return api.post<Certificate>(
        props.base,
        { ...rest, ...(values.kind === 'special_operation' && operation ? { operation } : {}) },
        headers,
      );
    },
    onDone: props.onDone,
  });
  const p = 'cert';
  const today = todayShanghai();
  return (
    <section class="panel">
      <h2>登记人员证书</h2>
      <p class="muted">登记后须经监管部门审批方才计入本矿档案；到期前会提醒。</p>
      <Form form={form} testid="certificate-form" class="work-form">
        <SelectField form={form} idPrefix={p} name="kind" label="证书类别" required options={KIND_OPTIONS} />
        {form.values.kind === 'special_operation' ? (
          <SelectField
            form={form}
            idPrefix={p}
            name="operation"
            label="作业类别"
            required
            placeholder="请选择"
            options={OPERATION_OPTIONS}
          />
        ) : null}
        <TextField form={form} idPrefix={p} name="holderName" label="持证人姓名" required maxLength={50} />
        <TextField
          form={form}
          idPrefix={p}
          name="residentId"
          label="持证人身份证号"
          required
          maxLength={18}
          hint="仅用于核对身份，档案中只显示遮蔽后的号码"
        />
        <TextField form={form} idPrefix={p} name="certificateNo" label="证书编号" required maxLength={50} />
        <DateField form={form} idPrefix={p} name="issuedOn" label="发证日期" required max={today} />
        <DateField form={form} idPrefix={p} name="expiresOn" label="有效期至" required />
        <FormErrors form={form} testid="certificate-errors" />
        <SubmitButton form={form} label="提交登记" testid="certificate-submit" />
        <FormSuccess form={form} testid="certificate-success" />
        {props.filed && !form.done && !form.problems.box ? (
          <p class="fk-success" role="status" data-testid="certificate-filed">
            证书已登记，待监管部门审批。可继续登记下一份。
          </p>
        ) : null}
      </Form>
    </section>
  );
}

/**
 * 待审批的证书登记: for a bureau user on the mine's file, each certificate the mine asked to register, to approve or
 * to reject with the reason. The API refuses the one who asked and an expired certificate; its message shows here.
 */
export function PendingCertificates(props: {
  certificates: readonly Certificate[];
  onDecided: (c: Certificate) => void;
}) {
  const pending = props.certificates.filter((c) => c.status === 'pending');
  if (pending.length === 0) return null;
  return (
    <div class="record-block" data-testid="pending-certificates">
      <h3>待审批的证书登记（{pending.length}）</h3>
      <ul class="record-list pending-certificates-list">
        {pending.map((c) => (
          <CertificateDecision key={c.certificateId} c={c} onDecided={props.onDecided} />
        ))}
      </ul>
    </div>
  );
}

function CertificateDecision({ c, onDecided }: { c: Certificate; onDecided: (c: Certificate) => void }) {
  const path = `/v1/mines/${enc(c.mineId)}/certificates/${enc(c.certificateId)}`;
  const [rejecting, setRejecting] = useState(false);
  const approve = useForm<Certificate>({
    initial: {},
    send: (values) => api.post<Certificate>(`${path}/approve`, { version: c.version, ...values }),
    onDone: onDecided,
  });
  const reject = useForm<Certificate>({
    initial: {},
    send: (values) => {
      requireReason(values);
      return api.post<Certificate>(`${path}/reject`, { version: c.version, ...values });
    },
    onDone: onDecided,
  });
  const p = `cert-${c.certificateId}`;
  return (
    <li data-testid="pending-certificate">
      <strong>
        {c.holderName} · {c.operationLabel ?? c.kindLabel}
      </strong>{' '}
      <span class="mono">{c.certificateNo}</span>
      <div class="muted">
        {c.issuedOn} 发证，有效期至 {c.expiresOn} · {c.requestedBy.name ?? '本矿'} 于 {c.requestedAt.slice(0, 10)} 提出
      </div>
      {rejecting ? (
        <Form form={reject} testid={`${p}-reject`}>
          <TextareaField
            form={reject}
            idPrefix={`${p}-r`}
            name="reason"
            label="驳回理由"
            required
            rows={2}
            maxLength={500}
          />
          <FormErrors form={reject} />
          <div class="button-row">
            <SubmitButton form={reject} label="驳回" danger testid="certificate-reject-submit" />
            <button type="button" class="btn" onClick={() => setRejecting(false)}>
              取消
            </button>
          </div>
        </Form>
      ) : (
        <Form form={approve} testid={`${p}-approve`}>
          <TextField form={approve} idPrefix={`${p}-a`} name="note" label="审批意见（可不填）" maxLength={500} />
          <FormErrors form={approve} />
          <div class="button-row">
            <SubmitButton form={approve} label="批准" testid="certificate-approve" />
            <button type="button" class="btn" data-testid="certificate-reject" onClick={() => setRejecting(true)}>
              驳回…
            </button>
          </div>
        </Form>
      )}
    </li>
  );
}
