import { useState } from 'preact/hooks';
import { api, getAll } from '../api.ts';
import {
  Badge,
  CaseLink,
  type Column,
  ErrorBox,
  Loading,
  MineLink,
  Page,
  PageHeader,
  Table,
  useExport,
} from '../components/index.ts';
import { addDays, isIsoDate, num, todayShanghai } from '../format.ts';
import { label, MINE_STATUS_LABELS, SEVERITY_LABELS, SEVERITY_ORDER, VERDICT_LABELS } from '../labels.ts';
import { navigate } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import type { PowerReport } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { casesOfRow, type DayReview, type ReviewRow, reportMissing, reviewRows, witnessText } from './review-data.ts';

/**
 * 每日用电审查报告: one row per mine for a day (yesterday by default): the verdict, what each witness said
 * (electricity, personnel location, safety monitoring), the rules that fired with their sentences, the cases they
 * opened, and the day's kWh. Pick another day with the date field.
 */
const columns: Column<ReviewRow>[] = [
  {
    key: 'mine',
    label: '煤矿',
    value: (r) => r.mineName,
    render: (r) => <MineLink mineId={r.mineId} name={r.mineName} />,
    width: '9em',
  },
  {
    key: 'status',
    label: '当日状态',
    value: (r) => label(MINE_STATUS_LABELS, r.status),
    render: (r) => <Badge code={r.status} labels={MINE_STATUS_LABELS} />,
    width: '6em',
  },
  {
    key: 'verdict',
    label: '审查结论',
    value: (r) => label(VERDICT_LABELS, r.verdict),
    render: (r) => <Badge code={r.verdict} text={label(VERDICT_LABELS, r.verdict)} testid={`verdict-${r.mineId}`} />,
    width: '6em',
  },
  {
    key: 'witnesses',
    label: '三方审查',
    sortable: false,
    value: (r) => witnessText(r.witnesses),
    render: (r) => (
      <ul class="plain witness-badges" data-testid={`witnesses-${r.mineId}`}>
        {r.witnesses.map((w) => (
          <li key={w.witness} data-witness={w.witness} data-verdict={w.verdict}>
            <Badge code={w.verdict} text={w.verdictLabel} /> <span class="witness-name">{w.label}</span>
          </li>
        ))}
      </ul>
    ),
    width: '11em',
  },
  {
    key: 'severity',
    label: '风险',
    value: (r) => SEVERITY_ORDER[r.severity ?? ''] ?? null,
    render: (r) => <Badge code={r.severity} labels={SEVERITY_LABELS} />,
    exportValue: (r) => label(SEVERITY_LABELS, r.severity),
    width: '4.5em',
  },
  {
    key: 'kwh',
    label: '日用电量(kWh)',
    value: (r) => r.totalKwh,
    render: (r) => num(r.totalKwh),
    align: 'right',
    width: '8em',
  },
  {
    key: 'rules',
    label: '触发规则',
    wrap: true,
    value: (r) => r.findings.map((f) => f.ruleLabel).join('；'),
    render: (r) => (
      <ul class="plain">
        {r.findings.map((f) => (
          <li key={f.rule} title={f.message}>
            <Badge code={f.severity} text={label(SEVERITY_LABELS, f.severity)} /> {f.ruleLabel}
          </li>
        ))}
      </ul>
    ),
  },
  {
    key: 'message',
    label: '审查说明',
    wrap: true,
    sortable: false,
    value: (r) => r.findings.map((f) => f.message).join('\n'),
    render: (r) => (
      <ul class="plain small">
        {r.findings.map((f) => (
          <li key={f.rule}>{f.message}</li>
        ))}
      </ul>
    ),
  },
  {
    key: 'cases',
    label: '核实案件',
    sortable: false,
    value: (r) => casesOfRow(r).join('，'),
    render: (r) => (
      <ul class="plain">
        {casesOfRow(r).map((caseId) => (
          <li key={caseId}>
            <CaseLink caseId={caseId} text="查看案件" />
          </li>
        ))}
      </ul>
    ),
  },
];

