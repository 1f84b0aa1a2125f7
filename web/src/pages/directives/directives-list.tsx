import { useState } from 'preact/hooks';
import { DIRECTIVE_KIND_LABELS, DIRECTIVE_STATUS_LABELS, type DirectiveKind } from '#lib/directives/vocabulary.ts';
import { api, getAll } from '../../api.ts';
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
} from '../../components/index.ts';
import { dateCell } from '../../export/download.ts';
import { isBureau } from '../../labels.ts';
import { navigate, replaceQuery } from '../../router.ts';
import type { PageProps } from '../../routes.tsx';
import type { Directive, Mine } from '../../types.ts';
import { useLoad } from '../../use-load.ts';
import { directiveHref, ISSUER_ROLES, itemsProgress } from './directive-text.ts';

/** 督办函件: the 督办函 and 监管监察意见书 of the jurisdiction (a mine user: its own), newest first, and issuing one. */
const columns: Column<Directive>[] = [
  {
    key: 'documentNo',
    label: '文号',
    value: (d) => d.documentNo,
    render: (d) => (
      <a href={directiveHref(d)} data-testid={`directive-link-${d.directiveId}`}>
        {d.documentNo}
      </a>
    ),
  },
  { key: 'kind', label: '文书', value: (d) => DIRECTIVE_KIND_LABELS[d.kind] },
  {
    key: 'mine',
    label: '煤矿',
    value: (d) => d.mineName ?? d.mineId,
    render: (d) => <MineLink mineId={d.mineId} name={d.mineName ?? d.mineId} />,
  },
  { key: 'subject', label: '事由', value: (d) => d.subject },
  { key: 'progress', label: '事项', value: (d) => itemsProgress(d) },
  {
    key: 'status',
    label: '状态',
    value: (d) => DIRECTIVE_STATUS_LABELS[d.status],
    render: (d) => (
      <>
        <Badge text={DIRECTIVE_STATUS_LABELS[d.status]} tone={d.status === 'closed' ? 'ok' : 'warn'} />
        {d.overdue ? <Badge text="已逾期" tone="bad" /> : null}
      </>
    ),
  },
  { key: 'date', label: '签发日期', value: (d) => d.date, exportValue: (d) => dateCell(d.date) },
  { key: 'deadline', label: '办理期限', value: (d) => d.deadline, exportValue: (d) => dateCell(d.deadline) },
];

export function DirectivesPage(props: PageProps) {
  const status = props.query.get('status') ?? '';
  const mineId = props.query.get('mineId') ?? '';
  const { data, error, settled } = useLoad(
    () => getAll<Directive>('/v1/directives', { status, mineId, limit: 200 }),
    [status, mineId],
  );
  const rows = data ?? [];
  const t = useExport('督办函件', columns, rows, { key: 'date', dir: 'desc' });
  const issuer = ISSUER_ROLES.includes(props.claims.role);
  return (
    <Page name="directives" ready={settled}>
      <PageHeader
        title="督办函件"
        subtitle={data ? `督办函、监管监察意见书 共 ${rows.length} 份` : undefined}
        onExport={t.onExport}
      >
        <Select
          label="状态"
          value={status}
          options={optionsOf(DIRECTIVE_STATUS_LABELS)}
          onChange={(v) => replaceQuery({ status: v, mineId })}
          testid="filter-status"
        />
        {mineId && isBureau(props.claims.role) ? (
          <a class="btn btn-quiet" href="#/directives">
            全部煤矿
          </a>
        ) : null}
      </PageHeader>
      {issuer ? <IssueForm mineId={mineId} /> : null}
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(d) => d.directiveId}
          rowTestId={(d) => `directive-row-${d.directiveId}`}
          rowClass={(d) => (d.overdue ? 'row-bad' : undefined)}
          empty="没有督办函件"
          testid="directives-table"
          {...t.table}
        />
      ) : null}
    </Page>
  );
}

/** 签发: the mine, the kind, the subject, one item per line, the deadline. */
function IssueForm(props: { mineId: string }) {
  const [open, setOpen] = useState(false);
  const mines = useLoad(() => (open ? getAll<Mine>('/v1/mines', { limit: 200 }) : Promise.resolve([])), [open]);
  const [form, setForm] = useState({
    mineId: props.mineId,
    kind: 'supervision_letter' as DirectiveKind,
    subject: '',
    items: '',
    deadline: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const lines = form.items
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (!open)
    return (
      <div class="button-row">
        <button type="button" class="btn btn-primary" data-testid="directive-new" onClick={() => setOpen(true)}>
          签发督办函 / 意见书
        </button>
      </div>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const d = await api.post<Directive>(`/v1/mines/${encodeURIComponent(form.mineId)}/directives`, {
        kind: form.kind,
        subject: form.subject.trim(),
        items: lines,
        deadline: form.deadline,
      });
      navigate(`/directives/${encodeURIComponent(d.mineId)}/${encodeURIComponent(d.directiveId)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel" data-testid="directive-form" onSubmit={submit}>
      <h2>签发督办函 / 监管监察意见书</h2>
      <div class="field-row">
        <label class="field">
          <span>煤矿</span>
          <select data-testid="directive-mine" value={form.mineId} onChange={set('mineId')} required>
            <option value="">请选择</option>
            {(mines.data ?? []).map((m) => (
              <option key={m.mineId} value={m.mineId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>文书种类</span>
          <select data-testid="directive-kind" value={form.kind} onChange={set('kind')}>
            {Object.entries(DIRECTIVE_KIND_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>办理期限</span>
          <input
            type="date"
            data-testid="directive-deadline"
            value={form.deadline}
            onInput={set('deadline')}
            required
          />
        </label>
      </div>
      <label class="field">
        <span>事由</span>
        <input data-testid="directive-subject" maxLength={500} value={form.subject} onInput={set('subject')} required />
      </label>
      <label class="field">
        <span>须答复的事项（每行一项，按行编号）</span>
        <textarea data-testid="directive-items" rows={4} value={form.items} onInput={set('items')} required />
      </label>
      <ErrorBox error={error} />
      <div class="button-row">
        <button
          type="submit"
          class="btn btn-primary"
          data-testid="directive-issue"
          disabled={busy || !form.mineId || !form.subject.trim() || lines.length === 0 || !form.deadline}
        >
          签发（{lines.length} 项）
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => setOpen(false)}>
          取消
        </button>
      </div>
    </form>
  );
}
