import { useMemo, useState } from 'preact/hooks';
import { getAll, publicApi } from '../../api.ts';
import { type Column, ErrorBox, Loading, Page, PageHeader } from '../../components/index.ts';
import { label, SCOPE_LABELS, SUBJECT_TYPE_LABELS } from '../../labels.ts';
import type { PublicPageProps } from '../../public-routes.tsx';
import { useLoad } from '../../use-load.ts';
import { PublicList } from './public-list.tsx';

/** One published entry as the public route answers it: a person's ID with digits 7–14 hidden. */
interface PublicEntry {
  readonly entryId: string;
  readonly subjectType: 'enterprise' | 'person';
  readonly name: string;
  readonly creditCode?: string;
  readonly residentIdMasked?: string;
  readonly grounds: readonly { code: string; name: string; basis: string }[];
  readonly decisionNo: string;
  readonly listedOn: string;
  readonly endsOn: string;
  readonly restrictions: readonly string[];
}

const columns: Column<PublicEntry>[] = [
  { key: 'name', label: '失信主体', value: (e) => e.name },
  { key: 'type', label: '类型', value: (e) => label(SUBJECT_TYPE_LABELS, e.subjectType) },
  {
    key: 'code',
    label: '统一社会信用代码 / 身份证号',
    value: (e) => e.creditCode ?? e.residentIdMasked ?? '',
  },
  { key: 'grounds', label: '列入事由', value: (e) => e.grounds.map((g) => g.name).join('；'), wrap: true },
  {
    key: 'basis',
    label: '依据',
    value: (e) => [...new Set(e.grounds.map((g) => g.basis))].join('；'),
    sortable: false,
    wrap: true,
  },
  { key: 'decisionNo', label: '决定书文号', value: (e) => e.decisionNo },
  { key: 'listedOn', label: '列入日期', value: (e) => e.listedOn },
  { key: 'endsOn', label: '移出日期', value: (e) => e.endsOn },
  {
    key: 'restrictions',
    label: '限制事项',
    value: (e) => e.restrictions.map((r) => label(SCOPE_LABELS, r)).join('、'),
    sortable: false,
    wrap: true,
  },
];

/** 严重失信主体名单公示: the published entries, for anyone, searched by name or credit code on this page. */
export function PublicBlacklistPage(_props: PublicPageProps) {
  const { data, error, settled } = useLoad(
    () => getAll<PublicEntry>('/v1/public/blacklist', { limit: 100 }, 1000, publicApi),
    [],
  );
  const [search, setSearch] = useState('');
  const rows = useMemo(() => {
    const q = search.trim().toUpperCase();
    const all = data ?? [];
    return q ? all.filter((e) => e.name.toUpperCase().includes(q) || (e.creditCode ?? '').includes(q)) : all;
  }, [data, search]);
  return (
    <Page name="public-blacklist" ready={settled}>
      <PageHeader
        title="严重失信主体名单公示"
        subtitle={data ? `依据《安全生产严重失信主体名单管理办法》公示，共 ${data.length} 条` : undefined}
      >
        <label class="field-inline">
          <span>查询</span>
          <input
            class="fk-input"
            type="search"
            data-testid="public-search"
            placeholder="名称或统一社会信用代码"
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <PublicList
          columns={columns}
          rows={rows}
          rowKey={(e) => e.entryId}
          rowTestId={(e) => `public-entry-${e.entryId}`}
          testid="public-blacklist-table"
          empty={search ? '没有符合条件的公示记录' : '暂无公示记录'}
        />
      ) : null}
    </Page>
  );
}
