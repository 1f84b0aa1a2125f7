import { useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import type { figuresSchema, monthlyReportSchema, statisticsTableSchema } from '#lib/reports/schemas.ts';
import { api } from '../api.ts';
import { Badge, type Column, ErrorBox, Loading, Page, PageHeader, PeriodField, Table } from '../components/index.ts';
import { type ExportColumn, exportXlsx } from '../export/download.ts';
import { todayShanghai } from '../format.ts';
import { href } from '../route-match.ts';
import type { PageProps } from '../routes.tsx';
import { useLoad } from '../use-load.ts';
import { PublicList } from './public/public-list.tsx';

/** The plan's categories and the penalty kinds as the Excel file heads them (the API answers codes). */
const CATEGORY_NAMES: Record<string, string> = {
  outdated_capacity: '1 淘汰落后产能',
  licences_incomplete: '2 证照不全或失效',
  responsibility_not_fulfilled: '3 主体责任不落实',
  over_capacity: '4 超能力超强度超定员',
  cross_boundary_or_forgery: '5 越界开采、隐瞒作业地点',
  banned_mining_method: '6 禁止的采煤方法、设备工艺',
  monitoring_failure: '7 监控失效、篡改数据、瓦斯超限',
  fire_goaf_sealing: '8 火区采空区高冒区未封闭',
  fire_water_measures: '9 防灭火防治水措施不落实',
  three_violations_explosives: '10 三违及火工品电气焊违规',
  regulations_mismatch: '11 作业规程与现场不符',
  fake_rectification: '12 隐患整改弄虚作假',
  illegal_contracting: '13 违法承包转包分包',
  upgrade_violation: '14 升级改造违规生产',
  stopped_mine_producing: '15 停产煤矿明停暗开',
  exit_plan_violation: '16 违反退出方案',
  repair_out_of_scope: '18 维修矿井超范围作业',
  closed_mine_revived: '19 已关闭煤矿死灰复燃',
};
const KIND_NAMES: Record<string, string> = {
  warning: '警告',
  fine: '罚款',
  ordered_suspension: '责令停产整顿',
  interview: '约谈（旧记录）',
  licence_action: '暂扣或吊销证照',
};

type EnforcementFigures = z.infer<typeof figuresSchema>;
type StatisticsTable = z.infer<typeof statisticsTableSchema>;
type MonthlyReportView = z.infer<typeof monthlyReportSchema>;
type Row = StatisticsTable['rows'][number] & { readonly total?: boolean };

/** The figures shown on screen (the Excel file adds each category and kind). */
const FIGURES: readonly (readonly [keyof EnforcementFigures, string])[] = [
  ['inspections', '执法检查'],
  ['hazardsFound', '发现隐患'],
  ['majorHazardsFound', '其中重大隐患'],
  ['hazardsClosed', '隐患销号'],
  ['majorHazardsSupervised', '挂牌督办重大隐患'],
  ['violations', '违法违规行为'],
  ['penalties', '行政处罚'],
  ['finesYuan', '罚款（元）'],
  ['suspensions', '责令停产整顿'],
  ['blacklistEntries', '列入失信名单'],
  ['reviewAnomalies', '用电审查异常（矿·日）'],
  ['casesOpened', '立案核查'],
];

const lastMonth = (today: string) => {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

const periodLabel = (p: string) => (p.length === 4 ? `${p}年` : `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`);

const STATE_TONES = {
  not_submitted: 'muted',
  due: 'warn',
  submitted: 'warn',
  returned: 'bad',
  accepted: 'ok',
} as const;

/**
 * 统计报表: the enforcement statistics of the caller's jurisdiction (or one below it) for a month or a year, a row
 * per child jurisdiction and the totals, downloaded as Excel; below it the districts' monthly reports to the city:
 * a district submits its own, the city returns one with comments or accepts it.
 */
export function ReportsPage(props: PageProps) {
  const today = todayShanghai();
  const jurisdiction = props.query.get('jurisdiction') ?? props.claims.jurisdiction ?? '';
  const [period, setPeriod] = useState(props.query.get('period') ?? today.slice(0, 7));
  const [asked, setAsked] = useState(period);
  const stats = useLoad(
    () =>
      api.get<StatisticsTable>(
        `/v1/reports/statistics?jurisdiction=${encodeURIComponent(jurisdiction)}&period=${encodeURIComponent(asked)}`,
      ),
    [jurisdiction, asked],
  );
  const data = stats.data;
  const rows: Row[] = data
    ? [...data.rows, { jurisdiction: 'total', name: '合计', ...data.totals, total: true } as Row]
    : [];
  const columns: Column<Row>[] = [
    {
      key: 'name',
      label: '辖区',
      sortable: false,
      value: (r) => r.name,
      render: (r) =>
        r.total || r.jurisdiction === data?.jurisdiction ? (
          <strong>{r.name}</strong>
        ) : (
          <a href={href(`/reports?jurisdiction=${encodeURIComponent(r.jurisdiction)}&period=${asked}`)}>{r.name}</a>
        ),
    },
    ...FIGURES.map(
      ([key, label]): Column<Row> => ({
        key,
        label,
        align: 'right',
        sortable: false,
        value: (r) => r[key] as number,
        render: (r) => (r.total ? <strong>{String(r[key])}</strong> : String(r[key])),
      }),
    ),
  ];
  const exportNow = async () => {
    if (!data) return;
    const cols: ExportColumn<Row>[] = [
      { label: '辖区', value: (r) => r.name },
      ...FIGURES.map(([key, label]): ExportColumn<Row> => ({ label, value: (r) => r[key] as number })),
      ...Object.entries(CATEGORY_NAMES).map(
        ([code, label]): ExportColumn<Row> => ({
          label: `违法违规：${label}`,
          value: (r) => (r.violationsByCategory as Record<string, number>)[code] ?? 0,
        }),
      ),
      ...Object.entries(KIND_NAMES).map(
        ([kind, label]): ExportColumn<Row> => ({
          label: `处罚：${label}`,
          value: (r) => (r.penaltiesByKind as Record<string, number>)[kind] ?? 0,
        }),
      ),
    ];
    await exportXlsx(`${data.name}执法统计${periodLabel(data.period)}`, cols, rows);
  };

  return (
    <Page name="reports" ready={stats.settled}>
      <PageHeader
        title="统计报表"
        subtitle={
          data
            ? `${data.name} ${periodLabel(data.period)}（${data.from} 至 ${data.to}）执法统计${data.rows.length === 1 && data.rows[0]?.jurisdiction === data.jurisdiction ? '' : '，按下级辖区分列并合计'}；截至 ${data.asOf}`
            : undefined
        }
        onExport={data ? exportNow : undefined}
      >
        <form
          class="button-row"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(period.trim());
          }}
        >
          <PeriodField label="统计期间" testid="report-period" yearToo value={period} onInput={setPeriod} />
          <button type="submit" class="btn" data-testid="report-query">
            查询
          </button>
        </form>
        {jurisdiction !== props.claims.jurisdiction ? <a href={href(`/reports?period=${asked}`)}>返回本局</a> : null}
      </PageHeader>
      <ErrorBox error={stats.error} />
      {!stats.settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(r) => r.jurisdiction}
          rowTestId={(r) => `report-row-${r.total ? 'total' : r.jurisdiction.split('/').at(-1)}`}
          rowClass={(r) => (r.total ? 'total-row' : undefined)}
          testid="report-table"
          empty="本辖区暂无煤矿"
        />
      ) : null}
      <MonthlyReports claims={props.claims} today={today} />
    </Page>
  );
}

