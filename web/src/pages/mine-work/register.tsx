import { useState } from 'preact/hooks';
import { CIRCUIT_LABELS, REGISTER_KIND_LABELS } from '#lib/registry/vocabulary.ts';
import { api } from '../../api.ts';
import { Badge, ErrorBox } from '../../components/index.ts';
import { EvidencePanel } from '../../evidence/evidence-panel.tsx';
import { todayShanghai } from '../../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  NumberField,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
} from '../../forms/index.ts';
import { useLoad } from '../../use-load.ts';
import type { SectionProps } from './mine-work-page.tsx';
import { nest } from './work-data.ts';

interface RegisterRequest {
  readonly requestId: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly itemId: string;
  readonly changeLabel: string;
  readonly fields?: { name: string };
  readonly effectiveFrom: string;
  readonly reason?: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly requestedAt: string;
  readonly decisionNote?: string;
}
interface Item {
  readonly version: number;
  readonly name: string;
  readonly meterId?: string;
  readonly equipmentId?: string;
}

const KIND_OPTIONS = Object.entries(REGISTER_KIND_LABELS).map(([value, label]) => ({ value, label }));
const CIRCUIT_OPTIONS = Object.entries(CIRCUIT_LABELS).map(([value, label]) => ({ value, label }));
const YES_NO = [
  { value: 'false', label: '否' },
  { value: 'true', label: '是（通风、排水、监控等停产时也须运行）' },
];
const STATUS_CODES: Record<string, string> = { pending: 'C', approved: 'A', rejected: 'D' };

/**
 * 台账变更申请: the mine asks to add or change a meter or a piece of equipment; the change counts once a bureau
 * user approves it. The requests with their status, and the documents of each (step 申请).
 */
