import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { actorText, Badge, ErrorBox, Loading, MineLink, Page, PageHeader } from '../../components/index.ts';
import { dateTime, todayShanghai } from '../../format.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { DecisionForms } from './decision.tsx';
import {
  buildQueue,
  countByKind,
  QUEUE_KIND_LABELS,
  QUEUE_KINDS,
  type QueueItem,
  type QueueSources,
} from './queue-data.ts';
import { ReviewFile } from './review-file.tsx';

/**
 * 法制审核: one queue of everything in the jurisdiction waiting for a legal reviewer — major penalties, blacklist
 * listings and removals, credit tier overrides, policy changes — the longest waiting first. Each row opens its file
 * (facts, basis, amounts, material) with the approve and reject forms; a decided row leaves the queue. A bureau
 * leader may look; the API refuses anyone but a legal reviewer the decisions.
 */
/** One read (GET /v1/legal-review/queue, answered from the jurisdiction's own queries), made into the queue's rows. */
async function loadQueue(): Promise<QueueItem[]> {
  return buildQueue(await api.get<QueueSources>('/v1/legal-review/queue'), todayShanghai());
}

export function LegalPage(props: PageProps) {
  const loaded = useLoad(loadQueue, []);
  const [decided, setDecided] = useState<readonly string[]>([]);
  const [open, setOpen] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const items = (loaded.data ?? []).filter((i) => !decided.includes(i.key));
  const counts = countByKind(items);
  const reviewer = props.claims.role === 'legal_reviewer';

  const onDecided = (item: QueueItem, text: string) => {
    setDecided((d) => [...d, item.key]);
    setOpen(undefined);
    setNotice(text);
    loaded.reload();
  };

  return (
    <Page name="legal" ready={loaded.settled && !loaded.loading}>
      <PageHeader title="法制审核" subtitle="辖区内等待法制审核的全部事项，等待最久的在前" />
      <ul class="lq-counts" data-testid="legal-counts">
        {QUEUE_KINDS.map((k) => (
          <li key={k} data-testid={`legal-count-${k}`} class={counts[k] ? 'lq-count-some' : ''}>
            <span class="lq-count-n">{counts[k]}</span>
            <span class="lq-count-label">{QUEUE_KIND_LABELS[k]}</span>
          </li>
        ))}
      </ul>
      {!reviewer ? <p class="muted lq-lookonly">您可查看待审事项；审核通过或不通过须由法制审核人员办理。</p> : null}
      <div class="fk-success lq-notice" role="status" data-testid="legal-notice">
        {notice ?? ''}
      </div>
      {!loaded.settled ? <Loading /> : null}
      <ErrorBox error={loaded.error} />
      {loaded.settled && !loaded.error && items.length === 0 ? (
        <p class="panel lq-empty" data-testid="legal-empty">
          没有等待法制审核的事项。
        </p>
      ) : null}
      {items.length ? (
        <div class="lq-list" data-testid="legal-queue">
          <div class="lq-head" aria-hidden="true">
            <span>类别</span>
            <span>煤矿</span>
            <span>事项</span>
            <span>提出人</span>
            <span>等待</span>
            <span />
          </div>
          {items.map((item) => (
            <QueueRow
              key={item.key}
              item={item}
              open={open === item.key}
              onToggle={() => setOpen(open === item.key ? undefined : item.key)}
              reviewer={reviewer}
              onDecided={(text) => onDecided(item, text)}
            />
          ))}
        </div>
      ) : null}
    </Page>
  );
}

function QueueRow(props: {
  item: QueueItem;
  open: boolean;
  onToggle: () => void;
  reviewer: boolean;
  onDecided: (text: string) => void;
}) {
  const { item } = props;
  const fileId = `legal-file-${item.key.replace(/\W+/g, '-')}`;
  return (
    <article
      class={`lq-row${props.open ? ' lq-open' : ''}`}
      data-testid={`legal-row-${item.key}`}
      data-kind={item.kind}
    >
      <div class="lq-summary">
        <span class="lq-kind">
          <Badge code={item.kind} text={QUEUE_KIND_LABELS[item.kind]} tone="info" />
        </span>
        <span class="lq-mine">
          {item.mineId ? <MineLink mineId={item.mineId} name={item.mineName} /> : <span class="muted">本辖区</span>}
        </span>
        <span class="lq-what">{item.what}</span>
        <span class="lq-by">
          <span class="lq-label">提出人：</span>
          {actorText(item.proposedBy)}
        </span>
        <span class="lq-since" title={dateTime(item.since)}>
          <span class="lq-label">等待：</span>
          <strong data-testid="legal-days">{item.daysWaiting === 0 ? '今天' : `${item.daysWaiting} 天`}</strong>
          <span class="muted lq-since-day">（{todayShanghai(new Date(item.since))} 起）</span>
        </span>
        <span class="lq-open-btn">
          <button
            type="button"
            class={`btn ${props.open ? '' : 'btn-primary'}`}
            aria-expanded={props.open ? 'true' : 'false'}
            aria-controls={fileId}
            data-testid="legal-open"
            onClick={props.onToggle}
          >
            {props.open ? '收起' : props.reviewer ? '审阅' : '查看'}
          </button>
        </span>
      </div>
      {props.open ? (
        <div id={fileId} class="lq-detail">
          <ReviewFile item={item} />
          {props.reviewer ? <DecisionForms item={item} onDecided={props.onDecided} /> : null}
        </div>
      ) : null}
    </article>
  );
}
