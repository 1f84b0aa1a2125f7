import { useState } from 'preact/hooks';
import { api, getAll } from '../api.ts';
import { Badge, type Column, ErrorBox, Loading, Page, PageHeader, Table, useExport } from '../components/index.ts';
import { announceUnreadChanged } from '../events.ts';
import { dateTime } from '../format.ts';
import {
  CHANNEL_LABELS,
  DELIVERY_STATUS_LABELS,
  isBureau,
  label,
  NOTICE_SEVERITY_LABELS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_STATUS_LABELS,
} from '../labels.ts';
import { replaceQuery } from '../router.ts';
import type { PageProps } from '../routes.tsx';
import type { InboxItem, NotificationRecord } from '../types.ts';
import { type Loaded, useLoad } from '../use-load.ts';

/**
 * 通知提醒: the signed-in user's inbox (mark read one by one); for the bureau also the jurisdiction's delivery log,
 * each notification with its deliveries by channel.
 */
export function NotificationsPage(props: PageProps) {
  const bureau = isBureau(props.claims.role);
  const unreadOnly = props.query.get('unread') === 'true';
  const inbox = useLoad(() => loadInbox(unreadOnly), [unreadOnly]);
  const log = useLoad(
    () => (bureau ? getAll<NotificationRecord>('/v1/notifications', { limit: 200 }, 1000) : Promise.resolve(undefined)),
    [bureau],
  );
  return (
    <Page name="notifications" ready={inbox.settled && log.settled}>
      <Inbox unreadOnly={unreadOnly} loaded={inbox} />
      {bureau ? <DeliveryLog loaded={log} /> : null}
    </Page>
  );
}

async function loadInbox(unreadOnly: boolean) {
  const items: InboxItem[] = [];
  let cursor: string | undefined;
  let unread = 0;
  do {
    const page = await api.get<{ items: InboxItem[]; unread: number; nextCursor: string | null }>(
      '/v1/me/notifications',
      { unread: unreadOnly ? 'true' : undefined, cursor, limit: 100 },
    );
    items.push(...page.items);
    unread = page.unread;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < 500);
  return { items, unread };
}

