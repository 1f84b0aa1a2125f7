import { useState } from 'preact/hooks';
import { publicApi } from '../../api.ts';
import { type Column, ErrorBox, Loading, Page, PageHeader } from '../../components/index.ts';
import type { PublicPageProps } from '../../public-routes.tsx';
import { useLoad } from '../../use-load.ts';
import { PublicList } from './public-list.tsx';

/** A jurisdiction's published enforcement statistics of one year. */
interface Statistics {
  readonly jurisdiction: string;
  readonly jurisdictionName: string;
  readonly year: string;
  readonly inspections: number;
  readonly hazardsFound: number;
  readonly majorHazardsFound: number;
  readonly hazardsClosed: number;
  readonly penalties: number;
  readonly penaltiesByKind: readonly { kind: string; label: string; count: number }[];
  readonly finesYuan: number;
  readonly asOf: string;
}

const yuan = (n: number) => `${n.toLocaleString('zh-CN')} 元`;

const columns: Column<Statistics>[] = [
  { key: 'name', label: '辖区', value: (s) => s.jurisdictionName },
  { key: 'inspections', label: '执法检查（次）', value: (s) => s.inspections, align: 'right' },
  { key: 'hazardsFound', label: '发现隐患（项）', value: (s) => s.hazardsFound, align: 'right' },
  { key: 'major', label: '其中重大隐患', value: (s) => s.majorHazardsFound, align: 'right' },
  { key: 'hazardsClosed', label: '整改销号（项）', value: (s) => s.hazardsClosed, align: 'right' },
  { key: 'penalties', label: '行政处罚（件）', value: (s) => s.penalties, align: 'right' },
  {
    key: 'byKind',
    label: '按种类',
    value: (s) =>
      s.penaltiesByKind
        .filter((k) => k.count > 0)
        .map((k) => `${k.label} ${k.count}`)
        .join('，') || '无',
    sortable: false,
    wrap: true,
  },
  { key: 'fines', label: '罚款金额', value: (s) => s.finesYuan, render: (s) => yuan(s.finesYuan), align: 'right' },
  { key: 'asOf', label: '统计截至', value: (s) => s.asOf },
];

const thisYear = new Date().getFullYear();

/** 执法统计: each jurisdiction's enforcement figures of a year, recomputed every night. */
export function PublicStatisticsPage(props: PublicPageProps) {
  const [year, setYear] = useState(props.query.get('year') ?? String(thisYear));
  const { data, error, settled } = useLoad(
    () => publicApi.get<{ items: Statistics[] }>('/v1/public/statistics', { year }),
    [year],
  );
  return (
    <Page name="public-statistics" ready={settled}>
      <PageHeader title="执法统计" subtitle={`${year} 年度各辖区煤矿安全监管执法情况，每日更新`}>
        <label class="field-inline">
          <span>年度</span>
          <select
            class="fk-input"
            data-testid="statistics-year"
            value={year}
            onChange={(e) => setYear((e.currentTarget as HTMLSelectElement).value)}
          >
            {Array.from({ length: 5 }, (_, i) => String(thisYear - i)).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <PublicList
          columns={columns}
          rows={data.items}
          rowKey={(s) => `${s.year}-${s.jurisdiction}`}
          rowTestId={(s) => `public-statistics-${s.jurisdiction.replaceAll('/', '-')}`}
          testid="public-statistics-table"
          empty="该年度暂无统计"
        />
      ) : null}
    </Page>
  );
}
