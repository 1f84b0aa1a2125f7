import { getAll } from '../api.ts';
import {
  Badge,
  type Column,
  ErrorBox,
  Loading,
  MineLink,
  optionsOf,
  Page,
  PageHeader,
  Select,
  Table,
  useExport,
} from '../components/index.ts';
import { dateCell } from '../export/download.ts';
import { HAZARD_OPEN_STATUSES, HAZARD_STATUS_LABELS, isBureau } from '../labels.ts';
import { replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import type { Hazard } from '../types.ts';
import { useLoad } from '../use-load.ts';

/**
 * 隐患排查治理: the jurisdiction's hazards (a mine user's own), filtered by level, status (未销号 = every open
 * status) and overdue.
 */
const STATUS_OPTIONS: [string, string][] = [['open', '未销号（全部）'], ...optionsOf(HAZARD_STATUS_LABELS)];
const SOURCE_LABELS: Record<string, string> = { inspection: '监管检查', self_report: '企业自查', case: '调查核实' };

const columns: Column<Hazard>[] = [
  {
    key: 'mine',
    label: '煤矿',
    value: (h) => h.mineName,
    render: (h) => <MineLink mineId={h.mineId} name={h.mineName} />,
  },
  {
    key: 'level',
    label: '级别',
    value: (h) => h.levelLabel,
    render: (h) => <Badge code={h.level === 'major' ? 'D' : 'B'} text={h.levelLabel} />,
  },
  { key: 'category', label: '重大隐患类别', value: (h) => h.categoryName ?? '', wrap: true },
  {
    key: 'description',
    label: '隐患描述',
    value: (h) => h.description,
    render: (h) => (
      <a href={`#/hazards/${encodeURIComponent(h.hazardId)}`} data-testid="hazard-link">
        {h.description}
      </a>
    ),
    sortable: false,
    wrap: true,
  },
  { key: 'location', label: '位置', value: (h) => h.location, wrap: true },
  { key: 'foundOn', label: '发现日期', value: (h) => h.foundOn, exportValue: (h) => dateCell(h.foundOn) },
  { key: 'deadline', label: '整改期限', value: (h) => h.deadline, exportValue: (h) => dateCell(h.deadline) },
  {
    key: 'status',
    label: '状态',
    value: (h) => h.statusLabel,
    render: (h) => <Badge code={h.status} text={h.statusLabel} />,
  },
  {
    key: 'overdue',
    label: '逾期',
    value: (h) => (h.overdue ? '已逾期' : ''),
    render: (h) => (h.overdue ? <Badge code="D" text="已逾期" /> : ''),
  },
  { key: 'source', label: '来源', value: (h) => SOURCE_LABELS[h.source] ?? h.source },
  { key: 'official', label: '督办人', value: (h) => h.supervision?.official.name ?? '' },
];

export function HazardsPage(props: PageProps) {
  const status = props.query.get('status') ?? '';
  const major = props.query.get('major') ?? '';
  const overdue = props.query.get('overdue') === 'true';
  // One mine's hazards when the mine file links here (`?mineId=`).
  const mineId = props.query.get('mineId') ?? '';
  const { data, error, settled } = useLoad(async () => {
    const base = { major: major || undefined, overdue: overdue ? 'true' : undefined, limit: 200 };
    const statuses = status === 'open' ? [...HAZARD_OPEN_STATUSES] : [status || undefined];
    const path = mineId ? `/v1/mines/${encodeURIComponent(mineId)}/hazards` : '/v1/hazards';
    return (await Promise.all(statuses.map((s) => getAll<Hazard>(path, { ...base, status: s })))).flat();
  }, [status, major, overdue, mineId]);
  const rows = data ?? [];
  const t = useExport('隐患排查治理', columns, rows, { key: 'deadline', dir: 'asc' });
  const set = (change: Record<string, string | undefined>) =>
    replaceQuery({
      status: status || undefined,
      major: major || undefined,
      overdue: overdue ? 'true' : undefined,
      mineId: mineId || undefined,
      ...change,
    });
  return (
    <Page name="hazards" ready={settled}>
      <PageHeader
        title="隐患排查治理"
        subtitle={data ? `${mineId && rows[0] ? `${rows[0].mineName} · ` : ''}共 ${rows.length} 项` : undefined}
        onExport={t.onExport}
      >
        <Select
          label="级别"
          value={major}
          options={[
            ['true', '重大事故隐患'],
            ['false', '一般事故隐患'],
          ]}
          onChange={(v) => set({ major: v || undefined })}
          testid="filter-major"
        />
        <Select
          label="状态"
          value={status}
          options={STATUS_OPTIONS}
          onChange={(v) => set({ status: v || undefined })}
          testid="filter-status"
        />
        <label class="filter">
          <input
            type="checkbox"
            checked={overdue}
            data-testid="filter-overdue"
            onChange={(e) => set({ overdue: (e.currentTarget as HTMLInputElement).checked ? 'true' : undefined })}
          />
          <span>仅看逾期</span>
        </label>
        {mineId && isBureau(props.claims.role) ? (
          <button
            type="button"
            class="btn btn-quiet"
            data-testid="filter-mine-clear"
            onClick={() => set({ mineId: undefined })}
          >
            全部煤矿
          </button>
        ) : null}
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(h) => h.hazardId}
          rowTestId={(h) => `hazard-row-${h.hazardId}`}
          rowClass={(h) => (h.overdue ? 'row-bad' : undefined)}
          empty="没有符合条件的隐患"
          testid="hazards-table"
          {...t.table}
        />
      ) : null}
    </Page>
  );
}
