import { useState } from 'preact/hooks';
import { DIRECTIVE_KIND_LABELS, DIRECTIVE_STATUS_LABELS, ITEM_STATE_LABELS } from '#lib/directives/vocabulary.ts';
import { api } from '../../api.ts';
import { actorText, Badge, ErrorBox } from '../../components/index.ts';
import { ActionDone, RecordPage, recordSubtitle, useRecordAction } from '../../components/record-page.tsx';
import { EvidencePanel } from '../../evidence/evidence-panel.tsx';
import { dateTime } from '../../format.ts';
import type { PageProps } from '../../routes.tsx';
import type { Directive } from '../../types.ts';
import { useLoad } from '../../use-load.ts';
import { deadlineText, ISSUER_ROLES, itemsProgress } from './directive-text.ts';

/**
 * 一份督办文书: what the bureau issued (number, date, subject, deadline, issuer), then each item with its rounds of
 * answers and decisions. The mine user answers an open or returned item (text, and files it added to the document's
 * 答复材料); the bureau accepts an answer or returns it with a reason. The last acceptance closes the document.
 */
type Item = Directive['items'][number];
interface Attachment {
  readonly attachmentId: string;
  readonly step: string;
  readonly fileName: string;
}

const ITEM_TONES = { open: 'warn', replied: 'warn', returned: 'bad', accepted: 'ok' } as const;

export function DirectivePage(props: PageProps) {
  const mineId = props.params.mineId!;
  const directiveId = props.params.directiveId!;
  const base = `/v1/mines/${encodeURIComponent(mineId)}/directives/${encodeURIComponent(directiveId)}`;
  const loaded = useLoad(async () => {
    const [d, files] = await Promise.all([
      api.get<Directive>(base),
      api
        .get<{ items: Attachment[] }>(
          `/v1/mines/${encodeURIComponent(mineId)}/evidence/directive/${encodeURIComponent(directiveId)}`,
        )
        .catch(() => ({ items: [] as Attachment[] })),
    ]);
    return { d, files: files.items.filter((f) => f.step === 'reply') };
  }, [base]);
  const d = loaded.data?.d;
  const role = props.claims.role;
  const answering = role === 'mine_user';
  const reviewing = ISSUER_ROLES.includes(role);
  return (
    <RecordPage
      name="directive"
      loaded={loaded}
      title={d ? `${DIRECTIVE_KIND_LABELS[d.kind]} ${d.documentNo}` : '督办文书'}
      subtitle={recordSubtitle(directiveId, d ? { mineId: d.mineId, mineName: d.mineName ?? d.mineId } : undefined)}
      back={{ href: '#/directives', text: '返回督办函件' }}
    >
      {({ d, files }) => (
        <>
          <dl class="facts">
            <dt>状态</dt>
            <dd>
              <Badge
                text={DIRECTIVE_STATUS_LABELS[d.status]}
                tone={d.status === 'closed' ? 'ok' : 'warn'}
                testid="directive-status"
              />
              {d.overdue ? <Badge text="已逾期" tone="bad" /> : null} {itemsProgress(d)}
            </dd>
            <dt>事由</dt>
            <dd>{d.subject}</dd>
            <dt>签发日期</dt>
            <dd>{d.date}</dd>
            <dt>办理期限</dt>
            <dd data-testid="directive-deadline">
              {d.deadline}（{deadlineText(d)}）
            </dd>
            <dt>签发机关</dt>
            <dd>
              {d.issuer.name}（{actorText(d.issuedBy)}）
            </dd>
            <dt>文书</dt>
            <dd>
              <a
                class="print-link"
                href={`#/print/directive/${encodeURIComponent(d.mineId)}/${encodeURIComponent(d.directiveId)}`}
              >
                打印{DIRECTIVE_KIND_LABELS[d.kind]}
              </a>
            </dd>
          </dl>
          {d.items.map((item) => (
            <ItemPanel
              key={item.no}
              d={d}
              item={item}
              files={files}
              base={base}
              answering={answering && d.status === 'open' && (item.state === 'open' || item.state === 'returned')}
              reviewing={reviewing && item.state === 'replied'}
              onDone={loaded.reload}
            />
          ))}
          <EvidencePanel
            target={{ mineId: d.mineId, recordKind: 'directive', recordId: d.directiveId }}
            addSteps={answering && d.status === 'open' ? ['reply'] : []}
          />
        </>
      )}
    </RecordPage>
  );
}