/** The districts' monthly reports of a month: the city decides on them, a district submits its own. */
function MonthlyReports(props: { claims: PageProps['claims']; today: string }) {
  const [month, setMonth] = useState(lastMonth(props.today));
  const { data, error, reload } = useLoad(
    () =>
      api.get<{ month: string; items: MonthlyReportView[] }>(`/v1/reports/monthly?month=${encodeURIComponent(month)}`),
    [month],
  );
  const [comments, setComments] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const admin = props.claims.role === 'bureau_admin';
  const own = props.claims.jurisdiction;

  const act = async (r: MonthlyReportView, action: 'submit' | 'return' | 'accept') => {
    setActionError(undefined);
    try {
      const body =
        action === 'submit'
          ? { version: r.version, ...(note.trim() ? { note: note.trim() } : {}) }
          : action === 'return'
            ? { jurisdiction: r.jurisdiction, version: r.version, comments: (comments[r.jurisdiction] ?? '').trim() }
            : { jurisdiction: r.jurisdiction, version: r.version };
      await api.post(`/v1/reports/monthly/${r.month}/${action}`, body);
      setNote('');
      reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const key = (r: MonthlyReportView) => r.jurisdiction.split('/').at(-1)!;
  const columns: Column<MonthlyReportView>[] = [
    { key: 'name', label: '区县', value: (r) => r.name },
    {
      key: 'state',
      label: '状态',
      value: (r) => r.stateLabel,
      render: (r) => (
        <Badge code={r.state} text={r.stateLabel} tone={STATE_TONES[r.state]} testid={`monthly-state-${key(r)}`} />
      ),
    },
    { key: 'dueOn', label: '报送截止', value: (r) => r.dueOn },
    {
      key: 'figures',
      label: '报送数据（报送时冻结）',
      sortable: false,
      wrap: true,
      render: (r) => {
        const s = r.submissions.at(-1);
        if (!s) return <span class="muted">—</span>;
        const f = s.figures;
        return (
          <span>
            第 {s.no} 次报送 {s.submittedAt.slice(0, 10)}：检查 {f.inspections}、隐患 {f.hazardsFound}、处罚{' '}
            {f.penalties}、罚款 {f.finesYuan} 元{s.note ? `；说明：${s.note}` : ''}
            {s.accepted ? (
              <span class="muted">
                {' '}
                {s.accepted.by.name ?? '市局'} {s.accepted.at.slice(0, 10)} 受理
              </span>
            ) : null}
            {s.returned ? (
              <span class="inline-error" data-testid={`monthly-returned-${key(r)}`}>
                {' '}
                退回意见：{s.returned.comments}
              </span>
            ) : null}
          </span>
        );
      },
    },
    {
      key: 'actions',
      label: '办理',
      sortable: false,
      exported: false,
      render: (r) => {
        if (!admin) return null;
        const mine = r.jurisdiction === own;
        if (mine && (r.state === 'not_submitted' || r.state === 'due' || r.state === 'returned'))
          return (
            <span class="button-row">
              <input
                class="fk-input"
                data-testid="monthly-note"
                placeholder="说明（可不填）"
                value={note}
                onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
              />
              <button
                type="button"
                class="btn btn-primary"
                data-testid={`monthly-submit-${key(r)}`}
                onClick={() => act(r, 'submit')}
              >
                {r.state === 'returned' ? '重新报送' : '报送'}
              </button>
            </span>
          );
        if (!mine && r.state === 'submitted')
          return (
            <span class="button-row">
              <input
                class="fk-input"
                data-testid={`monthly-comments-${key(r)}`}
                placeholder="退回意见"
                value={comments[r.jurisdiction] ?? ''}
                onInput={(e) =>
                  setComments({ ...comments, [r.jurisdiction]: (e.currentTarget as HTMLInputElement).value })
                }
              />
              <button
                type="button"
                class="btn"
                disabled={!(comments[r.jurisdiction] ?? '').trim()}
                data-testid={`monthly-return-${key(r)}`}
                onClick={() => act(r, 'return')}
              >
                退回
              </button>
              <button
                type="button"
                class="btn btn-primary"
                data-testid={`monthly-accept-${key(r)}`}
                onClick={() => act(r, 'accept')}
              >
                受理
              </button>
            </span>
          );
        return null;
      },
    },
  ];

  return (
    <section class="card" style={{ marginTop: '1rem' }} data-testid="monthly-reports">
      <h2>区县月报</h2>
      <p class="muted">
        区县局在次月规定日前报送上月执法统计（报送时数据冻结），市局退回（须填写意见）或受理；退回后可重新报送，受理后不再变更。
      </p>
      <PeriodField label="月份" testid="monthly-month" value={month} onChange={setMonth} />
      <ErrorBox error={error ?? actionError} />
      {data ? (
        // A card per district on a phone: the state and the figures submitted are what an officer looks for there.
        <PublicList
          columns={columns}
          rows={data.items}
          rowKey={(r) => r.jurisdiction}
          rowTestId={(r) => `monthly-${key(r)}`}
          testid="monthly-table"
          empty="本辖区没有报送月报的区县"
        />
      ) : null}
    </section>
  );
}
