import { useState } from 'preact/hooks';
import { getAll, publicApi } from '../../api.ts';
import { type Column, ErrorBox, Loading, Page, PageHeader } from '../../components/index.ts';
import type { PublicPageProps } from '../../public-routes.tsx';
import { href } from '../../route-match.ts';
import { useLoad } from '../../use-load.ts';
import { PublicList } from './public-list.tsx';

/** One published decision as the public route answers it: the enterprise, the decision, the facts masked. */
export interface PublicDisclosure {
  readonly disclosureId: string;
  readonly enterpriseName: string;
  readonly creditCode: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly facts: string;
  readonly basis: string;
  readonly decision: string;
  readonly decisionNo: string;
  readonly decidedOn: string;
  readonly year: string;
  readonly bureau: string;
  readonly publishedOn: string;
}

const KINDS: readonly [string, string][] = [
  ['', '全部'],
  ['warning', '警告'],
  ['fine', '罚款'],
  ['ordered_suspension', '责令停产整顿'],
  ['licence_action', '暂扣或吊销证照'],
];

const columns: Column<PublicDisclosure>[] = [
  {
    key: 'enterprise',
    label: '当事企业',
    value: (d) => d.enterpriseName,
    render: (d) => (
      <a href={href(`/public/disclosures/${d.disclosureId}`)} data-testid={`disclosure-link-${d.disclosureId}`}>
        {d.enterpriseName}
      </a>
    ),
  },
  { key: 'creditCode', label: '统一社会信用代码', value: (d) => d.creditCode },
  { key: 'kind', label: '处罚种类', value: (d) => d.kindLabel },
  { key: 'decision', label: '处罚决定', value: (d) => d.decision, wrap: true },
  { key: 'facts', label: '违法事实（摘要）', value: (d) => d.facts, sortable: false, wrap: true },
  { key: 'decisionNo', label: '决定书文号', value: (d) => d.decisionNo },
  { key: 'decidedOn', label: '决定日期', value: (d) => d.decidedOn },
  { key: 'bureau', label: '执法机关', value: (d) => d.bureau, wrap: true },
];

const thisYear = new Date().getFullYear();
const YEARS = ['', ...Array.from({ length: 5 }, (_, i) => String(thisYear - i))];

/** 执法公示: the published penalties, searched by the API (name, credit code or decision number; year; kind). */
export function PublicDisclosuresPage(props: PublicPageProps) {
  const [q, setQ] = useState(props.query.get('q') ?? '');
  const [year, setYear] = useState(props.query.get('year') ?? '');
  const [kind, setKind] = useState(props.query.get('kind') ?? '');
  const [search, setSearch] = useState({ q, year, kind });
  const { data, error, settled } = useLoad(
    () =>
      getAll<PublicDisclosure>(
        '/v1/public/disclosures',
        { limit: 100, q: search.q || undefined, year: search.year || undefined, kind: search.kind || undefined },
        1000,
        publicApi,
      ),
    [search.q, search.year, search.kind],
  );
  const searching = !!(search.q || search.year || search.kind);
  return (
    <Page name="public-disclosures" ready={settled}>
      <PageHeader
        title="行政执法公示"
        subtitle={
          data
            ? `依据行政执法公示制度，行政处罚决定自作出之日起 7 个工作日内公示（个人信息已隐去），共 ${data.length} 条`
            : undefined
        }
      />
      <form
        class="public-search"
        data-testid="disclosure-search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch({ q: q.trim(), year, kind });
        }}
      >
        <label class="field-inline">
          <span>查询</span>
          <input
            class="fk-input"
            type="search"
            data-testid="public-search"
            placeholder="企业名称、信用代码或决定书文号"
            value={q}
            onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label class="field-inline">
          <span>年度</span>
          <select
            class="fk-input"
            data-testid="public-year"
            value={year}
            onChange={(e) => setYear((e.currentTarget as HTMLSelectElement).value)}
          >
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y || '全部'}
              </option>
            ))}
          </select>
        </label>
        <label class="field-inline">
          <span>种类</span>
          <select
            class="fk-input"
            data-testid="public-kind"
            value={kind}
            onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}
          >
            {KINDS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="btn btn-primary" data-testid="public-search-submit">
          查询
        </button>
      </form>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <PublicList
          columns={columns}
          rows={data}
          rowKey={(d) => d.disclosureId}
          rowTestId={(d) => `public-disclosure-${d.disclosureId}`}
          testid="public-disclosures-table"
          empty={searching ? '没有符合条件的公示记录' : '暂无公示记录'}
        />
      ) : null}
    </Page>
  );
}

/** One published decision, in full: what the list shortens. */
export function PublicDisclosurePage(props: PublicPageProps) {
  const id = props.params.disclosureId ?? '';
  const { data, error, settled } = useLoad(
    () => publicApi.get<PublicDisclosure>(`/v1/public/disclosures/${encodeURIComponent(id)}`),
    [id],
  );
  return (
    <Page name="public-disclosure" ready={settled}>
      <PageHeader title="行政处罚决定公示" subtitle={data ? data.decisionNo : undefined}>
        <a href={href('/public/disclosures')} data-testid="back-to-disclosures">
          返回公示列表
        </a>
      </PageHeader>
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <section class="card" data-testid="public-disclosure-detail">
          <dl class="facts">
            <dt>当事企业</dt>
            <dd>{data.enterpriseName}</dd>
            <dt>统一社会信用代码</dt>
            <dd>{data.creditCode}</dd>
            <dt>违法事实（摘要）</dt>
            <dd data-testid="disclosure-facts">{data.facts}</dd>
            <dt>处罚依据</dt>
            <dd>{data.basis}</dd>
            <dt>处罚种类</dt>
            <dd>{data.kindLabel}</dd>
            <dt>处罚决定</dt>
            <dd>{data.decision}</dd>
            <dt>决定书文号</dt>
            <dd>{data.decisionNo}</dd>
            <dt>决定日期</dt>
            <dd>{data.decidedOn}</dd>
            <dt>执法机关</dt>
            <dd>{data.bureau}</dd>
            <dt>公示日期</dt>
            <dd>{data.publishedOn}</dd>
          </dl>
        </section>
      ) : null}
    </Page>
  );
}
