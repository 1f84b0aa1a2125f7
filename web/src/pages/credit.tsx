import { getAll } from '../api.ts';
import {
  Badge,
  type Column,
  ErrorBox,
  Loading,
  MineLink,
  Page,
  PageHeader,
  Select,
  Table,
  useExport,
} from '../components/index.ts';
import { dateCell } from '../export/download.ts';
import { TIER_LABELS, TIERS } from '../labels.ts';
import { replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import type { CreditSummary } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { countBy } from './overview-data.ts';

/**
 * 安全信用分类: every mine's tier and score, counted by tier; a click on a tier filters the list, a mine opens its
 * file with the breakdown.
 */
const TIER_RANK: Record<string, number> = { A: 1, B: 2, C: 3, D: 4 };

const columns: Column<CreditSummary>[] = [
  {
    key: 'mine',
    label: '煤矿',
    value: (c) => c.mineName,
    render: (c) => <MineLink mineId={c.mineId} name={c.mineName} />,
  },
  {
    key: 'tier',
    label: '信用等级',
    value: (c) => TIER_RANK[c.tier] ?? null,
    render: (c) => <Badge code={c.tier} text={`${c.tier} ${c.tierLabel}`} testid={`tier-${c.mineId}`} />,
    exportValue: (c) => `${c.tier} ${c.tierLabel}`,
  },
  { key: 'score', label: '得分', value: (c) => c.score, align: 'right' },
  {
    key: 'scoreTier',
    label: '按分数',
    value: (c) => c.scoreTier,
    render: (c) => (c.scoreTier !== c.tier ? `${c.scoreTier} 级` : ''),
    exportValue: (c) => c.scoreTier,
  },
  { key: 'deductions', label: '扣分', value: (c) => c.deductions, align: 'right' },
  { key: 'bonuses', label: '加分', value: (c) => c.bonuses, align: 'right' },
  {
    key: 'forced',
    label: '定级原因',
    value: (c) =>
      [...c.forced.map((f) => f.label), ...(c.override ? [`人工调整：${c.override.reason}`] : [])].join('；'),
    sortable: false,
    wrap: true,
  },
  { key: 'previous', label: '上次等级', value: (c) => c.previousTier ?? '' },
  { key: 'tierSince', label: '定级日期', value: (c) => c.tierSince, exportValue: (c) => dateCell(c.tierSince) },
  { key: 'inspections', label: '年检查次数', value: (c) => c.inspectionsPerYear, align: 'right' },
  {
    key: 'nextInspection',
    label: '下次应检查',
    value: (c) => c.nextInspectionDue,
    exportValue: (c) => dateCell(c.nextInspectionDue),
  },
  {
    key: 'nextRepair',
    label: '下次信用修复',
    value: (c) => c.nextRepairOn ?? '',
    exportValue: (c) => dateCell(c.nextRepairOn),
  },
];

export function CreditPage(props: PageProps) {
  const tier = props.query.get('tier') ?? '';
  const { data, error, settled } = useLoad(() => getAll<CreditSummary>('/v1/credit', { limit: 200 }), []);
  const all = data ?? [];
  const rows = all.filter((c) => !tier || c.tier === tier);
  const byTier = countBy(all, (c) => c.tier);
  const t = useExport('安全信用分类', columns, rows, { key: 'tier', dir: 'desc' });
  return (
    <Page name="credit" ready={settled}>
      <PageHeader
        title="安全信用分类"
        subtitle={data ? `${all[0]?.asOf ?? ''} 评价 · 共 ${all.length} 座` : undefined}
        onExport={t.onExport}
      >
        <Select
          label="等级"
          value={tier}
          options={TIERS.map((x) => [x, `${x} 级 ${TIER_LABELS[x]}`] as [string, string])}
          onChange={(v) => replaceQuery({ tier: v })}
          testid="filter-tier"
        />
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <>
          <div class="tier-bar" data-testid="tier-counts">
            {TIERS.map((x) => (
              <a
                key={x}
                href={tier === x ? '#/credit' : `#/credit?tier=${x}`}
                class={`tier-chip ${tier === x ? 'active' : ''}`}
                data-testid={`tier-count-${x}`}
              >
                <Badge code={x} text={`${x} ${TIER_LABELS[x]}`} /> <strong>{byTier.get(x) ?? 0}</strong> 座
              </a>
            ))}
          </div>
          <Table
            columns={columns}
            rows={rows}
            rowKey={(c) => c.mineId}
            rowTestId={(c) => `credit-row-${c.mineId}`}
            empty="没有该等级的煤矿"
            testid="credit-table"
            {...t.table}
          />
        </>
      ) : null}
    </Page>
  );
}
