import { TIPOFF_STATUS_LABELS } from '#lib/tipoffs/vocabulary.ts';
import { getAll } from '../api.ts';
import {
  Badge,
  type Column,
  ErrorBox,
  Loading,
  optionsOf,
  Page,
  PageHeader,
  Select,
  Table,
} from '../components/index.ts';
import { replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import { useLoad } from '../use-load.ts';

/**
 * 举报处理: the jurisdiction's tip-offs, newest first. Nothing of the reporter: the list has no contact to show, and
 * the page offers no export.
 */
export interface TipoffRow {
  readonly tipoffId: string;
  readonly mineId?: string;
  readonly mineName: string;
  readonly subject: string;
  readonly subjectLabel: string;
  readonly what: string;
  readonly status: string;
  readonly statusLabel: string;
  readonly receivedAt: string;
  readonly dueOn: string;
  readonly overdue: boolean;
  readonly handlers: readonly { userId: string; name: string }[];
  readonly findingLabel?: string;
  readonly reward?: { statusLabel: string; amountYuan: number };
}

const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const columns: Column<TipoffRow>[] = [
  {
    key: 'mine',
    label: '被举报煤矿',
    value: (t) => t.mineName,
    render: (t) => (
      <a href={`#/tipoffs/${encodeURIComponent(t.tipoffId)}`} data-testid={`tipoff-link-${t.tipoffId}`}>
        {t.mineName}
      </a>
    ),
  },
  { key: 'subject', label: '举报事项', value: (t) => t.subjectLabel },
  { key: 'what', label: '内容', value: (t) => (t.what.length > 40 ? `${t.what.slice(0, 40)}…` : t.what), wrap: true },
  {
    key: 'status',
    label: '状态',
    value: (t) => t.statusLabel,
    render: (t) => <Badge code={t.status} text={t.statusLabel} />,
  },
  { key: 'receivedAt', label: '收到日期', value: (t) => day(t.receivedAt) },
  { key: 'dueOn', label: '办结期限', value: (t) => t.dueOn },
  {
    key: 'overdue',
    label: '逾期',
    value: (t) => (t.overdue ? '已逾期' : ''),
    render: (t) => (t.overdue ? <Badge code="D" text="已逾期" /> : ''),
  },
  { key: 'handlers', label: '承办人', value: (t) => t.handlers.map((h) => h.name).join('、') },
  { key: 'finding', label: '结论', value: (t) => t.findingLabel ?? '' },
  {
    key: 'reward',
    label: '奖励',
    value: (t) => (t.reward ? `${t.reward.amountYuan} 元 · ${t.reward.statusLabel}` : ''),
  },
];

export function TipoffsPage(props: PageProps) {
  const status = props.query.get('status') ?? '';
  const { data, error, settled } = useLoad(() => getAll<TipoffRow>('/v1/tipoffs', { status, limit: 200 }), [status]);
  const rows = data ?? [];
  return (
    <Page name="tipoffs" ready={settled}>
      <PageHeader title="举报处理" subtitle={data ? `共 ${rows.length} 件（举报人信息仅承办人可见）` : undefined}>
        <Select
          label="状态"
          value={status}
          options={optionsOf(TIPOFF_STATUS_LABELS)}
          onChange={(v) => replaceQuery({ status: v })}
          testid="filter-status"
        />
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(t) => t.tipoffId}
          rowTestId={(t) => `tipoff-row-${t.tipoffId}`}
          rowClass={(t) => (t.overdue ? 'row-bad' : undefined)}
          empty="没有举报"
          testid="tipoffs-table"
        />
      ) : null}
    </Page>
  );
}
