import { api } from '../api.ts';
import { Badge, type Column, MineLink, Table } from '../components/index.ts';
import { RecordPage } from '../components/record-page.tsx';
import { isBureau } from '../labels.ts';
import type { PageProps } from '../routes.tsx';
import { session } from '../session.ts';
import type { PersonFile } from '../types.ts';
import { useLoad } from '../use-load.ts';

/**
 * 个人档案: what a key person (关键少数) was named in across the mines the user may see — violations, accidents,
 * penalties, blacklist entries — and the posts they hold. Reached from a mine's key persons and from the records
 * that name them; the resident ID arrives masked and is shown as given.
 */
type Named = PersonFile['named'][number];
type Post = PersonFile['posts'][number];
type Listed = PersonFile['blacklist'][number];

const NAMED: readonly Column<Named>[] = [
  { key: 'date', label: '日期', value: (n) => n.date },
  { key: 'kind', label: '类别', value: (n) => n.kindLabel },
  { key: 'title', label: '事项', value: (n) => n.title, wrap: true },
  {
    key: 'mine',
    label: '煤矿',
    value: (n) => n.mineName,
    render: (n) => <MineLink mineId={n.mineId} name={n.mineName} />,
  },
  { key: 'roles', label: '认定时职务', value: (n) => n.roles.join('、') },
];
const POSTS: readonly Column<Post>[] = [
  {
    key: 'mine',
    label: '煤矿',
    value: (p) => p.mineName,
    render: (p) => <MineLink mineId={p.mineId} name={p.mineName} />,
  },
  { key: 'role', label: '职务', value: (p) => p.roleLabel },
];
const LISTED: readonly Column<Listed>[] = [
  {
    key: 'status',
    label: '状态',
    value: (e) => e.statusLabel,
    render: (e) => <Badge code={e.status} text={e.statusLabel} />,
  },
  {
    key: 'mine',
    label: '煤矿',
    value: (e) => e.mineName,
    render: (e) => <MineLink mineId={e.mineId} name={e.mineName} />,
  },
  { key: 'role', label: '列入时职务', value: (e) => e.roleLabel ?? '' },
  { key: 'listedOn', label: '列入日期', value: (e) => e.listedOn ?? '' },
  { key: 'endsOn', label: '届满日期', value: (e) => e.endsOn ?? '' },
  {
    key: 'entry',
    label: '名单记录',
    value: (e) => e.entryId,
    render: (e) => <a href={`#/blacklist/${encodeURIComponent(e.entryId)}`}>查看</a>,
    sortable: false,
  },
];

export function PersonFilePage(props: PageProps) {
  const mineId = props.params.mineId!;
  const personId = props.params.personId!;
  const loaded = useLoad(
    () => api.get<PersonFile>(`/v1/mines/${encodeURIComponent(mineId)}/persons/${encodeURIComponent(personId)}/file`),
    [mineId, personId],
  );
  const f = loaded.data;
  // The blacklist's own pages are the bureau's; a mine's staff see the entry's line here only.
  const listed = isBureau(session.claims()?.role) ? LISTED : LISTED.filter((c) => c.key !== 'entry');
  return (
    <RecordPage
      name="person-file"
      loaded={loaded}
      title={f ? `个人档案：${f.name}` : '个人档案'}
      subtitle={f ? <span class="mono">身份证号 {f.residentIdMasked}</span> : undefined}
      back={{ href: `#/mines/${encodeURIComponent(mineId)}`, text: '返回煤矿档案' }}
    >
      {(f) => (
        <>
          <p class="muted">只列出您有权查看的煤矿中的记录。</p>
          <section class="panel" data-testid="person-named">
            <h2>被认定为责任人的记录（{f.named.length}）</h2>
            <Table
              columns={NAMED}
              rows={f.named}
              rowKey={(n) => `${n.kind}-${n.recordId}`}
              rowTestId={(n) => `named-${n.kind}`}
              empty="暂无被认定为责任人的记录"
            />
          </section>
          <section class="panel" data-testid="person-blacklist">
            <h2>严重失信主体名单（{f.blacklist.length}）</h2>
            <Table columns={listed} rows={f.blacklist} rowKey={(e) => e.entryId} empty="未被列入或提请列入名单" />
          </section>
          <section class="panel" data-testid="person-posts">
            <h2>任职（关键人员登记）</h2>
            <Table columns={POSTS} rows={f.posts} rowKey={(p) => p.personId} empty="目前未在您可查看的煤矿登记任职" />
          </section>
        </>
      )}
    </RecordPage>
  );
}
