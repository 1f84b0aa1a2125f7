import { useMemo } from 'preact/hooks';
import { api } from '../api.ts';
import { Sparkline } from '../charts/sparkline.tsx';
import { type Column, ErrorBox, Loading, Page, PageHeader, Table, useExport } from '../components/index.ts';
import { dateTime, num } from '../format.ts';
import type { OverviewAnswer, OverviewRow } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { FigureCards, yuanText } from './overview-cards.tsx';

/**
 * 辖区总览 of a city or province (or a district opened from above): the jurisdiction's figures, a breadcrumb back up,
 * and a ranking table of its children (districts, or a district's mines) sortable by any figure, each row with a
 * sparkline of its last 90 days and a link to its own overview. One request: GET /v1/overview.
 */
export const overviewHref = (path: string): string => `#/overview?jurisdiction=${encodeURIComponent(path)}`;

const LEVEL_LABELS = { province: '省', city: '市', district: '区县' } as const;

const figure = (key: keyof OverviewRow['figures'], label: string, tone?: 'bad'): Column<OverviewRow> => ({
  key,
  label,
  value: (r) => r.figures[key],
  render: (r) => <span class={tone && r.figures[key] > 0 ? 'tone-bad' : undefined}>{num(r.figures[key])}</span>,
  align: 'right',
});

function columns(kind: 'jurisdiction' | 'mine'): Column<OverviewRow>[] {
  return [
    {
      key: 'name',
      label: kind === 'mine' ? '煤矿' : '辖区',
      value: (r) => r.name,
      render: (r) => (
        <a
          href={r.kind === 'mine' ? `#/mines/${encodeURIComponent(r.key)}` : overviewHref(r.key)}
          data-testid={`child-link-${r.key}`}
        >
          {r.name}
        </a>
      ),
    },
    ...(kind === 'jurisdiction' ? [figure('mines', '煤矿')] : []),
    figure('anomalies', '昨夜异常', 'bad'),
    figure('noData', '未报电量'),
    figure('casesOpen', '待办案件'),
    figure('casesOverdue', '逾期案件', 'bad'),
    figure('hazardsOpen', '未销号隐患'),
    figure('majorHazardsOpen', '重大隐患', 'bad'),
    figure('hazardsOverdue', '逾期隐患', 'bad'),
    figure('tier_D', 'D 级', 'bad'),
    figure('penaltiesYear', '本年处罚'),
    {
      key: 'finesYearYuan',
      label: '本年罚款（元）',
      value: (r) => r.figures.finesYearYuan,
      render: (r) => yuanText(r.figures.finesYearYuan),
      align: 'right',
    },
    figure('deadlines30', '今后 30 日到期'),
    {
      key: 'trend',
      label: '近 90 日异常',
      sortable: false,
      exported: false,
      // A row's series starts on the day its figures were first computed: one day is no line yet.
      render: (r) =>
        r.series.dates.length < 2 ? (
          <span class="muted" data-testid={`spark-${r.key}`}>
            自 {r.series.dates[0] ?? '今日'} 起记录
          </span>
        ) : (
          <Sparkline
            values={r.series.anomalies}
            label={`${r.name} 近 ${r.series.dates.length} 日审查异常`}
            testid={`spark-${r.key}`}
          />
        ),
    },
  ];
}

export function JurisdictionOverview(props: { path: string | undefined; ownPath: string | undefined }) {
  const { data, error, settled } = useLoad(
    () => api.get<OverviewAnswer>('/v1/overview', props.path ? { jurisdiction: props.path } : {}),
    [props.path],
  );
  const kind = data?.children[0]?.kind ?? (data?.level === 'district' ? 'mine' : 'jurisdiction');
  const cols = useMemo(() => columns(kind), [kind]);
  const t = useExport(`${data?.name ?? ''}辖区总览`, cols, data?.children ?? [], { key: 'anomalies', dir: 'desc' });
  return (
    <Page name="overview" ready={settled}>
      {data ? (
        <nav class="breadcrumb" aria-label="上级辖区" data-testid="breadcrumb">
          {data.parents.map((p) => (
            <span key={p.path}>
              <a href={overviewHref(p.path)} data-testid={`crumb-${p.path}`}>
                {p.name}
              </a>
              <span class="crumb-sep"> › </span>
            </span>
          ))}
          <span aria-current="page">{data.name}</span>
        </nav>
      ) : null}
      <PageHeader
        title={data ? `${data.name}辖区总览` : '辖区总览'}
        subtitle={
          data ? (
            <span data-testid="overview-asof">
              {LEVEL_LABELS[data.level]}级 · 统计于 {dateTime(data.asOf)}（每 5 分钟更新）
            </span>
          ) : undefined
        }
      />
      <ErrorBox error={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <FigureCards figures={data.figures} reviewDate={data.reviewDate} linked={data.path === props.ownPath} />
          <section class="panel">
            <PageHeader
              title={kind === 'mine' ? '各煤矿' : `下级辖区（${data.children.length}）`}
              subtitle={
                kind === 'mine' ? '点击列名排序；点击煤矿名称查看一矿一档' : '点击列名排序；点击辖区名称查看其总览'
              }
              onExport={t.onExport}
            />
            <Table
              columns={cols}
              rows={data.children}
              rowKey={(r) => r.key}
              rowTestId={(r) => `child-row-${r.key}`}
              empty="暂无下级辖区的统计"
              testid="overview-children"
              {...t.table}
            />
          </section>
        </>
      ) : null}
    </Page>
  );
}
