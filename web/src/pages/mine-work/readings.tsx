import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { ErrorBox } from '../../components/index.ts';
import { addDays, num, todayShanghai } from '../../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  NumberField,
  SubmitButton,
  TextField,
  useForm,
} from '../../forms/index.ts';
import { useLoad } from '../../use-load.ts';
import { type CsvProblem, type CsvReading, parseReadingsCsv, rejectedLines } from './csv.ts';
import type { SectionProps } from './mine-work-page.tsx';
import { type Posted, postedText, sumPosted } from './work-data.ts';

interface Meter {
  readonly meterId: string;
  readonly name: string;
  readonly multiplier: number;
}
interface Series {
  readonly days: {
    date: string;
    kwh: number | null;
    meters: { meterId: string; kwh: number; source: string; declared?: { kwh: number } }[];
  }[];
}

const SOURCE_LABELS: Record<string, string> = { grid: '电网公司', bureau: '监管部门', mine: '煤矿' };
const MAX_PER_CALL = 500;

export function ReadingsSection(props: SectionProps) {
  const base = `/v1/mines/${encodeURIComponent(props.mineId)}`;
  const meters = useLoad(() => api.get<{ items: Meter[] }>(`${base}/meters`), [base]);
  const today = todayShanghai();
  const recent = useLoad(
    () => api.get<Series>(`${base}/power-readings`, { from: addDays(today, -13), to: today }),
    [base, today],
  );
  const list = meters.data?.items ?? [];
  return (
    <div
      class="work-section"
      data-testid="work-readings"
      data-ready={meters.settled && recent.settled ? 'true' : 'false'}
    >
      {props.role === 'inspector' ? (
        <p class="muted">
          现场记录的读数作为监管部门数据（来源：监管部门），优先于煤矿自报；电网公司已有数据的日期不能覆盖。
        </p>
      ) : null}
      <ErrorBox error={meters.error} />
      {meters.settled && list.length === 0 ? (
        <p class="muted">本矿台账中没有在用电表，请先在“台账变更申请”中申请登记电表。</p>
      ) : null}
      {list.length ? <DayForm base={base} meters={list} onDone={recent.reload} /> : null}
      {list.length ? <CsvForm base={base} onDone={recent.reload} /> : null}
      <section class="panel">
        <h2>近 14 天已记录读数</h2>
        <ErrorBox error={recent.error} />
        <RecentReadings series={recent.data} meters={list} />
      </section>
    </div>
  );
}

function DayForm(props: { base: string; meters: readonly Meter[]; onDone: () => void }) {
  const [result, setResult] = useState<string>();
  const initial: Record<string, string> = { date: addDays(todayShanghai(), -1), reason: '' };
  props.meters.forEach((_, i) => {
    initial[`readings.${i}.kwh`] = '';
  });
  const form = useForm<Posted>({
    initial,
    success: '读数已报送',
    send: (body) => {
      // Every meter in force reports: one reading each, in the order of the inputs, so the API's
      // `readings.<i>.kwh` lands beside the meter's input.
      const readings = props.meters.map((m, i) => {
        const v = body[`readings.${i}.kwh`];
        return {
          meterId: m.meterId,
          ...(body.date ? { date: String(body.date) } : {}),
          ...(v !== undefined ? { kwh: Number(v) } : {}),
          ...(body.reason ? { reason: String(body.reason) } : {}),
        };
      });
      return api.post<Posted>(`${props.base}/power-readings`, { readings });
    },
    onDone: (p) => {
      setResult(postedText(p));
      props.onDone();
    },
  });
  return (
    <section class="panel">
      <h2>报送一天的读数</h2>
      <Form form={form} testid="day-readings" class="work-form">
        <DateField form={form} name="date" label="日期" required idPrefix="day" max={todayShanghai()} />
        {props.meters.map((m, i) => (
          <NumberField
            key={m.meterId}
            form={form}
            name={`readings.${i}.kwh`}
            label={`${m.name}（${m.meterId}）日电量`}
            unit="kWh"
            min={0}
            idPrefix="day"
            hint={m.multiplier !== 1 ? `倍率 ${m.multiplier}，填写已乘倍率后的电量` : undefined}
          />
        ))}
        <TextField
          form={form}
          name="reason"
          label="修改理由"
          hint="改动已报送过的读数时必填"
          idPrefix="day"
          maxLength={500}
        />
        <FormErrors form={form} />
        <SubmitButton form={form} label="报送" testid="day-submit" />
        <FormSuccess form={form} testid="day-success" />
        {result && form.done ? (
          <p class="muted" data-testid="day-result">
            {result}
          </p>
        ) : null}
      </Form>
    </section>
  );
}

