import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Badge, type Column, ErrorBox, Loading, MineLink, Page, PageHeader } from '../components/index.ts';
import { daysBetween, dueIn, todayShanghai } from '../format.ts';
import { href } from '../route-match.ts';
import type { PageProps } from '../routes.tsx';
import { useLoad } from '../use-load.ts';
import { PublicList } from './public/public-list.tsx';

/** A decision in force and its publication, as GET /v1/disclosures answers. */
interface DisclosureState {
  readonly penaltyId: string;
  readonly mineId: string;
  readonly mineName: string;
  readonly kindLabel: string;
  readonly decisionNo?: string;
  readonly effectiveOn: string;
  readonly dueBy: string;
  readonly state: 'due' | 'overdue' | 'published' | 'withdrawn';
  readonly stateLabel: string;
  readonly publishedOn?: string;
  readonly withdrawOn?: string;
  readonly withdrawnOn?: string;
  readonly withdrawnReason?: string;
  readonly version: number;
}

const TONES = { due: 'warn', overdue: 'bad', published: 'ok', withdrawn: 'muted' } as const;

/**
 * 执法公示 (the bureau's side): each decision in force, the last day it may be published, when it was, when it
 * leaves the public pages; the admin withdraws one early with a reason.
 */
export function DisclosuresPage(props: PageProps) {
  const { data, error, settled, reload } = useLoad(() => api.get<{ items: DisclosureState[] }>('/v1/disclosures'), []);
  const [acting, setActing] = useState<string>();
  const [reason, setReason] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const admin = props.claims.role === 'bureau_admin';
  const today = todayShanghai();

  const withdraw = async (d: DisclosureState) => {
    setActionError(undefined);
    try {
      await api.post(`/v1/disclosures/${d.penaltyId}/withdraw`, { version: d.version, reason: reason.trim() });
      setActing(undefined);
      setReason('');
      reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const columns: Column<DisclosureState>[] = [
    {
      key: 'mine',
      label: '煤矿',
      value: (d) => d.mineName,
      render: (d) => <MineLink mineId={d.mineId} name={d.mineName} />,
    },
    { key: 'kind', label: '处罚种类', value: (d) => d.kindLabel },
    { key: 'decisionNo', label: '决定书文号', value: (d) => d.decisionNo ?? '' },
    { key: 'effectiveOn', label: '生效日期', value: (d) => d.effectiveOn },
    {
      key: 'dueBy',
      label: '应公示截止',
      value: (d) => d.dueBy,
      render: (d) => (
        <span data-testid={`disclosure-due-${d.penaltyId}`}>
          {d.dueBy}
          {d.state === 'due' || d.state === 'overdue' ? (
            <span
              class={d.state === 'overdue' ? undefined : 'muted'}
              style={d.state === 'overdue' ? { color: 'var(--bad)' } : undefined}
            >
              （{dueIn(daysBetween(today, d.dueBy))}）
            </span>
          ) : d.publishedOn && d.publishedOn > d.dueBy ? (
            <span class="muted">（逾期 {daysBetween(d.dueBy, d.publishedOn)} 天公示）</span>
          ) : null}
        </span>
      ),
      wrap: true,
    },
    {
      key: 'state',
      label: '公示状态',
      value: (d) => d.stateLabel,
      render: (d) => (
        <Badge code={d.state} text={d.stateLabel} tone={TONES[d.state]} testid={`disclosure-state-${d.penaltyId}`} />
      ),
    },
    { key: 'publishedOn', label: '公示日期', value: (d) => d.publishedOn ?? '' },
    {
      key: 'until',
      label: '撤下日期',
      value: (d) => d.withdrawnOn ?? d.withdrawOn ?? '',
      render: (d) =>
        d.withdrawnOn
          ? `${d.withdrawnOn}（${d.withdrawnReason ?? ''}）`
          : d.withdrawOn
            ? `${d.withdrawOn}（期满）`
            : '',
      wrap: true,
    },
    {
      key: 'actions',
      label: '',
      sortable: false,
      exported: false,
      render: (d) =>
        d.state === 'published' ? (
          <span class="button-row">
            <a href={href(`/public/disclosures/${d.penaltyId}`)} data-testid={`disclosure-public-${d.penaltyId}`}>
              查看公示
            </a>
            {admin && acting !== d.penaltyId ? (
              <button
                type="button"
                class="btn btn-quiet"
                data-testid={`disclosure-withdraw-${d.penaltyId}`}
                onClick={() => {
                  setActing(d.penaltyId);
                  setReason('');
                }}
              >
                提前撤下
              </button>
            ) : null}
            {admin && acting === d.penaltyId ? (
              <>
                <input
                  class="fk-input"
                  data-testid="disclosure-withdraw-reason"
                  placeholder="撤下理由（如处罚决定已撤销）"
                  value={reason}
                  onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
                />
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={!reason.trim()}
                  data-testid="disclosure-withdraw-confirm"
                  onClick={() => withdraw(d)}
                >
                  确认撤下
                </button>
                <button type="button" class="btn btn-quiet" onClick={() => setActing(undefined)}>
                  取消
                </button>
              </>
            ) : null}
          </span>
        ) : null,
    },
  ];

  const overdue = data?.items.filter((d) => d.state === 'overdue').length ?? 0;
  const pending = data?.items.filter((d) => d.state === 'due').length ?? 0;
  return (
    <Page name="disclosures" ready={settled}>
      <PageHeader
        title="执法公示"
        subtitle={
          data
            ? `生效的行政处罚在执法公示策略规定的工作日内（扣除本局录入的节假日）自动公示，个人信息隐去，期满撤下；共 ${data.items.length} 项${pending ? `，${pending} 项待公示` : ''}${overdue ? `，${overdue} 项逾期未公示` : ''}；待公示的每天早晨提醒局领导，逾期后每天提醒`
            : undefined
        }
      >
        {admin ? <a href={href('/policies?policy=disclosure')}>公示期限与节假日</a> : null}
        <a href={href('/public/disclosures')}>公开页面</a>
      </PageHeader>
      <ErrorBox error={error ?? actionError} />
      {!settled ? <Loading /> : null}
      {data ? (
        // A card per decision on a phone: the deadline and the state are what an officer looks for there.
        <PublicList
          columns={columns}
          rows={data.items}
          rowKey={(d) => d.penaltyId}
          rowTestId={(d) => `disclosure-${d.penaltyId}`}
          testid="disclosures-table"
          empty="暂无生效的行政处罚"
        />
      ) : null}
    </Page>
  );
}
