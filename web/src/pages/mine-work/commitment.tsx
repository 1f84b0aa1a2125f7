import { api } from '../../api.ts';
import { ErrorBox } from '../../components/index.ts';
import { todayShanghai } from '../../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import { useLoad } from '../../use-load.ts';
import type { SectionProps } from './mine-work-page.tsx';

interface Commitment {
  readonly year: string;
  readonly filedOn: string;
  readonly signedBy: string;
  readonly content?: string;
  readonly version: number;
}

/** 年度安全承诺: this year's commitment filed with the bureau (replaced with its version), and the earlier years. */
export function CommitmentSection(props: SectionProps) {
  const base = `/v1/mines/${encodeURIComponent(props.mineId)}/safety-commitments`;
  const loaded = useLoad(() => api.get<{ items: Commitment[] }>(base), [base]);
  const year = todayShanghai().slice(0, 4);
  const items = [...(loaded.data?.items ?? [])].sort((a, b) => b.year.localeCompare(a.year));
  const current = items.find((c) => c.year === year);
  return (
    <div class="work-section" data-testid="work-commitment" data-ready={loaded.settled ? 'true' : 'false'}>
      <ErrorBox error={loaded.error} />
      {loaded.settled ? <CommitmentForm base={base} year={year} current={current} onDone={loaded.reload} /> : null}
      <section class="panel">
        <h2>历年承诺</h2>
        {items.length ? (
          <ul class="work-list" data-testid="commitment-list">
            {items.map((c) => (
              <li key={c.year} data-testid="commitment-item">
                <strong>{c.year} 年</strong> 报备日期 {c.filedOn} · 签署人 {c.signedBy}
                {c.content ? <div class="muted wrap">{c.content}</div> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">尚未报备安全承诺。</p>
        )}
      </section>
    </div>
  );
}

function CommitmentForm(props: { base: string; year: string; current?: Commitment; onDone: () => void }) {
  const form = useForm<Commitment>({
    initial: {
      filedOn: props.current?.filedOn ?? todayShanghai(),
      signedBy: props.current?.signedBy ?? '',
      content: props.current?.content ?? '',
    },
    success: '已保存',
    send: (body) =>
      api.put<Commitment>(`${props.base}/${props.year}`, {
        ...body,
        ...(props.current ? { version: props.current.version } : {}),
      }),
    onDone: props.onDone,
  });
  return (
    <section class="panel">
      <h2>
        {props.year} 年度安全承诺{props.current ? '（已报备，可修改）' : ''}
      </h2>
      <Form form={form} testid="commitment-form" class="work-form">
        <DateField form={form} name="filedOn" label="报备日期" required idPrefix="commit" max={todayShanghai()} />
        <TextField form={form} name="signedBy" label="签署人（主要负责人）" required idPrefix="commit" maxLength={50} />
        <TextareaField form={form} name="content" label="承诺内容" rows={5} idPrefix="commit" maxLength={2000} />
        <FormErrors form={form} />
        <SubmitButton form={form} label="保存承诺" testid="commitment-submit" />
        <FormSuccess form={form} testid="commitment-success" />
      </Form>
    </section>
  );
}