function CsvForm(props: { base: string; onDone: () => void }) {
  const [rows, setRows] = useState<CsvReading[]>([]);
  const [fileName, setFileName] = useState<string>();
  const [problems, setProblems] = useState<CsvProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<string>();

  const read = async (file: File | undefined) => {
    setResult(undefined);
    setError(undefined);
    if (!file) return;
    const parsed = parseReadingsCsv(await file.text());
    setFileName(file.name);
    setRows(parsed.rows);
    setProblems(parsed.problems);
  };
  const rejected = new Set(problems.map((p) => p.line));
  const sendable = rows.filter((r) => !rejected.has(r.line));

  const send = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      let total: Posted = { created: 0, revised: 0, unchanged: 0, declared: 0, superseded: 0 };
      for (let i = 0; i < sendable.length; i += MAX_PER_CALL) {
        const chunk = sendable.slice(i, i + MAX_PER_CALL);
        try {
          const posted = await api.post<Posted>(`${props.base}/power-readings`, {
            readings: chunk.map((r) => r.reading),
          });
          total = sumPosted(total, posted);
        } catch (e) {
          const lines = e instanceof ApiError ? rejectedLines(chunk, e.fields) : [];
          if (!lines.length) throw e;
          setProblems((p) => [...p, ...lines].sort((a, b) => a.line - b.line));
          setResult(
            `${lines.length} 行被退回，本批 ${chunk.length} 行均未保存${i ? `（此前 ${i} 行已保存）` : ''}。请更正后重新上传，或只报送其余各行。`,
          );
          return;
        }
      }
      setResult(`${postedText(total)}（共 ${sendable.length} 行）`);
      setRows([]);
      setProblems([]);
      props.onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel">
      <h2>上传一个月的读数（CSV）</h2>
      <p class="muted">
        第一行为列名 <code>meterId,date,kwh</code>（可加 <code>reason</code> 列），其后每行一条：电表编号、日期 （如
        2026-11-01）、日电量 kWh。
      </p>
      <label class="btn" for="readings-csv">
        选择 CSV 文件
      </label>
      <input
        id="readings-csv"
        class="visually-hidden"
        type="file"
        accept=".csv,text/csv"
        data-testid="readings-csv"
        onChange={(e) => {
          const input = e.currentTarget;
          void read(input.files?.[0]).then(() => {
            input.value = '';
          });
        }}
      />
      {fileName ? (
        <p data-testid="csv-summary">
          {fileName}：{rows.length} 行读数{problems.length ? `，${problems.length} 行有问题` : ''}
        </p>
      ) : null}
      {problems.length ? (
        <ul class="csv-problems" data-testid="csv-problems">
          {problems.map((p) => (
            <li key={`${p.line}-${p.message}`} data-testid="csv-problem">
              第 {p.line} 行：{p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {sendable.length ? (
        <button type="button" class="btn btn-primary" disabled={busy} data-testid="csv-send" onClick={send}>
          {busy ? '正在报送…' : problems.length ? `只报送其余 ${sendable.length} 行` : `报送 ${sendable.length} 行`}
        </button>
      ) : null}
      {result ? (
        <p role="status" data-testid="csv-result">
          {result}
        </p>
      ) : null}
      <ErrorBox error={error} />
    </section>
  );
}

function RecentReadings(props: { series: Series | undefined; meters: readonly Meter[] }) {
  const days = (props.series?.days ?? []).filter((d) => d.meters.length).reverse();
  if (!props.series) return null;
  if (!days.length) return <p class="muted">近 14 天没有读数。</p>;
  const name = (id: string) => props.meters.find((m) => m.meterId === id)?.name ?? id;
  return (
    <ul class="work-list" data-testid="recent-readings">
      {days.map((d) => (
        <li key={d.date} data-testid="recent-reading">
          <strong>{d.date}</strong> 合计 {d.kwh === null ? '—' : num(d.kwh)} kWh
          <div class="muted">
            {d.meters
              .map(
                (m) =>
                  `${name(m.meterId)} ${num(m.kwh)}（${SOURCE_LABELS[m.source] ?? m.source}${
                    m.declared ? `；本矿申报 ${num(m.declared.kwh)}` : ''
                  }）`,
              )
              .join('；')}
          </div>
        </li>
      ))}
    </ul>
  );
}