function Inbox(props: { unreadOnly: boolean; loaded: Loaded<{ items: InboxItem[]; unread: number }> }) {
  const { data, error, settled, reload } = props.loaded;
  const [marking, setMarking] = useState<string>();
  const [markError, setMarkError] = useState<unknown>();
  const markRead = async (id: string) => {
    setMarking(id);
    setMarkError(undefined);
    try {
      await api.post(`/v1/me/notifications/${encodeURIComponent(id)}/read`);
      announceUnreadChanged();
      reload();
    } catch (e) {
      setMarkError(e);
    } finally {
      setMarking(undefined);
    }
  };
  return (
    <section class="section" data-testid="inbox-section">
      <PageHeader
        title="我的通知"
        subtitle={data ? <span data-testid="unread-count">未读 {data.unread} 条</span> : undefined}
      >
        <label class="filter">
          <input
            type="checkbox"
            checked={props.unreadOnly}
            data-testid="filter-unread"
            onChange={(e) =>
              replaceQuery({ unread: (e.currentTarget as HTMLInputElement).checked ? 'true' : undefined })
            }
          />
          <span>仅看未读</span>
        </label>
      </PageHeader>
      <ErrorBox error={error ?? markError} />
      {!settled ? <Loading /> : null}
      {data ? (
        data.items.length ? (
          <ul class="inbox" data-testid="inbox">
            {data.items.map((n) => (
              <li
                key={n.notificationId}
                class={n.read ? 'read' : 'unread'}
                data-testid={`notification-${n.notificationId}`}
              >
                <div class="inbox-head">
                  <Badge code={n.severity} labels={NOTICE_SEVERITY_LABELS} />
                  <span class="muted">{label(NOTIFICATION_KIND_LABELS, n.kind)}</span>
                  <strong>{n.title}</strong>
                  <span class="muted inbox-time">{dateTime(n.createdAt)}</span>
                  {n.read ? (
                    <span class="muted">已读</span>
                  ) : (
                    <button
                      type="button"
                      class="btn btn-small"
                      data-testid={`notification-read-${n.notificationId}`}
                      disabled={marking === n.notificationId}
                      onClick={() => void markRead(n.notificationId)}
                    >
                      标为已读
                    </button>
                  )}
                </div>
                <div class="inbox-body">
                  {n.body}
                  {refLink(n.ref, n.mineId)}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{props.unreadOnly ? '没有未读通知' : '暂无通知'}</p>
        )
      ) : null}
    </section>
  );
}

/** Where a notification points: the case, the blacklist entry, or the mine's file. */
function refLink(ref: InboxItem['ref'], mineId: string | undefined) {
  if (ref?.entityType === 'case') return <a href={`#/cases/${encodeURIComponent(ref.entityId)}`}> 查看案件</a>;
  if (ref?.entityType === 'blacklistEntry')
    return <a href={`#/blacklist/${encodeURIComponent(ref.entityId)}`}> 查看名单记录</a>;
  if (mineId) return <a href={`#/mines/${encodeURIComponent(mineId)}`}> 查看煤矿档案</a>;
  return null;
}

/** Who a delivery went to: `mine:m-1` → 煤矿 m-1, `leaders:…` → 局领导, `user:u-1` → u-1, `partner:x` → 协同部门 x. */
export function addresseeText(addressee: string): string {
  const at = addressee.indexOf(':');
  const [kind, id] = at < 0 ? ['', addressee] : [addressee.slice(0, at), addressee.slice(at + 1)];
  if (kind === 'mine') return `煤矿 ${id}`;
  if (kind === 'leaders') return '局领导';
  if (kind === 'partner') return `协同部门 ${id}`;
  return id;
}

const deliverySummary = (n: NotificationRecord): string =>
  Object.values(n.deliveries ?? {})
    .map(
      (d) =>
        `${label(CHANNEL_LABELS, d.channel)}→${d.toMasked ?? addresseeText(d.addressee)}：${label(DELIVERY_STATUS_LABELS, d.status)}${d.holdUntil ? `（${dateTime(d.holdUntil)} 发送）` : ''}${d.lastError ? `（${d.lastError}）` : ''}`,
    )
    .join('；');

const logColumns: Column<NotificationRecord>[] = [
  {
    key: 'createdAt',
    label: '时间',
    value: (n) => n.createdAt,
    render: (n) => dateTime(n.createdAt),
    exportValue: (n) => dateTime(n.createdAt),
    width: '9em',
  },
  { key: 'kind', label: '类型', value: (n) => label(NOTIFICATION_KIND_LABELS, n.kind) },
  {
    key: 'severity',
    label: '级别',
    value: (n) => label(NOTICE_SEVERITY_LABELS, n.severity),
    render: (n) => <Badge code={n.severity} labels={NOTICE_SEVERITY_LABELS} />,
  },
  { key: 'title', label: '标题', value: (n) => n.title, wrap: true },
  {
    key: 'status',
    label: '状态',
    value: (n) => label(NOTIFICATION_STATUS_LABELS, n.status),
    render: (n) => <Badge code={n.status} labels={NOTIFICATION_STATUS_LABELS} />,
  },
  {
    key: 'deliveries',
    label: '投递情况',
    value: deliverySummary,
    sortable: false,
    wrap: true,
    render: (n) => <span class="small">{deliverySummary(n)}</span>,
  },
  {
    key: 'body',
    label: '内容',
    value: (n) => n.body,
    sortable: false,
    wrap: true,
    render: (n) => <span class="small">{n.body}</span>,
  },
];

function DeliveryLog(props: { loaded: Loaded<NotificationRecord[] | undefined> }) {
  const { data, error, settled } = props.loaded;
  const rows = data ?? [];
  const t = useExport('通知发送记录', logColumns, rows, { key: 'createdAt', dir: 'desc' });
  return (
    <section class="section" data-testid="delivery-log-section">
      <PageHeader title="辖区通知发送记录" subtitle={data ? `共 ${rows.length} 条` : undefined} onExport={t.onExport} />
      <ErrorBox error={error} />
      {!settled ? <Loading /> : null}
      {data ? (
        <Table
          columns={logColumns}
          rows={rows}
          rowKey={(n) => n.notificationId}
          rowTestId={(n) => `delivery-row-${n.notificationId}`}
          testid="delivery-log"
          {...t.table}
        />
      ) : null}
    </section>
  );
}
