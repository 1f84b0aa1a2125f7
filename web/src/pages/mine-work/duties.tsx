import { GAS_GRADE_LABELS, PERIODIC_DUTIES, PERIODIC_DUTY_LABELS } from '#lib/registry/vocabulary.ts';
import { api } from '../../api.ts';
import { Badge, ErrorBox } from '../../components/index.ts';
import { EvidencePanel } from '../../evidence/evidence-panel.tsx';
import { dueIn, todayShanghai } from '../../format.ts';
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
import type { PeriodicDuty } from '../../types.ts';
import { useLoad } from '../../use-load.ts';
import type { SectionProps } from './mine-work-page.tsx';

const STATE_TEXT: Record<PeriodicDuty['state'], { code: string; text: string }> = {
  done: { code: 'A', text: '按期' },
  due_soon: { code: 'C', text: '即将到期' },
  overdue: { code: 'D', text: '已逾期' },
};
const DUTY_OPTIONS = PERIODIC_DUTIES.map((d) => ({ value: d, label: PERIODIC_DUTY_LABELS[d] }));
const GRADE_OPTIONS = Object.entries(GAS_GRADE_LABELS).map(([value, label]) => ({ value, label }));

/** 周期性工作: 瓦斯等级鉴定 and the drills, when each was last done and falls due; record one done with its record. */
export function DutiesSection(props: SectionProps) {
  const base = `/v1/mines/${encodeURIComponent(props.mineId)}`;
  const loaded = useLoad(() => api.get<{ items: PeriodicDuty[] }>(`${base}/periodic-duties`), [base]);
  const duties = loaded.data?.items ?? [];
  const form = useForm<PeriodicDuty>({
    initial: { duty: 'emergency_plan_drill', lastDoneOn: todayShanghai() },
    success: '已登记',
    send: (body) => {
      const { duty, ...rest } = body;
      const existing = duties.find((d) => d.duty === duty);
      if (duty !== 'gas_grade_appraisal') delete rest.resultGrade;
      return api.put<PeriodicDuty>(`${base}/periodic-duties/${encodeURIComponent(String(duty ?? ''))}`, {
        ...rest,
        ...(existing ? { version: existing.version } : {}),
      });
    },
    onDone: loaded.reload,
  });
  const selected = duties.find((d) => d.duty === form.values.duty);
  return (
    <div class="work-section" data-testid="work-duties" data-ready={loaded.settled ? 'true' : 'false'}>
      <section class="panel">
        <h2>定期工作</h2>
        <ErrorBox error={loaded.error} />
        <ul class="work-list" data-testid="duty-list">
          {PERIODIC_DUTIES.map((key) => {
            const d = duties.find((x) => x.duty === key);
            return (
              <li key={key} data-testid={`duty-${key}`}>
                <strong>{PERIODIC_DUTY_LABELS[key]}</strong>{' '}
                {d ? <Badge code={STATE_TEXT[d.state].code} text={STATE_TEXT[d.state].text} /> : null}
                <div class="muted">
                  {d
                    ? `最近一次 ${d.lastDoneOn}${d.resultGradeLabel ? `（${d.resultGradeLabel}）` : ''} · 下次到期 ${d.nextDueOn}（${dueIn(d.daysToDue)}）${d.reference ? ` · ${d.reference}` : ''}`
                    : '尚未登记'}
                </div>
                {d?.note ? <div class="muted wrap">{d.note}</div> : null}
              </li>
            );
          })}
        </ul>
      </section>
      <section class="panel">
        <h2>登记一次完成</h2>
        <Form form={form} testid="duty-form" class="work-form">
          <SelectField form={form} name="duty" label="工作" options={DUTY_OPTIONS} required idPrefix="duty" />
          <DateField form={form} name="lastDoneOn" label="完成日期" required idPrefix="duty" max={todayShanghai()} />
          {form.values.duty === 'gas_grade_appraisal' ? (
            <SelectField
              form={form}
              name="resultGrade"
              label="鉴定结果"
              options={GRADE_OPTIONS}
              placeholder="请选择"
              idPrefix="duty"
            />
          ) : null}
          <TextField
            form={form}
            name="reference"
            label="记录编号"
            hint="演练记录或鉴定报告的编号"
            idPrefix="duty"
            maxLength={100}
          />
          <TextareaField
            form={form}
            name="note"
            label="记录"
            hint="参加人员、过程与结果"
            idPrefix="duty"
            maxLength={500}
          />
          <FormErrors form={form} />
          <SubmitButton form={form} label="登记" testid="duty-submit" />
          <FormSuccess form={form} testid="duty-success" />
        </Form>
      </section>
      {selected ? (
        <EvidencePanel
          target={{ mineId: props.mineId, recordKind: 'duty', recordId: selected.duty }}
          addSteps={props.role === 'mine_user' || props.role === 'bureau_admin' ? ['record'] : []}
          title={`${selected.label} · 记录与证据`}
        />
      ) : (
        <p class="muted">登记后可添加演练或鉴定的记录、照片。</p>
      )}
    </div>
  );
}
