import { api, getAll } from '../api.ts';
import { Badge, type Column, ErrorBox, Loading, Page, PageHeader, Table, useExport } from '../components/index.ts';
import { dateCell } from '../export/download.ts';
import { addDays, dateTime, dueIn, todayShanghai } from '../format.ts';
import { useJurisdictionName } from '../jurisdiction.ts';
import type { PageProps } from '../routes.tsx';
import { mapLimit, type Settled, settle } from '../settle.ts';
import type {
  BlacklistEntry,
  CalendarEntry,
  Case,
  Credit,
  Hazard,
  Licence,
  Mine,
  OverviewAnswer,
  PeriodicDuty,
} from '../types.ts';
import { useLoad } from '../use-load.ts';
import { JurisdictionOverview } from './jurisdiction-overview.tsx';
import { Card, Figure, FigureCards } from './overview-cards.tsx';
import { collectDeadlines, countBy, type Deadline } from './overview-data.ts';

/**
 * 辖区总览: the jurisdiction at a glance for the bureau. A district's own page: its figures from GET /v1/overview
 * (mines by status and credit tier, last night's electricity review, open and overdue cases and hazards, penalties
 * and fines), and everything falling due in the next 30 days, one by one. A city's or province's, and any
 * jurisdiction opened from above: the figures and a ranking table of its children (./jurisdiction-overview.tsx).
 */
const HORIZON = 30;
/** Licences are read mine by mine; beyond this many mines the overview leaves them to the mine files. */
const LICENCE_MINES_MAX = 200;

interface Overview {
  readonly today: string;
  readonly overview: OverviewAnswer;
  readonly cases: Case[];
  readonly hazards: Hazard[];
  readonly blacklist: Settled<BlacklistEntry[]>;
  readonly deadlines: Deadline[];
  readonly licencesSkipped: boolean;
}

async function loadOverview(): Promise<Overview> {
  const today = todayShanghai();
  const [overview, mines, credit, cases, hazards, blacklist, calendar] = await Promise.all([
    api.get<OverviewAnswer>('/v1/overview'),
    getAll<Mine>('/v1/mines', { limit: 200 }),
    settle(getAll<Credit>('/v1/credit', { limit: 200 })),
    Promise.all(['open', 'investigating'].map((status) => getAll<Case>('/v1/cases', { status, limit: 200 }))).then(
      (l) => l.flat(),
    ),
    Promise.all(
      ['reported', 'rectifying', 'submitted'].map((status) => getAll<Hazard>('/v1/hazards', { status, limit: 200 })),
    ).then((l) => l.flat()),
    settle(getAll<BlacklistEntry>('/v1/blacklist', { limit: 200 })),
    settle(api.get<{ items: CalendarEntry[] }>('/v1/calendar', { from: addDays(today, -HORIZON) })),
  ]);
  const licencesSkipped = mines.length > LICENCE_MINES_MAX;
  const perMine = licencesSkipped
    ? []
    : await mapLimit(mines, 6, async (mine) => {
        const base = `/v1/mines/${encodeURIComponent(mine.mineId)}`;
        const [l, d] = await Promise.all([
          settle(api.get<{ items: Licence[] }>(`${base}/licences`)),
          settle(api.get<{ items: PeriodicDuty[] }>(`${base}/periodic-duties`)),
        ]);
        return {
          licences: l.ok ? l.value.items.map((licence) => ({ mine, licence })) : [],
          duties: d.ok ? d.value.items.map((duty) => ({ mine, duty })) : [],
        };
      });
  const deadlines = collectDeadlines({
    today,
    horizonDays: HORIZON,
    licences: perMine.flatMap((m) => m.licences),
    duties: perMine.flatMap((m) => m.duties),
    hazards,
    cases,
    blacklist: blacklist.ok ? blacklist.value : [],
    calendar: calendar.ok ? calendar.value.items : [],
    credit: credit.ok ? credit.value : [],
    mineNames: new Map(mines.map((m) => [m.mineId, m.name])),
  });
  return { today, overview, cases, hazards, blacklist, deadlines, licencesSkipped };
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
    render: (d) => (d.href ? <a href={d.href}>{d.what}</a> : d.what),
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
              subtitle="证照、瓦斯等级鉴定与应急演练、隐患整改、案件办理、陈述申辩期、名单期满、C/D 级应检查及工作日程；已逾期的一并列出"
              onExport={t.onExport}
            />
            {data.licencesSkipped ? <p class="muted">煤矿较多，证照到期请在各矿档案中查看。</p> : null}
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
