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
import { BLACKLIST_STATUS_LABELS, label, SUBJECT_TYPE_LABELS } from '../labels.ts';
import { recordHref, replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import type { BlacklistEntry } from '../types.ts';
import { useLoad } from '../use-load.ts';

/** 严重失信主体名单: the jurisdiction's entries, proposed to removed, filtered by status and subject type. */
const columns: Column<BlacklistEntry>[] = [
  {
    key: 'subject',
    label: '失信主体',
    value: (e) => e.subjectName,
    render: (e) => (
      <a href={recordHref('/blacklist', e.entryId)} data-testid={`blacklist-link-${e.entryId}`}>
        {e.subjectName}
      </a>
    ),
  },
  {
    key: 'type',
    label: '类型',
    value: (e) => (e.person ? `个人（${e.person.roleLabel}）` : label(SUBJECT_TYPE_LABELS, e.subjectType)),
  },
  {
    key: 'mine',
    label: '所属煤矿',
    value: (e) => e.mineName,
    render: (e) => <MineLink mineId={e.mineId} name={e.mineName} />,
  },
  { key: 'creditCode', label: '统一社会信用代码', value: (e) => e.creditCode },
  {
    key: 'grounds',
    label: '列入事由',
    value: (e) => e.grounds.map((g) => g.name).join('；'),
    sortable: false,
    wrap: true,
  },
  {
    key: 'status',
    label: '状态',
    value: (e) => e.statusLabel,
    render: (e) => <Badge code={e.status} text={e.statusLabel} testid={`blacklist-status-${e.entryId}`} />,
  },
  { key: 'decisionNo', label: '决定书文号', value: (e) => e.decisionNo ?? '' },
  { key: 'listedOn', label: '列入日期', value: (e) => e.listedOn ?? '', exportValue: (e) => dateCell(e.listedOn) },
  { key: 'endsOn', label: '期满日期', value: (e) => e.endsOn ?? '', exportValue: (e) => dateCell(e.endsOn) },
];

export function BlacklistPage(props: PageProps) {
  const status = props.query.get('status') ?? '';
  const subjectType = props.query.get('subjectType') ?? '';
  const { data, error, settled } = useLoad(
    () => getAll<BlacklistEntry>('/v1/blacklist', { status, subjectType, limit: 200 }),
    [status, subjectType],
  );
  const rows = data ?? [];
  const t = useExport('严重失信主体名单', columns, rows);
  return (
    <Page name="blacklist" ready={settled}>
      <PageHeader title="严重失信主体名单" subtitle={data ? `共 ${rows.length} 条` : undefined} onExport={t.onExport}>
        <Select
          label="状态"
          value={status}
          options={optionsOf(BLACKLIST_STATUS_LABELS)}
          onChange={(v) => replaceQuery({ status: v, subjectType })}
          testid="filter-status"
        />
        <Select
          label="类型"
          value={subjectType}
          options={optionsOf(SUBJECT_TYPE_LABELS)}
          onChange={(v) => replaceQuery({ status, subjectType: v })}
          testid="filter-subject-type"
        />
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(e) => e.entryId}
          rowTestId={(e) => `blacklist-row-${e.entryId}`}
          empty="没有符合条件的名单记录"
          testid="blacklist-table"
          {...t.table}
        />
      ) : null}
    </Page>
  );
}
