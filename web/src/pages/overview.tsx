import type { ComponentChildren } from 'preact';
import { ApiError, api, getAll } from '../api.ts';
import { Badge, type Column, ErrorBox, Loading, Page, PageHeader, Table, useExport } from '../components/index.ts';
import { dateCell } from '../export/download.ts';
import { addDays, dueIn, todayShanghai } from '../format.ts';
import { useJurisdictionName } from '../jurisdiction.ts';
import { label, MINE_STATUS_LABELS, TIER_LABELS, TIERS, VERDICT_LABELS } from '../labels.ts';
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
  PeriodicDuty,
  PowerReport,
} from '../types.ts';
import { useLoad } from '../use-load.ts';
import { collectDeadlines, countBy, type Deadline } from './overview-data.ts';
import { reportMissing } from './review-data.ts';

/**
 * 辖区总览: the jurisdiction at a glance for the bureau: mines by status and credit tier, last night's electricity
 * review, open and overdue cases and hazards, and everything falling due in the next 30 days.
 */
const HORIZON = 30;
/** Licences are read mine by mine; beyond this many mines the overview leaves them to the mine files. */
const LICENCE_MINES_MAX = 200;

interface Overview {
  readonly today: string;
  readonly yesterday: string;
  readonly mines: Mine[];
  readonly credit: Settled<Credit[]>;
  readonly report: Settled<PowerReport>;
  readonly cases: Case[];
  readonly hazards: Hazard[];
  readonly blacklist: Settled<BlacklistEntry[]>;
  readonly deadlines: Deadline[];
  readonly licencesSkipped: boolean;
}

