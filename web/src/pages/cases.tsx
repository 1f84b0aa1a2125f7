import { getAll } from '../api.ts';
import {
  Badge,
  CaseLink,
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
import { CASE_STATUS_LABELS, isBureau, label, SEVERITY_LABELS, SEVERITY_ORDER } from '../labels.ts';
import { replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import type { Case } from '../types.ts';
import { useLoad } from '../use-load.ts';

/** 调查核实案件: the cases the electricity review opened, filtered by status and overdue, newest first. */
const columns: Column<Case>[] = [
  {
    key: 'rule',
    label: '核实事项',
    value: (c) => c.ruleLabel,
    render: (c) => <CaseLink caseId={c.caseId} text={c.ruleLabel} />,
  },
  {
    key: 'mine',
    label: '煤矿',
    value: (c) => c.mineName,
    render: (c) => <MineLink mineId={c.mineId} name={c.mineName} />,
  },
  {
    key: 'severity',
    label: '风险',
    value: (c) => SEVERITY_ORDER[c.severity] ?? null,
    render: (c) => <Badge code={c.severity} labels={SEVERITY_LABELS} />,
    exportValue: (c) => label(SEVERITY_LABELS, c.severity),
  },
  {
    key: 'status',
    label: '状态',
    value: (c) => c.statusLabel,
    render: (c) => <Badge code={c.status} text={c.statusLabel} />,
  },
  { key: 'openedOn', label: '发现日期', value: (c) => c.openedOn, exportValue: (c) => dateCell(c.openedOn) },
  { key: 'deadline', label: '办理期限', value: (c) => c.deadline, exportValue: (c) => dateCell(c.deadline) },
  {
    key: 'overdue',
    label: '逾期',
    value: (c) => (c.overdue ? '已逾期' : ''),
    render: (c) => (c.overdue ? <Badge code="D" text="已逾期" /> : ''),
  },
  { key: 'assignee', label: '承办人', value: (c) => c.assignee?.name ?? '' },
  { key: 'caseId', label: '案件编号', value: (c) => c.caseId, render: (c) => <code class="small">{c.caseId}</code> },
];

export function CasesPage(props: PageProps) {
  const status = props.query.get('status') ?? '';
  const overdue = props.query.get('overdue') === 'true';
  // The mine file links here with its mine (`?mineId=`): the list is then that mine's.
  const mineId = props.query.get('mineId') ?? '';
  const { data, error, settled } = useLoad(
    () => getAll<Case>('/v1/cases', { status, mineId, overdue: overdue ? 'true' : undefined, limit: 200 }),
    [status, overdue, mineId],
  );
  const rows = data ?? [];
  const t = useExport('调查核实案件', columns, rows, { key: 'openedOn', dir: 'desc' });
  return (
    <Page name="cases" ready={settled}>
      <PageHeader
        title="调查核实案件"
        subtitle={data ? `${mineId && rows[0] ? `${rows[0].mineName} · ` : ''}共 ${rows.length} 件` : undefined}
        onExport={t.onExport}
      >
        <Select
          label="状态"
          value={status}
          options={optionsOf(CASE_STATUS_LABELS)}
          onChange={(v) => replaceQuery({ status: v, mineId, overdue: overdue ? 'true' : undefined })}
          testid="filter-status"
        />
        <label class="filter">
          <input
            type="checkbox"
            checked={overdue}
            data-testid="filter-overdue"
            onChange={(e) =>
              replaceQuery({
                status,
                mineId,
                overdue: (e.currentTarget as HTMLInputElement).checked ? 'true' : undefined,
              })
            }
          />
          <span>仅看逾期</span>
        </label>
        {mineId && isBureau(props.claims.role) ? (
          <a class="btn btn-quiet" href="#/cases" data-testid="filter-mine-clear">
            全部煤矿
          </a>
        ) : null}
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(c) => c.caseId}
          rowTestId={(c) => `case-row-${c.caseId}`}
          rowClass={(c) => (c.overdue ? 'row-bad' : undefined)}
          empty="没有符合条件的案件"
          testid="cases-table"
          {...t.table}
        />
      ) : null}
    </Page>
  );
}