export function ReviewPage(props: PageProps) {
  const yesterday = addDays(todayShanghai(), -1);
  const date = props.params.date ?? yesterday;
  const valid = isIsoDate(date);
  const { data, error, settled, reload } = useLoad(async () => {
    if (!valid) return undefined;
    const [report, reviews] = await Promise.all([
      api.get<PowerReport>(`/v1/power-reviews/${date}`),
      getAll<DayReview>(`/v1/power-reviews/${date}/mines`, { limit: 200 }, 10_000),
    ]);
    return { report, rows: reviewRows(report, reviews) };
  }, [date]);
  const rows = data?.rows ?? [];
  const t = useExport(`用电审查日报-${date}`, columns, rows);
  const missing = data && reportMissing(data.report);
  const v = data?.report.verdicts;

  return (
    <Page name="review" ready={!valid || settled}>
      <PageHeader
        title="用电审查日报"
        subtitle={
          v && !missing
            ? `${date} · 审查 ${data.report.mines} 座：异常 ${v.anomaly ?? 0}，无数据 ${v.no_data ?? 0}，正常 ${v.normal ?? 0}`
            : date
        }
        {...(data && !missing ? { onExport: t.onExport } : {})}
      >
        <button
          type="button"
          class="btn btn-quiet"
          data-testid="review-prev"
          onClick={() => navigate(`/review/${addDays(valid ? date : yesterday, -1)}`)}
        >
          前一日
        </button>
        <input
          type="date"
          class="date-input"
          data-testid="review-date"
          value={valid ? date : ''}
          max={yesterday}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLInputElement).value;
            if (isIsoDate(value)) navigate(`/review/${value}`);
          }}
          aria-label="审查日期"
        />
        <button
          type="button"
          class="btn btn-quiet"
          data-testid="review-next"
          disabled={valid && date >= yesterday}
          onClick={() => navigate(`/review/${addDays(valid ? date : yesterday, 1)}`)}
        >
          后一日
        </button>
      </PageHeader>
      {!valid ? <ErrorBox error={new Error(`日期格式不正确：${date}（应为 YYYY-MM-DD）`)} /> : null}
      <ErrorBox error={error} />
      {valid && !settled ? <Loading /> : null}
      {missing ? (
        <MissingReport
          date={date}
          isAdmin={props.claims.role === 'bureau_admin'}
          canRun={date < todayShanghai()}
          onRan={reload}
        />
      ) : null}
      {data && !missing ? (
        <>
          <SeveritySummary report={data.report} />
          <Table
            columns={columns}
            rows={rows}
            rowKey={(r) => r.mineId}
            rowTestId={(r) => `review-row-${r.mineId}`}
            rowClass={(r) => (r.verdict === 'anomaly' ? 'row-bad' : r.verdict === 'no_data' ? 'row-warn' : undefined)}
            testid="review-table"
            phoneCards={true}
            {...t.table}
          />
        </>
      ) : null}
    </Page>
  );
}

function SeveritySummary(props: { report: PowerReport }) {
  const s = props.report.bySeverity;
  const policies = props.report.policies ?? [];
  return (
    <p class="summary">
      异常按风险：
      {(['critical', 'high', 'medium', 'low'] as const).map((k) => (
        <span key={k} class="summary-item">
          <Badge code={k} labels={SEVERITY_LABELS} /> {s[k] ?? 0}
        </span>
      ))}
      {policies.length ? (
        <span class="muted">
          　审查策略：{policies.map((p) => (p.definedAt ? `${p.definedAt} 第 ${p.version} 版` : '默认策略')).join('、')}
        </span>
      ) : null}
    </p>
  );
}

/** The day has no report yet: say so, and let a leader run the review for a past day. */
function MissingReport(props: { date: string; isAdmin: boolean; canRun: boolean; onRan: () => void }) {
  const [state, setState] = useState<{ busy?: boolean; done?: boolean; error?: unknown }>({});
  const run = async () => {
    setState({ busy: true });
    try {
      await api.post(`/v1/power-reviews/${props.date}/run`);
      setState({ done: true });
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <div class="notice" data-testid="review-missing">
      <p>未找到 {props.date} 的审查报告：该日审查尚未运行或尚未完成。</p>
      {props.isAdmin && props.canRun ? (
        <p>
          <button type="button" class="btn" data-testid="review-run" disabled={state.busy || state.done} onClick={run}>
            运行该日审查
          </button>
          {state.done ? (
            <span class="muted">
              　已提交，审查完成后
              <button type="button" class="link" onClick={props.onRan}>
                刷新
              </button>
              查看。
            </span>
          ) : null}
        </p>
      ) : null}
      <ErrorBox error={state.error} />
    </div>
  );
}
