import { useState } from 'preact/hooks';
import { ACCEPTANCE_STATUS_LABELS } from '#lib/acceptance/vocabulary.ts';
import { api, getAll } from '../api.ts';
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
import { ActionDone, useRecordAction } from '../components/record-page.tsx';
import { dateCell } from '../export/download.ts';
import { replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import type { Acceptance } from '../types.ts';
import { useLoad } from '../use-load.ts';

/**
 * 复工验收: the jurisdiction's acceptances before a mine resumes production (a mine user's own), by status, with
 * the step each waits for; a mine user that is stopped applies here with its rectification report.
 */
const columns: Column<Acceptance>[] = [
  {
    key: 'mine',
    label: '煤矿',
    value: (a) => a.mineName,
    render: (a) => <MineLink mineId={a.mineId} name={a.mineName} />,
  },
  {
    key: 'status',
    label: '状态',
    value: (a) => a.statusLabel,
    render: (a) => (
      <a href={`#/acceptances/${encodeURIComponent(a.acceptanceId)}`} data-testid="acceptance-link">
        <Badge code={a.status === 'approved' ? 'A' : a.status === 'returned' ? 'C' : 'B'} text={a.statusLabel} />
      </a>
    ),
  },
  { key: 'date', label: '申请日期', value: (a) => a.date, exportValue: (a) => dateCell(a.date) },
  { key: 'dueOn', label: '办理期限', value: (a) => a.dueOn ?? '' },
  { key: 'check', label: '现场检查', value: (a) => a.check?.leader?.name ?? '', wrap: true },
  { key: 'approvedOn', label: '复产日期', value: (a) => a.approvedOn ?? '' },
];

export function AcceptancesPage(props: PageProps) {
  const status = props.query.get('status') ?? '';
  const mineId = props.query.get('mineId') ?? '';
  const loaded = useLoad(() => {
    const path = mineId ? `/v1/mines/${encodeURIComponent(mineId)}/acceptances` : '/v1/acceptances';
    return getAll<Acceptance>(path, { status: status || undefined, limit: 200 });
  }, [status, mineId]);
  const rows = loaded.data ?? [];
  const t = useExport('复工复产验收', columns, rows, { key: 'date', dir: 'desc' });
  const ownMine = props.claims.role === 'mine_user' ? props.claims.mineId : undefined;
  return (
    <Page name="acceptances" ready={loaded.settled}>
      <PageHeader
        title="复工复产验收"
        subtitle={
          loaded.data ? `共 ${rows.length} 项 · 停产、停产整顿、建设/技改煤矿须经验收通过方可恢复生产` : undefined
        }
        onExport={t.onExport}
      >
        <Select
          label="状态"
          value={status}
          options={optionsOf(ACCEPTANCE_STATUS_LABELS)}
          onChange={(v) => replaceQuery({ status: v || undefined, mineId: mineId || undefined })}
          testid="filter-status"
        />
      </PageHeader>
      {ownMine ? <ApplyForm mineId={ownMine} onDone={loaded.reload} /> : null}
      <ErrorBox error={loaded.error} />
      {!loaded.settled ? <Loading /> : null}
      {loaded.data ? (
        <Table
          columns={columns}
          rows={rows}
          rowKey={(a) => a.acceptanceId}
          rowTestId={(a) => `acceptance-row-${a.acceptanceId}`}
          empty="没有复工复产验收"
          testid="acceptances-table"
          {...t.table}
        />
      ) : null}
    </Page>
  );
}

/** The mine's application: its rectification report; the files are added on the acceptance's page. */
function ApplyForm(props: { mineId: string; onDone: () => void }) {
  const [report, setReport] = useState('');
  const { busy, error, done, run } = useRecordAction(props.onDone);
  const apply = () =>
    run(
      () =>
        api
          .post(`/v1/mines/${encodeURIComponent(props.mineId)}/acceptances`, { report: report.trim() })
          .then(() => setReport('')),
      '已提出申请，请在申请页面添加整改材料',
    );
  return (
    <section class="panel" data-testid="acceptance-apply">
      <h2>申请复工复产验收</h2>
      <p class="muted">本矿停产、停产整顿或建设/技改期间，整改完成后在此提出申请；验收通过前不得组织生产。</p>
      <label class="field">
        <span>整改报告（必填）：逐项说明整改内容和结果</span>
        <textarea
          data-testid="acceptance-report"
          rows={4}
          maxLength={4000}
          value={report}
          onInput={(e) => setReport((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="button-row">
        <button
          type="button"
          class="btn btn-primary"
          data-testid="acceptance-apply-submit"
          disabled={busy || !report.trim()}
          onClick={() => void apply()}
        >
          提出申请
        </button>
        <ActionDone text={done} />
      </div>
      <ErrorBox error={error} />
    </section>
  );
}
