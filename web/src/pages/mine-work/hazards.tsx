import { useState } from 'preact/hooks';
import { HAZARD_LEVEL_LABELS } from '#lib/hazards/vocabulary.ts';
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
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import type { Hazard } from '../../types.ts';
import { useLoad } from '../../use-load.ts';
import type { SectionProps } from './mine-work-page.tsx';
import { nest } from './work-data.ts';

interface Standard {
  readonly id: string;
  readonly name: string;
  readonly inForce: boolean;
  readonly categories: readonly { code: string; name: string; article: string }[];
}

const LEVEL_OPTIONS = Object.entries(HAZARD_LEVEL_LABELS).map(([value, label]) => ({ value, label }));

/** 自查隐患: report a hazard the mine found itself, then add its photos (step 发现) to the record just made. */
export function SelfHazardSection(props: SectionProps) {
  const base = `/v1/mines/${encodeURIComponent(props.mineId)}`;
  const [created, setCreated] = useState<Hazard>();
  const own = useLoad(() => api.get<{ items: Hazard[] }>(`${base}/hazards`, { limit: 50 }), [base, created?.hazardId]);
  const mine = (own.data?.items ?? []).filter((h) => h.source === 'self_report');
  return (
    <div class="work-section" data-testid="work-self-hazard" data-ready={own.settled ? 'true' : 'false'}>
      {created ? (
        <section class="panel" data-testid="self-hazard-created">
          <h2>已登记：{created.location}</h2>
          <p>
            请添加现场照片。{' '}
            <a href={`#/hazards/${encodeURIComponent(created.hazardId)}`} data-testid="self-hazard-link">
              打开隐患详情
            </a>{' '}
            ·{' '}
            <button type="button" class="link-button" onClick={() => setCreated(undefined)}>
              再登记一条
            </button>
          </p>
          <EvidencePanel
            target={{ mineId: props.mineId, recordKind: 'hazard', recordId: created.hazardId }}
            addSteps={['found']}
            title="隐患照片"
          />
        </section>
      ) : (
        <SelfHazardForm base={base} onCreated={setCreated} />
      )}
      <section class="panel">
        <h2>本矿自查隐患</h2>
        <ErrorBox error={own.error} />
        <HazardList items={mine} empty="尚无自查隐患。" />
      </section>
    </div>
  );
}

function SelfHazardForm(props: { base: string; onCreated: (h: Hazard) => void }) {
  const standards = useLoad(() => api.get<{ items: Standard[] }>('/v1/hazard-standards'), []);
  const inForce = standards.data?.items.find((s) => s.inForce);
  const form = useForm<Hazard>({
    initial: { level: 'general', foundOn: todayShanghai() },
    idempotent: true,
    success: '已登记',
    send: (body, headers) => {
      const major = body.level === 'major';
      const fields = Object.fromEntries(
        Object.entries(body).filter(([k]) => major || !(k.startsWith('supervision.') || k === 'category')),
      );
      return api.post<Hazard>(
        `${props.base}/hazards`,
        { ...nest(fields, ['supervision.funds.amount']), source: 'self_report' },
        headers,
      );
    },
    onDone: props.onCreated,
  });
  const major = form.values.level === 'major';
  const p = 'self';
  return (
    <section class="panel">
      <h2>登记自查发现的隐患</h2>
      <Form form={form} testid="self-hazard" class="work-form">
        <SelectField form={form} name="level" label="级别" options={LEVEL_OPTIONS} required idPrefix={p} />
        <TextareaField form={form} name="description" label="隐患描述" required idPrefix={p} maxLength={2000} />
        <TextField form={form} name="location" label="位置" required idPrefix={p} maxLength={200} />
        <DateField form={form} name="foundOn" label="发现日期" idPrefix={p} max={todayShanghai()} />
        <DateField form={form} name="deadline" label="整改期限" required idPrefix={p} />
        <TextareaField form={form} name="measures" label="整改措施" required={major} idPrefix={p} maxLength={2000} />
        {major ? (
          <fieldset class="work-fieldset">
            <legend>重大事故隐患 · 五落实</legend>
            <SelectField
              form={form}
              name="category"
              label={`判定类别（${inForce?.name ?? '现行标准'}）`}
              options={(inForce?.categories ?? []).map((c) => ({ value: c.code, label: `${c.article} ${c.name}` }))}
              placeholder="请选择"
              required
              idPrefix={p}
            />
            <TextField form={form} name="supervision.responsiblePerson.name" label="责任人" required idPrefix={p} />
            <TextField form={form} name="supervision.responsiblePerson.position" label="责任人职务" idPrefix={p} />
            <NumberField
              form={form}
              name="supervision.funds.amount"
              label="治理资金"
              unit="元"
              min={0}
              required
              idPrefix={p}
            />
            <TextField form={form} name="supervision.funds.source" label="资金来源" idPrefix={p} />
            <TextareaField
              form={form}
              name="supervision.contingencyPlan"
              label="应急预案"
              required
              idPrefix={p}
              maxLength={2000}
            />
            <TextField
              form={form}
              name="supervision.official.name"
              label="督办人姓名"
              hint="监管部门指定的督办人"
              required
              idPrefix={p}
            />
            <TextField form={form} name="supervision.official.userId" label="督办人账号" required idPrefix={p} />
          </fieldset>
        ) : null}
        <FormErrors form={form} />
        <SubmitButton form={form} label="登记隐患" testid="self-hazard-submit" />
        <FormSuccess form={form} />
      </Form>
      <p class="muted">登记后即可添加现场照片。</p>
    </section>
  );
}

/** 隐患整改: the mine's hazards not yet verified, the overdue first, each linked to its 隐患详情. */
export function HazardsSection(props: SectionProps) {
  const base = `/v1/mines/${encodeURIComponent(props.mineId)}`;
  const loaded = useLoad(() => api.get<{ items: Hazard[] }>(`${base}/hazards`, { limit: 100 }), [base]);
  const open = (loaded.data?.items ?? [])
    .filter((h) => h.status !== 'verified')
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline));
  return (
    <div class="work-section" data-testid="work-hazards" data-ready={loaded.settled ? 'true' : 'false'}>
      <section class="panel">
        <h2>待整改的隐患（{open.length}）</h2>
        <p class="muted">打开隐患详情：开始整改，添加整改后的照片，提交验收。</p>
        <ErrorBox error={loaded.error} />
        <HazardList items={open} empty="没有待整改的隐患。" />
      </section>
    </div>
  );
}

function HazardList(props: { items: readonly Hazard[]; empty: string }) {
  if (!props.items.length) return <p class="muted">{props.empty}</p>;
  return (
    <ul class="work-list" data-testid="hazard-list">
      {props.items.map((h) => (
        <li key={h.hazardId} data-testid="hazard-item">
          <a href={`#/hazards/${encodeURIComponent(h.hazardId)}`}>
            {h.location}：{h.description.slice(0, 40)}
          </a>
          <div>
            <Badge code={h.level === 'major' ? 'D' : 'B'} text={h.levelLabel} />{' '}
            <Badge code={h.status} text={h.statusLabel} />
            {h.overdue ? <Badge code="D" text="已逾期" /> : null}
            <span class="muted"> 整改期限 {h.deadline}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
