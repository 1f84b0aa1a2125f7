import { api } from '../../api.ts';
import { todayShanghai } from '../../format.ts';
import {
  CheckboxGroupField,
  DateField,
  Form,
  FormErrors,
  type FormState,
  FormSuccess,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import { SCOPE_LABELS, SCOPES } from '../../labels.ts';
import type { QueueItem } from './queue-data.ts';

/**
 * 审核意见: the approve form and the reject form of one waiting item. The reason to reject is the API's to require:
 * the page sends what was typed, and the API's message for the field shows beside it, as does the four-eyes refusal
 * (the proposer may not decide) in the form's error box.
 */
interface Decision {
  /** The field the reason to reject goes in. */
  readonly reasonField: 'note' | 'reason';
  /** The approval's opinion field, when it has one. */
  readonly opinionField?: 'note' | 'reason';
  readonly approveLabel: string;
  readonly rejectLabel: string;
  readonly approve: (body: Record<string, unknown>) => Promise<unknown>;
  readonly reject: (body: Record<string, unknown>) => Promise<unknown>;
}

const enc = encodeURIComponent;

function decisionOf(item: QueueItem): Decision {
  switch (item.kind) {
    case 'penalty': {
      const path = `/v1/penalties/${enc(item.penalty.penaltyId)}/actions`;
      const version = item.penalty.version;
      return {
        reasonField: 'note',
        opinionField: 'note',
        approveLabel: '审核通过',
        rejectLabel: '审核不通过',
        approve: (b) => api.post(path, { action: 'approve', version, ...b }),
        reject: (b) => api.post(path, { action: 'reject', version, ...b }),
      };
    }
    case 'blacklist': {
      const path = `/v1/blacklist/${enc(item.entry.entryId)}/actions`;
      const version = item.entry.version;
      const [yes, no] =
        item.step === 'listing'
          ? (['approve', 'reject'] as const)
          : item.step === 'removal'
            ? (['approve_removal', 'reject_removal'] as const)
            : (['approve_revocation', 'reject_revocation'] as const);
      return {
        reasonField: 'reason',
        ...(item.step === 'listing' ? {} : { opinionField: 'note' as const }),
        approveLabel:
          item.step === 'listing' ? '审核通过并列入' : item.step === 'removal' ? '同意提前移出' : '同意撤销',
        rejectLabel: item.step === 'listing' ? '审核不通过' : '不同意',
        approve: (b) => api.post(path, { action: yes, version, ...b }),
        reject: (b) => api.post(path, { action: no, version, ...b }),
      };
    }
    case 'override': {
      const path = `/v1/mines/${enc(item.override.mineId)}/credit/overrides/${enc(item.override.overrideId)}`;
      const version = item.override.version;
      return {
        reasonField: 'reason',
        opinionField: 'reason',
        approveLabel: '批准调整',
        rejectLabel: '驳回',
        approve: (b) => api.post(`${path}/approve`, { version, ...b }),
        reject: (b) => api.post(`${path}/reject`, { version, ...b }),
      };
    }
    case 'policy': {
      const path = `/v1/policies/${enc(item.change.policy)}/pending/${enc(item.change.changeId)}`;
      const version = item.change.version;
      return {
        reasonField: 'reason',
        opinionField: 'reason',
        approveLabel: '批准变更',
        rejectLabel: '驳回',
        approve: (b) => api.post(`${path}/approve`, { version, ...b }),
        reject: (b) => api.post(`${path}/reject`, { version, ...b }),
      };
    }
  }
}

export function DecisionForms(props: { item: QueueItem; onDecided: (text: string) => void }) {
  const { item } = props;
  const d = decisionOf(item);
  const prefix = `legal-${item.key.replace(/\W+/g, '-')}`;
  const approve = useForm({
    initial: initialApprove(item),
    send: (body) => d.approve(body),
    success: `已${d.approveLabel}`,
    onDone: () => props.onDecided(`已${d.approveLabel}：${item.what}`),
  });
  const reject = useForm({
    initial: { [d.reasonField]: '' },
    send: (body) => d.reject(body),
    success: `已${d.rejectLabel}`,
    onDone: () => props.onDecided(`已${d.rejectLabel}：${item.what}`),
  });
  const busy = approve.busy || reject.busy;
  return (
    <div class="lq-decide">
      <Form form={approve} testid="legal-approve-form" class="lq-decide-form lq-approve">
        <h3>审核通过</h3>
        <ApproveFields item={item} form={approve} prefix={`${prefix}-approve`} opinion={d.opinionField} />
        <FormErrors form={approve} testid="legal-approve-errors" />
        <div class="button-row">
          <SubmitButton form={approve} disabled={busy} label={d.approveLabel} testid="legal-approve" />
        </div>
        <FormSuccess form={approve} />
      </Form>
      <Form form={reject} testid="legal-reject-form" class="lq-decide-form lq-reject">
        <h3>审核不通过</h3>
        <TextareaField
          form={reject}
          name={d.reasonField}
          idPrefix={`${prefix}-reject`}
          label="不通过理由"
          hint="写明不予通过的事实和理由，将记入办理过程并告知提出人。"
          required
          rows={3}
        />
        <FormErrors form={reject} testid="legal-reject-errors" />
        <div class="button-row">
          <SubmitButton form={reject} disabled={busy} label={d.rejectLabel} testid="legal-reject" danger />
        </div>
        <FormSuccess form={reject} />
      </Form>
    </div>
  );
}

function initialApprove(item: QueueItem): Record<string, string | readonly string[]> {
  if (item.kind === 'penalty') return { decisionNo: item.penalty.decisionNo ?? '', note: '' };
  if (item.kind === 'blacklist' && item.step === 'listing')
    return { decisionNo: item.entry.decisionNo ?? '', listedOn: todayShanghai(), scopes: [...item.entry.scopes] };
  return {};
}

function ApproveFields(props: { item: QueueItem; form: FormState; prefix: string; opinion: string | undefined }) {
  const { item, form, prefix } = props;
  return (
    <>
      {item.kind === 'penalty' ? (
        <TextField
          form={form}
          name="decisionNo"
          idPrefix={prefix}
          label="行政处罚决定书文号"
          hint={
            item.penalty.decisionNo
              ? '提出时已填写，可更正。'
              : '留空则按本局本年度行政处罚决定书顺序自动编号（如 东山煤安罚〔2026〕3号）。'
          }
        />
      ) : null}
      {item.kind === 'blacklist' && item.step === 'listing' ? (
        <>
          <TextField form={form} name="decisionNo" idPrefix={prefix} label="列入决定书文号" required />
          <DateField form={form} name="listedOn" idPrefix={prefix} label="列入日期" hint="默认今天。" />
          <CheckboxGroupField
            form={form}
            name="scopes"
            idPrefix={prefix}
            label="限制范围"
            hint="不选为全部范围。"
            options={SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
          />
        </>
      ) : null}
      {props.opinion ? (
        <TextareaField form={form} name={props.opinion} idPrefix={prefix} label="审核意见" hint="选填。" rows={2} />
      ) : null}
    </>
  );
}