async function loadOverview(): Promise<Overview> {
  const today = todayShanghai();
  const yesterday = addDays(today, -1);
  const [mines, credit, report, cases, hazards, blacklist, calendar] = await Promise.all([
    getAll<Mine>('/v1/mines', { limit: 200 }),
    settle(getAll<Credit>('/v1/credit', { limit: 200 })),
    settle(api.get<PowerReport>(`/v1/power-reviews/${yesterday}`)),
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
  return { today, yesterday, mines, credit, report, cases, hazards, blacklist, deadlines, licencesSkipped };
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
  const { data, error, settled } = useLoad(loadOverview, []);
  const jurisdiction = useJurisdictionName(props.claims);
  const t = useExport('近期到期事项', deadlineColumns, data?.deadlines ?? [], { key: 'dueOn', dir: 'asc' });
  return (
    <Page name="overview" ready={settled}>
      <PageHeader title="辖区总览" subtitle={data ? `${jurisdiction} · ${data.today}` : jurisdiction} />
      <ErrorBox error={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <div class="cards">
            <MinesCard mines={data.mines} />
            <CreditCard credit={data.credit} />
            <ReviewCard date={data.yesterday} report={data.report} />
            <CasesCard cases={data.cases} />
            <HazardsCard hazards={data.hazards} />
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

function Card(props: { title: string; href?: string; children: ComponentChildren; testid: string }) {
  return (
    <section class="card" data-testid={props.testid}>
      <h2>{props.href ? <a href={props.href}>{props.title}</a> : props.title}</h2>
      {props.children}
    </section>
  );
}

function Figure(props: { label: string; value: number; href?: string; testid: string; tone?: string }) {
  const body = (
    <>
      <span class={`figure-value ${props.tone ? `tone-${props.tone}` : ''}`} data-testid={props.testid}>
        {props.value}
      </span>
      <span class="figure-label">{props.label}</span>
    </>
  );
  return <div class="figure">{props.href ? <a href={props.href}>{body}</a> : body}</div>;
}

function MinesCard(props: { mines: Mine[] }) {
  const byStatus = countBy(props.mines, (m) => m.status);
  return (
    <Card title="煤矿" href="#/mines" testid="card-mines">
      <div class="figures">
        <Figure label="辖区煤矿" value={props.mines.length} testid="stat-mines-total" href="#/mines" />
        {Object.keys(MINE_STATUS_LABELS)
          .filter((s) => byStatus.has(s))
          .map((s) => (
            <Figure
              key={s}
              label={label(MINE_STATUS_LABELS, s)}
              value={byStatus.get(s)!}
              testid={`stat-mines-${s}`}
              href={`#/mines?status=${s}`}
            />
          ))}
      </div>
    </Card>
  );
}

function CreditCard(props: { credit: Settled<Credit[]> }) {
  if (!props.credit.ok)
    return (
      <Card title="安全信用等级" testid="card-credit">
        <ErrorBox error={props.credit.error} />
      </Card>
    );
  const byTier = countBy(props.credit.value, (c) => c.tier);
  return (
    <Card title="安全信用等级" href="#/credit" testid="card-credit">
      <div class="figures">
        {TIERS.map((tier) => (
          <Figure
            key={tier}
            label={`${tier} 级 ${TIER_LABELS[tier]}`}
            value={byTier.get(tier) ?? 0}
            testid={`stat-tier-${tier}`}
            href={`#/credit?tier=${tier}`}
            tone={!byTier.get(tier) ? undefined : tier === 'D' ? 'bad' : tier === 'C' ? 'warn' : undefined}
          />
        ))}
      </div>
    </Card>
  );
}

function ReviewCard(props: { date: string; report: Settled<PowerReport> }) {
  const { report, date } = props;
  const link = `#/review/${date}`;
  let body: ComponentChildren;
  if (!report.ok) {
    body =
      report.error instanceof ApiError && report.error.status === 404 ? (
        <p class="muted" data-testid="review-missing">
          未找到 {date} 的审查报告。
        </p>
      ) : (
        <ErrorBox error={report.error} />
      );
  } else if (reportMissing(report.value)) {
    body = (
      <p class="muted" data-testid="review-missing">
        {date} 的审查报告尚未生成（审查每晚运行）。
      </p>
    );
  } else {
    const v = report.value.verdicts;
    body = (
      <div class="figures">
        {(['anomaly', 'no_data', 'normal'] as const).map((k) => (
          <Figure
            key={k}
            label={VERDICT_LABELS[k]!}
            value={v[k] ?? 0}
            testid={`stat-verdict-${k}`}
            href={link}
            tone={k === 'anomaly' && (v[k] ?? 0) > 0 ? 'bad' : undefined}
          />
        ))}
      </div>
    );
  }
  return (
    <Card title={`用电审查（${date}）`} href={link} testid="card-review">
      {body}
    </Card>
  );
}

function CasesCard(props: { cases: Case[] }) {
  const by = countBy(props.cases, (c) => c.status);
  const overdue = props.cases.filter((c) => c.overdue).length;
  return (
    <Card title="调查核实案件" href="#/cases" testid="card-cases">
      <div class="figures">
        <Figure label="待核实" value={by.get('open') ?? 0} testid="stat-cases-open" href="#/cases?status=open" />
        <Figure
          label="核实中"
          value={by.get('investigating') ?? 0}
          testid="stat-cases-investigating"
          href="#/cases?status=investigating"
        />
        <Figure
          label="逾期未办"
          value={overdue}
          testid="stat-cases-overdue"
          href="#/cases?overdue=true"
          tone={overdue ? 'bad' : undefined}
        />
      </div>
    </Card>
  );
}

function HazardsCard(props: { hazards: Hazard[] }) {
  const major = props.hazards.filter((h) => h.level === 'major').length;
  const overdue = props.hazards.filter((h) => h.overdue).length;
  return (
    <Card title="未销号隐患" href="#/hazards" testid="card-hazards">
      <div class="figures">
        <Figure label="未销号" value={props.hazards.length} testid="stat-hazards-open" href="#/hazards?status=open" />
        <Figure
          label="重大隐患"
          value={major}
          testid="stat-hazards-major"
          href="#/hazards?major=true&status=open"
          tone={major ? 'bad' : undefined}
        />
        <Figure
          label="逾期未整改"
          value={overdue}
          testid="stat-hazards-overdue"
          href="#/hazards?overdue=true"
          tone={overdue ? 'bad' : undefined}
        />
      </div>
    </Card>
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
