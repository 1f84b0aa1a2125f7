import { api, getAll } from '../api.ts';
import { Badge, type Column, ErrorBox, Loading, Page, PageHeader, Table, useExport } from '../components/index.ts';
import { dateCell } from '../export/download.ts';
import { addDays, dateTime, dueIn, todayShanghai } from '../format.ts';
import { useJurisdictionName } from '../jurisdiction.ts';
import type { PageProps } from '../routes.tsx';
import { type Settled, settle } from '../settle.ts';
import type { BlacklistEntry, OverviewAnswer } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { JurisdictionOverview } from './jurisdiction-overview.tsx';
import { Card, Figure, FigureCards } from './overview-cards.tsx';
import { countBy, type Deadline, type DueEntry, deadlinesFromIndex } from './overview-data.ts';

/**
 * 辖区总览: the jurisdiction at a glance for the bureau. A district's own page: its figures from GET /v1/overview
 * (mines by status and credit tier, last night's electricity review, open and overdue cases and hazards, penalties
 * and fines), and everything falling due in the next 30 days, one by one. A city's or province's, and any
 * jurisdiction opened from above: the figures and a ranking table of its children (./jurisdiction-overview.tsx).
 */
const HORIZON = 30;
/** Overdue items stay in the list until dealt with: the deadlines route reads at most 366 days at once. */
const LOOK_BACK = 335;

interface Overview {
  readonly today: string;
  readonly overview: OverviewAnswer;
  readonly blacklist: Settled<BlacklistEntry[]>;
  readonly deadlines: Deadline[];
}

/** Three reads whatever the number of mines: the figures, what falls due (one read per district), the blacklist. */
async function loadOverview(): Promise<Overview> {
  const today = todayShanghai();
  const [overview, due, blacklist] = await Promise.all([
    api.get<OverviewAnswer>('/v1/overview'),
    api.get<{ items: DueEntry[] }>('/v1/deadlines', { from: addDays(today, -LOOK_BACK), to: addDays(today, HORIZON) }),
    settle(getAll<BlacklistEntry>('/v1/blacklist', { limit: 200 })),
  ]);
  return { today, overview, blacklist, deadlines: deadlinesFromIndex(due.items, today) };
}

const deadlineColumns: Column<Deadline>[] = [
  { key: 'dueOn', label: '到期日', value: (d) => d.dueOn, exportValue: (d) => dateCell(d.dueOn), width: '7.5em' },
  {
    key: 'days',
    label: '剩余',
    value: (d) => d.days,
    render: (d) => <Badge code={d.days < 0 ? 'D' : d.days <= 7 ? 'C' : 'B'} text={dueIn(d.days)} />,
    exportValue: (d) => d.days,
    width: '7em',
  },
  { key: 'kind', label: '事项', value: (d) => d.kind, width: '9em' },
  {
    key: 'mine',
    label: '煤矿',
    value: (d) => d.mineName ?? d.mineId ?? '',
    render: (d) =>
      d.mineId ? <a href={`#/mines/${encodeURIComponent(d.mineId)}`}>{d.mineName ?? d.mineId}</a> : '本局',
  },
  {
    key: 'what',
    label: '内容',
    value: (d) => d.what,
    wrap: true,
    render: (d) => (d.href ? <a href={d.href}>{d.what || '查看'}</a> : d.what),
  },
];

export function OverviewPage(props: PageProps) {
  const own = props.claims.jurisdiction;
  const requested = props.query.get('jurisdiction') ?? undefined;
  // A city or a province, or a jurisdiction opened from above: the figures and the ranking of its children.
  if ((requested && requested !== own) || (own && own.split('/').length < 3))
    return <JurisdictionOverview path={requested} ownPath={own} />;
  return <DistrictOverview {...props} />;
}

function DistrictOverview(props: PageProps) {
  const { data, error, settled } = useLoad(loadOverview, []);
  const jurisdiction = useJurisdictionName(props.claims);
  const t = useExport('近期到期事项', deadlineColumns, data?.deadlines ?? [], { key: 'dueOn', dir: 'asc' });
  return (
    <Page name="overview" ready={settled}>
      <PageHeader
        title="辖区总览"
        subtitle={
          data ? (
            <span data-testid="overview-asof">
              {jurisdiction} · {data.today} · 统计于 {dateTime(data.overview.asOf)}（每 5 分钟更新）
            </span>
          ) : (
            jurisdiction
          )
        }
      />
      <ErrorBox error={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <FigureCards figures={data.overview.figures} reviewDate={data.overview.reviewDate} linked />
          <div class="cards">
            <BlacklistCard entries={data.blacklist} />
          </div>
          <section class="panel">
            <PageHeader
              title={`近 ${HORIZON} 日到期事项`}
              subtitle="证照、隐患整改、案件办理、处罚执行、督办函、复工验收、执法计划、月报及工作日程等（与每日提醒同源）；已逾期的一并列出"
              onExport={t.onExport}
            />
            <Table
              columns={deadlineColumns}
              rows={data.deadlines}
              rowKey={(d) => d.key}
              rowTestId={(d) => `deadline-${d.key}`}
              rowClass={(d) => (d.days < 0 ? 'row-bad' : undefined)}
              empty={`近 ${HORIZON} 日没有到期事项`}
              testid="deadlines"
              {...t.table}
            />
          </section>
        </>
      ) : null}
    </Page>
  );
}

function BlacklistCard(props: { entries: Settled<BlacklistEntry[]> }) {
  if (!props.entries.ok)
    return (
      <Card title="严重失信主体名单" testid="card-blacklist">
        <ErrorBox error={props.entries.error} />
      </Card>
    );
  const by = countBy(props.entries.value, (e) => e.status);
  const pending = (by.get('proposed') ?? 0) + (by.get('notice_served') ?? 0) + (by.get('under_review') ?? 0);
  return (
    <Card title="严重失信主体名单" href="#/blacklist" testid="card-blacklist">
      <div class="figures">
        <Figure
          label="公示中"
          value={by.get('published') ?? 0}
          testid="stat-blacklist-published"
          href="#/blacklist?status=published"
        />
        <Figure label="办理中" value={pending} testid="stat-blacklist-pending" href="#/blacklist" />
        <Figure
          label="法制审核中"
          value={by.get('under_review') ?? 0}
          testid="stat-blacklist-under_review"
          href="#/blacklist?status=under_review"
        />
      </div>
    </Card>
  );
}
