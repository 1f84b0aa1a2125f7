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
import { num } from '../format.ts';
import { GAS_GRADE_LABELS, isBureau, label, MINE_STATUS_LABELS, STANDARDISATION_LABELS } from '../labels.ts';
import { replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import { settle } from '../settle.ts';
import type { CreditSummary, Mine } from '../types.ts';
import { useLoad } from '../use-load.ts';

/** 煤矿档案: the jurisdiction's mines with status, credit tier, capacity and assigned official; filter by status. */
interface MineRow extends Mine {
  readonly credit?: CreditSummary;
}

const columns: Column<MineRow>[] = [
  { key: 'name', label: '煤矿名称', value: (m) => m.name, render: (m) => <MineLink mineId={m.mineId} name={m.name} /> },
  { key: 'enterprise', label: '企业名称', value: (m) => m.enterpriseName ?? '' },
  {
    key: 'creditCode',
    label: '统一社会信用代码',
    value: (m) => m.creditCode,
    render: (m) => <code>{m.creditCode}</code>,
  },
  {
    key: 'status',
    label: '状态',
    value: (m) => m.statusLabel,
    render: (m) => <Badge code={m.status} text={m.statusLabel} testid={`mine-status-${m.mineId}`} />,
  },
  { key: 'statusSince', label: '状态起始', value: (m) => m.statusSince, exportValue: (m) => dateCell(m.statusSince) },
  {
    key: 'tier',
    label: '信用等级',
    value: (m) => m.credit?.tier ?? null,
    render: (m) => (m.credit ? <Badge code={m.credit.tier} text={`${m.credit.tier} ${m.credit.tierLabel}`} /> : ''),
    exportValue: (m) => (m.credit ? `${m.credit.tier} ${m.credit.tierLabel}` : null),
  },
  { key: 'score', label: '信用分', value: (m) => m.credit?.score ?? null, align: 'right' },
  {
    key: 'capacity',
    label: '核定能力(吨/年)',
    value: (m) => m.approvedCapacityTonnesPerYear,
    render: (m) => num(m.approvedCapacityTonnesPerYear),
    align: 'right',
  },
  { key: 'gas', label: '瓦斯等级', value: (m) => label(GAS_GRADE_LABELS, m.gasGrade) },
  { key: 'standard', label: '标准化等级', value: (m) => label(STANDARDISATION_LABELS, m.standardisationGrade) },
  { key: 'official', label: '包保责任人', value: (m) => m.assignedOfficial?.name ?? '' },
];

export function MinesPage(props: PageProps) {
  const status = props.query.get('status') ?? '';
  const bureau = isBureau(props.claims.role);
  const { data, error, settled } = useLoad(async () => {
    const [mines, credit] = await Promise.all([
      getAll<Mine>('/v1/mines', { limit: 200 }),
      bureau ? settle(getAll<CreditSummary>('/v1/credit', { limit: 200 })) : undefined,
    ]);
    const byMine = new Map((credit?.ok ? credit.value : []).map((c) => [c.mineId, c]));
    return {
      rows: mines.map((m): MineRow => ({ ...m, ...(byMine.has(m.mineId) ? { credit: byMine.get(m.mineId)! } : {}) })),
      creditError: credit && !credit.ok ? credit.error : undefined,
    };
  }, [bureau]);
  const rows = (data?.rows ?? []).filter((m) => !status || m.status === status);
  const t = useExport('煤矿档案', columns, rows);
  return (
    <Page name="mines" ready={settled}>
      <PageHeader
        title="煤矿档案"
        subtitle={data ? `共 ${rows.length} 座${status ? `（${label(MINE_STATUS_LABELS, status)}）` : ''}` : undefined}
        onExport={t.onExport}
      >
        <Select
          label="状态"
          value={status}
          options={optionsOf(MINE_STATUS_LABELS)}
          onChange={(v) => replaceQuery({ status: v })}
          testid="filter-status"
        />
      </PageHeader>
      <ErrorBox error={error} />
      <ErrorBox error={data?.creditError} />
      {!settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(m) => m.mineId}
          rowTestId={(m) => `mine-row-${m.mineId}`}
          empty="没有符合条件的煤矿"
          testid="mines-table"
          {...t.table}
        />
      ) : null}
    </Page>
  );
}