export function RegisterSection(props: SectionProps) {
  const base = `/v1/mines/${encodeURIComponent(props.mineId)}`;
  const [filed, setFiled] = useState<RegisterRequest>();
  const [open, setOpen] = useState<string>();
  const requests = useLoad(
    () => api.get<{ items: RegisterRequest[] }>(`${base}/register-requests`, { limit: 50 }),
    [base, filed?.requestId],
  );
  const items = requests.data?.items ?? [];
  return (
    <div class="work-section" data-testid="work-register" data-ready={requests.settled ? 'true' : 'false'}>
      <RegisterForm base={base} onFiled={setFiled} />
      {filed ? (
        <EvidencePanel
          target={{ mineId: props.mineId, recordKind: 'register_request', recordId: filed.requestId }}
          addSteps={['request']}
          title="申请材料（如电表照片、设备合格证）"
        />
      ) : null}
      <section class="panel">
        <h2>本矿的申请</h2>
        <ErrorBox error={requests.error} />
        {items.length ? (
          <ul class="work-list" data-testid="register-requests">
            {items.map((r) => (
              <li key={r.requestId} data-testid="register-request">
                <strong>
                  {r.changeLabel}
                  {r.kindLabel} {r.fields?.name ?? r.itemId}
                </strong>{' '}
                <Badge code={STATUS_CODES[r.status] ?? 'B'} text={r.statusLabel} />
                <div class="muted">
                  {r.itemId} · 自 {r.effectiveFrom} 起 · 提出于 {r.requestedAt.slice(0, 10)}
                  {r.reason ? ` · ${r.reason}` : ''}
                  {r.decisionNote ? ` · 审批意见：${r.decisionNote}` : ''}
                </div>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => setOpen(open === r.requestId ? undefined : r.requestId)}
                >
                  {open === r.requestId ? '收起材料' : '查看材料'}
                </button>
                {open === r.requestId ? (
                  <EvidencePanel
                    target={{ mineId: props.mineId, recordKind: 'register_request', recordId: r.requestId }}
                    addSteps={r.status === 'pending' ? ['request'] : []}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        ) : requests.settled ? (
          <p class="muted">尚无台账变更申请。</p>
        ) : null}
      </section>
    </div>
  );
}

function RegisterForm(props: { base: string; onFiled: (r: RegisterRequest) => void }) {
  const existing = useLoad(
    () =>
      Promise.all([
        api.get<{ items: Item[] }>(`${props.base}/meters`).then((r) => r.items),
        api.get<{ items: Item[] }>(`${props.base}/equipment`).then((r) => r.items),
      ]),
    [props.base],
  );
  const form = useForm<RegisterRequest>({
    initial: { kind: 'meter', multiplier: '1', circuit: 'other', mustRunWhenStopped: 'false' },
    success: '申请已提交，待监管部门审批',
    send: (body) => {
      const { kind, itemId, ...rest } = body;
      const meter = kind === 'meter';
      const [meters = [], equipment = []] = existing.data ?? [];
      const current = (meter ? meters : equipment).find((i) => (meter ? i.meterId : i.equipmentId) === itemId);
      const fields = Object.fromEntries(
        Object.entries(rest).filter(([k]) =>
          meter ? !['ratedKw', 'mustRunWhenStopped', 'meterId'].includes(k) : !['serialNo', 'multiplier'].includes(k),
        ),
      );
      const payload = nest(fields, ['multiplier', 'ratedKw']);
      if (!meter) payload.mustRunWhenStopped = rest.mustRunWhenStopped === 'true';
      return api.put<RegisterRequest>(
        `${props.base}/${meter ? 'meters' : 'equipment'}/${encodeURIComponent(String(itemId ?? ''))}`,
        { ...payload, ...(current ? { version: current.version } : {}) },
      );
    },
    onDone: props.onFiled,
  });
  const meter = form.values.kind === 'meter';
  const [meters = [], equipment = []] = existing.data ?? [];
  const known = (meter ? meters : equipment).map((i) => `${meter ? i.meterId : i.equipmentId}（${i.name}）`);
  return (
    <section class="panel">
      <h2>提出台账变更申请</h2>
      <ErrorBox error={existing.error} />
      <Form form={form} testid="register-form" class="work-form">
        <SelectField form={form} name="kind" label="台账" options={KIND_OPTIONS} required idPrefix="reg" />
        <TextField
          form={form}
          name="itemId"
          label={meter ? '电表编号' : '设备编号'}
          hint={known.length ? `填写已有编号即为修改：${known.join('、')}` : '新编号即为新增'}
          required
          idPrefix="reg"
          maxLength={64}
        />
        <TextField form={form} name="name" label="名称" required idPrefix="reg" maxLength={100} />
        {meter ? (
          <>
            <TextField form={form} name="serialNo" label="出厂编号" idPrefix="reg" maxLength={50} />
            <NumberField form={form} name="multiplier" label="倍率（CT/PT）" min={0} idPrefix="reg" />
          </>
        ) : (
          <>
            <NumberField form={form} name="ratedKw" label="额定功率" unit="kW" min={0} required idPrefix="reg" />
            <SelectField form={form} name="mustRunWhenStopped" label="停产时仍须运行" options={YES_NO} idPrefix="reg" />
            <TextField form={form} name="meterId" label="所接电表编号" idPrefix="reg" maxLength={64} />
          </>
        )}
        <SelectField
          form={form}
          name="circuit"
          label="回路"
          options={CIRCUIT_OPTIONS}
          required={!meter}
          idPrefix="reg"
        />
        <DateField
          form={form}
          name="effectiveFrom"
          label="生效日期"
          hint="默认今天，不能早于今天"
          min={todayShanghai()}
          idPrefix="reg"
        />
        <TextField form={form} name="reason" label="变更理由" idPrefix="reg" maxLength={500} />
        <FormErrors form={form} />
        <SubmitButton form={form} label="提交申请" testid="register-submit" />
        <FormSuccess form={form} testid="register-success" />
      </Form>
    </section>
  );
}