function ItemPanel(props: {
  d: Directive;
  item: Item;
  files: readonly Attachment[];
  base: string;
  answering: boolean;
  reviewing: boolean;
  onDone: () => void;
}) {
  const { d, item } = props;
  return (
    <section class="panel" data-testid={`directive-item-${item.no}`}>
      <h2>
        第 {item.no} 项{' '}
        <Badge text={ITEM_STATE_LABELS[item.state]} tone={ITEM_TONES[item.state]} testid={`item-state-${item.no}`} />
      </h2>
      <p>{item.text}</p>
      {item.replies.length ? (
        <ol class="steps">
          {item.replies.map((r, i) => (
            <li key={i}>
              <div>
                <strong>答复</strong> {dateTime(r.at)} · {actorText(r.by)}
                {r.late ? <Badge text="逾期答复" tone="bad" /> : null}
              </div>
              <p class="wrap">{r.text}</p>
              {r.files.length ? <p class="muted">附：{r.files.map((f) => f.fileName).join('、')}</p> : null}
              {r.review ? (
                <div class={r.review.outcome === 'accept' ? 'tone-ok' : 'tone-bad'}>
                  {r.review.outcome === 'accept' ? '已采纳' : `已退回：${r.review.reason ?? ''}`}（
                  {dateTime(r.review.at)} · {actorText(r.review.by)}）
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">尚未答复</p>
      )}
      {props.answering ? <ReplyForm {...props} version={d.version} /> : null}
      {props.reviewing ? <ReviewForm {...props} version={d.version} /> : null}
    </section>
  );
}

function ReplyForm(props: {
  item: Item;
  files: readonly Attachment[];
  base: string;
  version: number;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { busy, error, done, run } = useRecordAction(props.onDone);
  const no = props.item.no;
  const submit = () =>
    run(
      () =>
        api.post(`${props.base}/items/${no}/reply`, {
          text: text.trim(),
          ...(chosen.length ? { attachmentIds: chosen } : {}),
          version: props.version,
        }),
      `第 ${no} 项已答复`,
    );
  return (
    <div class="actions" data-testid={`reply-form-${no}`}>
      <label class="field">
        <span>答复内容</span>
        <textarea
          data-testid={`reply-text-${no}`}
          rows={3}
          maxLength={4000}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      {props.files.length ? (
        <fieldset class="field">
          <legend>附上已上传的答复材料</legend>
          {props.files.map((f) => (
            <label key={f.attachmentId} class="filter">
              <input
                type="checkbox"
                checked={chosen.includes(f.attachmentId)}
                onChange={(e) =>
                  setChosen(
                    (e.currentTarget as HTMLInputElement).checked
                      ? [...chosen, f.attachmentId]
                      : chosen.filter((c) => c !== f.attachmentId),
                  )
                }
              />
              <span>{f.fileName}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p class="muted">如需附证据材料，请先在下方“答复材料”中上传，再刷新本页勾选。</p>
      )}
      <div class="button-row">
        <button
          type="button"
          class="btn btn-primary"
          data-testid={`reply-submit-${no}`}
          disabled={busy || !text.trim()}
          onClick={() => void submit()}
        >
          提交答复
        </button>
        <ActionDone text={done} />
      </div>
      <ErrorBox error={error} />
    </div>
  );
}

function ReviewForm(props: { item: Item; base: string; version: number; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, done, run } = useRecordAction(props.onDone);
  const no = props.item.no;
  const decide = (outcome: 'accept' | 'return') =>
    run(
      () =>
        api.post(`${props.base}/items/${no}/review`, {
          outcome,
          ...(outcome === 'return' ? { reason: reason.trim() } : {}),
          version: props.version,
        }),
      outcome === 'accept' ? `第 ${no} 项已采纳` : `第 ${no} 项已退回`,
    );
  return (
    <div class="actions" data-testid={`review-form-${no}`}>
      <label class="field">
        <span>退回理由（退回时必填）</span>
        <textarea
          data-testid={`review-reason-${no}`}
          rows={2}
          maxLength={500}
          value={reason}
          onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="button-row">
        <button
          type="button"
          class="btn btn-primary"
          data-testid={`review-accept-${no}`}
          disabled={busy}
          onClick={() => void decide('accept')}
        >
          采纳
        </button>
        <button
          type="button"
          class="btn btn-danger"
          data-testid={`review-return-${no}`}
          disabled={busy || !reason.trim()}
          onClick={() => void decide('return')}
        >
          退回
        </button>
        <ActionDone text={done} />
      </div>
      <ErrorBox error={error} />
    </div>
  );
}
