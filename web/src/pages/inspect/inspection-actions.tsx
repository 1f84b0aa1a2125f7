import { useState } from 'preact/hooks';
import { ONSITE_MEASURE_LABELS, ONSITE_MEASURES } from '#lib/inspections/vocabulary.ts';
import { PENALTY_KIND_LABELS } from '#lib/penalties/vocabulary.ts';
import { ApiError, api } from '../../api.ts';
import {
  CheckboxGroupField,
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  NumberField,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import { chosenPersons, personFields, ResponsiblePersonsField, useKeyPersons } from '../persons/responsible.tsx';
import type { Findings, InspectionView } from './inspection-data.ts';

/** The inspection's acts on site: 现场处理决定, 提出处罚, 结束检查, and the documents to print once issued. */
const enc = encodeURIComponent;

/** The API names a decision's fields under its item (`body.items.0.deadline`); the form shows them as its own. */
function itemFields(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(
    error.status,
    error.title,
    error.detail,
    error.fields.map((x) => ({ ...x, field: x.field.replace(/^body\.items\.\d+\./, 'body.') })),
  );
}

const needsOnline = (online: boolean) =>
  online ? null : <p class="muted">需要网络：恢复信号后再办理（已记录的发现会先发送）。</p>;

export function DecisionPanel(props: { f: Findings; online: boolean; onDone: () => void }) {
  const { inspection: i, hazards, violations } = props.f;
  const form = useForm({
    initial: { measure: 'rectify_by_deadline', hazardIds: [], violationIds: [] },
    idempotent: true,
    success: '已下达现场处理决定',
    send: async (values, headers) => {
      try {
        await api.post(
          `/v1/inspections/${enc(i.inspectionId)}/actions`,
          {
            action: 'issue_decision',
            version: i.version,
            items: [
              {
                measure: values.measure,
                ...(values.deadline ? { deadline: values.deadline } : {}),
                ...(values.description ? { description: values.description } : {}),
                hazardIds: values.hazardIds ?? [],
                violationIds: values.violationIds ?? [],
              },
            ],
          },
          headers,
        );
      } catch (error) {
        throw itemFields(error);
      }
    },
    onDone: props.onDone,
  });
  const p = 'decision';
  return (
    <section class="panel" data-testid="inspect-decision">
      <details>
        <summary>
          <h2 class="inspect-summary">现场处理决定</h2>
        </summary>
        {needsOnline(props.online)}
        <Form form={form} testid="decision-form" class="inspect-form">
          <SelectField
            form={form}
            idPrefix={p}
            name="measure"
            label="处理措施"
            required
            options={ONSITE_MEASURES.map((m) => ({ value: m, label: ONSITE_MEASURE_LABELS[m] }))}
          />
          {form.values.measure === 'rectify_by_deadline' ? (
            <DateField form={form} idPrefix={p} name="deadline" label="整改期限" required />
          ) : null}
          <TextareaField
            form={form}
            idPrefix={p}
            name="description"
            label="具体要求"
            required={form.values.measure === 'other'}
            rows={2}
            maxLength={1000}
          />
          {hazards.length ? (
            <CheckboxGroupField
              form={form}
              idPrefix={p}
              name="hazardIds"
              label="涉及的隐患"
              options={hazards.map((h) => ({ value: h.hazardId, label: `${h.levelLabel} · ${h.location}` }))}
            />
          ) : null}
          {violations.length ? (
            <CheckboxGroupField
              form={form}
              idPrefix={p}
              name="violationIds"
              label="涉及的违法行为"
              options={violations.map((v) => ({ value: v.violationId, label: v.categoryName }))}
            />
          ) : null}
          <FormErrors form={form} testid="decision-errors" />
          <SubmitButton form={form} label="下达现场处理决定书" testid="decision-submit" disabled={!props.online} />
          <FormSuccess form={form} testid="decision-success" />
        </Form>
      </details>
    </section>
  );
}

const PENALTY_KINDS = (['warning', 'fine'] as const).map((k) => ({ value: k, label: PENALTY_KIND_LABELS[k] }));

/** 提出处罚: a proposed penalty for violations found here; it goes on to the legal review. */
export function PenaltyPanel(props: { f: Findings; online: boolean }) {
  const { inspection: i, violations } = props.f;
  const [made, setMade] = useState<string>();
  const persons = useKeyPersons(i.mineId);
  // The persons the violations named are proposed as the penalty's (the officer may change them).
  const named = [...new Set(violations.flatMap((v) => (v.responsiblePersons ?? []).map((p) => p.personId)))];
  const form = useForm<{ penaltyId: string }>({
    initial: { kind: 'warning', violationIds: violations.map((v) => v.violationId), responsiblePersons: named },
    idempotent: true,
    success: '已提出处罚，等待审核',
    send: (values, headers) =>
      api
        .post<{ penaltyId: string }>(
          `/v1/mines/${enc(i.mineId)}/penalties`,
          {
            ...values,
            ...(values.amountYuan ? { amountYuan: Number(values.amountYuan) } : {}),
            ...(values.kind === 'fine' ? {} : { amountYuan: undefined }),
          },
          headers,
        )
        .catch((error: unknown) => {
          throw personFields(error, chosenPersons(values), persons.data ?? []);
        }),
    onDone: (r) => setMade(r.penaltyId),
  });
  const p = 'penalty';
  return (
    <section class="panel" data-testid="inspect-penalty">
      <details>
        <summary>
          <h2 class="inspect-summary">提出处罚</h2>
        </summary>
        {needsOnline(props.online)}
        <Form form={form} testid="penalty-form" class="inspect-form">
          <CheckboxGroupField
            form={form}
            idPrefix={p}
            name="violationIds"
            label="处罚所针对的违法行为"
            required
            options={violations.map((v) => ({ value: v.violationId, label: `${v.categoryName}：${v.description}` }))}
          />
          <SelectField form={form} idPrefix={p} name="kind" label="处罚种类" required options={PENALTY_KINDS} />
          {form.values.kind === 'fine' ? (
            <NumberField form={form} idPrefix={p} name="amountYuan" label="罚款金额" unit="元" min={0} required />
          ) : null}
          <TextField form={form} idPrefix={p} name="basis" label="法律依据" required maxLength={1000} />
          <TextareaField form={form} idPrefix={p} name="description" label="处罚事由" required rows={2} />
          <TextField
            form={form}
            idPrefix={p}
            name="decisionNo"
            label="决定书文号"
            hint="一般处罚须填写；重大处罚可在法制审核后填写"
            maxLength={100}
          />
          {persons.error ? null : <ResponsiblePersonsField form={form} idPrefix={p} persons={persons.data} />}
          <FormErrors form={form} testid="penalty-errors" />
          <SubmitButton form={form} label="提出处罚" testid="penalty-submit" disabled={!props.online} />
          <FormSuccess form={form} testid="penalty-success" />
        </Form>
        {made ? (
          <p>
            <a href={`#/print/penalty/${enc(made)}`} data-testid="penalty-print">
              打印行政处罚决定书
            </a>
          </p>
        ) : null}
      </details>
    </section>
  );
}

export function ClosePanel(props: { f: Findings; online: boolean; waiting: number; onDone: () => void }) {
  const i = props.f.inspection;
  const form = useForm({
    initial: {},
    idempotent: true,
    success: '检查已结束',
    send: (values, headers) =>
      api.post(
        `/v1/inspections/${enc(i.inspectionId)}/actions`,
        { action: 'close', version: i.version, ...values },
        headers,
      ),
    onDone: props.onDone,
  });
  return (
    <section class="panel" data-testid="inspect-close">
      <h2>结束检查</h2>
      {needsOnline(props.online)}
      {props.waiting ? (
        <p class="muted" data-testid="close-waiting">
          还有 {props.waiting} 条检查发现待发送：发送后才能结束检查。
        </p>
      ) : null}
      <Form form={form} testid="close-form" class="inspect-form">
        <TextareaField
          form={form}
          idPrefix="close"
          name="summary"
          label="检查情况"
          required
          rows={4}
          maxLength={4000}
        />
        <FormErrors form={form} testid="close-errors" />
        <SubmitButton
          form={form}
          label="结束检查"
          testid="close-submit"
          disabled={!props.online || props.waiting > 0}
        />
      </Form>
    </section>
  );
}

/** The printable documents: the record once closed, every on-site decision as issued. */
export function Documents(props: { inspection: InspectionView }) {
  const i = props.inspection;
  if (!i.recordNo && i.decisions.length === 0) return null;
  return (
    <section class="panel" data-testid="inspect-documents">
      <h2>文书</h2>
      <ul class="inspect-docs">
        {i.recordNo ? (
          <li>
            <a href={`#/print/inspection/${enc(i.inspectionId)}`} data-testid="print-record">
              现场检查记录 {i.recordNo}
            </a>
          </li>
        ) : null}
        {i.decisions.map((d) => (
          <li key={d.n}>
            <a href={`#/print/decision/${enc(i.inspectionId)}/${d.n}`} data-testid="print-decision">
              现场处理决定书 {d.documentNo}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
