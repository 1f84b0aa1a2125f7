import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { actorText, Badge, MineLink } from '../components/index.ts';
import { ActionDone, ActionsPanel, HistoryPanel, RecordPage, useRecordAction } from '../components/record-page.tsx';
import { EvidencePanel } from '../evidence/evidence-panel.tsx';
import { dateTime, todayShanghai } from '../format.ts';
import { label, SCOPE_LABELS, SCOPES, SUBJECT_TYPE_LABELS } from '../labels.ts';
import type { PageProps } from '../routes.tsx';
import type { BlacklistEntry } from '../types.ts';
import { useLoad } from '../use-load.ts';
import {
  type ActionField,
  actionBody,
  allowedActions,
  BLACKLIST_ACTIONS,
  BLACKLIST_STEP_LABELS,
  type BlacklistActionName,
  type FormValues,
} from './blacklist-actions.ts';

/**
 * 名单记录: one entry with its subject, grounds and legal basis, the notice and objections, the decision and its
 * whole history; and the actions its state allows the signed-in role: the legal reviewer approves or rejects, the
 * squad and the leaders serve notice, record objections, submit for review, withdraw or ask for early removal; a
 * removal is revoked in two steps, proposed by a leader or a legal reviewer and approved by another legal reviewer.
 */
export function BlacklistEntryPage(props: PageProps) {
  const entryId = props.params.entryId!;
  const loaded = useLoad(() => api.get<BlacklistEntry>(`/v1/blacklist/${encodeURIComponent(entryId)}`), [entryId]);
  return (
    <RecordPage
      name="blacklist-entry"
      loaded={loaded}
      title={loaded.data ? `名单记录：${loaded.data.subjectName}` : '名单记录'}
      subtitle={entryId}
      back={{ href: '#/blacklist', text: '返回名单' }}
    >
      {(e) => (
        <>
          <dl class="facts">
            <dt>状态</dt>
            <dd>
              <Badge code={e.status} text={e.statusLabel} testid="blacklist-status" />
            </dd>
            <dt>主体类型</dt>
            <dd>{e.person ? `个人 · ${e.person.roleLabel}` : label(SUBJECT_TYPE_LABELS, e.subjectType)}</dd>
            {e.person ? (
              <>
                <dt>身份证号</dt>
                <dd>
                  <code>{e.person.residentIdMasked}</code>
                </dd>
              </>
            ) : null}
            <dt>企业</dt>
            <dd>{e.enterpriseName}</dd>
            <dt>统一社会信用代码</dt>
            <dd>
              <code>{e.creditCode}</code>
            </dd>
            <dt>所属煤矿</dt>
            <dd>
              <MineLink mineId={e.mineId} name={e.mineName} />
            </dd>
            <dt>限制范围</dt>
            <dd>{e.scopes.map((s) => label(SCOPE_LABELS, s)).join('、')}</dd>
            {e.decisionNo ? (
              <>
                <dt>决定书文号</dt>
                <dd>{e.decisionNo}</dd>
              </>
            ) : null}
            {e.listedOn ? (
              <>
                <dt>列入期间</dt>
                <dd>
                  {e.listedOn} 至 {e.endsOn}
                </dd>
              </>
            ) : null}
            {e.removedOn ? (
              <>
                <dt>提前移出日期</dt>
                <dd>{e.removedOn}</dd>
              </>
            ) : null}
            {e.expiredOn ? (
              <>
                <dt>期满移出日期</dt>
                <dd>{e.expiredOn}</dd>
              </>
            ) : null}
            {e.proposedBy ? (
              <>
                <dt>提议</dt>
                <dd>
                  {actorText(e.proposedBy)} {e.proposedAt ? dateTime(e.proposedAt) : ''}
                </dd>
              </>
            ) : null}
          </dl>
          <section class="panel">
            <h2>列入事由及法律依据</h2>
            <ul>
              {e.grounds.map((g) => (
                <li key={g.code}>
                  {g.name}
                  <span class="muted">（{g.basis}）</span>
                </li>
              ))}
            </ul>
          </section>
          {e.notice ? (
            <section class="panel">
              <h2>事先告知与陈述申辩</h2>
              <p>
                {e.notice.servedOn} 送达事先告知书{e.notice.noticeNo ? `（${e.notice.noticeNo}）` : ''}，陈述申辩期至{' '}
                {e.notice.objectionDeadline}。
              </p>
              {e.objections.length ? (
                <ul>
                  {e.objections.map((o) => (
                    <li key={o.objectionId}>
                      {o.receivedOn} 收到：{o.content}
                      {o.answer ? (
                        <div class="muted">
                          答复（{o.answer.upheld ? '理由成立' : '理由不成立'}）：{o.answer.text}
                        </div>
                      ) : (
                        <div class="warn-text">尚未答复</div>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">未收到陈述申辩。</p>
              )}
            </section>
          ) : null}
          {e.removalRequest ? (
            <section class="panel" data-testid="removal-request">
              <h2>提前移出申请（待法制审核）</h2>
              <p>
                {actorText(e.removalRequest.requestedBy)} 于 {dateTime(e.removalRequest.requestedAt)} 申请：
                {e.removalRequest.reason}
              </p>
              <p class="muted">信用修复材料：{e.removalRequest.evidence.join('；')}</p>
            </section>
          ) : null}
          {e.revocationRequest ? (
            <section class="panel" data-testid="revocation-request">
              <h2>撤销提前移出的提请（待另一名法制审核人员同意）</h2>
              <p>
                {actorText(e.revocationRequest.requestedBy)} 于 {dateTime(e.revocationRequest.requestedAt)} 提请：
                {e.revocationRequest.reason}
              </p>
              <p class="muted">查实弄虚作假的材料：{e.revocationRequest.evidence.join('；')}</p>
              <p class="muted">同意前仍为提前移出状态；提请人不能同意自己的提请。</p>
            </section>
          ) : null}
          <EntryActions entry={e} role={props.claims.role} onDone={loaded.reload} />
          <EvidencePanel
            target={{ mineId: e.mineId, recordKind: 'blacklist', recordId: e.entryId }}
            addSteps={props.claims.role === 'inspector' ? ['bureau'] : ['bureau', 'objection']}
          />
          <HistoryPanel steps={e.steps} labels={BLACKLIST_STEP_LABELS} />
        </>
      )}
    </RecordPage>
  );
}

function EntryActions(props: { entry: BlacklistEntry; role: PageProps['claims']['role']; onDone: () => void }) {
  const { entry } = props;
  const [open, setOpen] = useState<BlacklistActionName>();
  const [values, setValues] = useState<FormValues>({});
  const { busy, error, done, run, setError, setDone } = useRecordAction(props.onDone);
  const actions = allowedActions(entry, props.role);
  // After the last action the state may allow nothing more; the confirmation stays until the page is left.
  if (actions.length === 0 && !done) return null;

  const choose = (name: BlacklistActionName) => {
    setOpen(name);
    setError(undefined);
    setDone(undefined);
    const today = todayShanghai();
    const firstUnanswered = entry.objections.find((o) => !o.answer)?.objectionId ?? '';
    setValues({ servedOn: today, receivedOn: today, objectionId: firstUnanswered });
  };
  const submit = async () => {
    if (!open) return;
    const built = actionBody(open, entry.version, values);
    if ('missing' in built) {
      setError(new Error(`请填写：${built.missing.join('、')}`));
      return;
    }
    await run(
      () =>
        api
          .post(`/v1/blacklist/${encodeURIComponent(entry.entryId)}/actions`, built.body)
          .then(() => setOpen(undefined)),
      `已${BLACKLIST_ACTIONS[open].label}`,
    );
  };

  const spec = open ? BLACKLIST_ACTIONS[open] : undefined;
  return (
    <ActionsPanel testid="blacklist-actions" error={error}>
      <div class="button-row">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            class={`btn ${open === a ? 'btn-primary' : ''}`}
            data-testid={`blacklist-action-${a}`}
            disabled={busy}
            onClick={() => choose(a)}
          >
            {BLACKLIST_ACTIONS[a].label}
          </button>
        ))}
        <ActionDone text={done} />
      </div>
      {open && spec ? (
        <form
          class="action-form"
          data-testid={`blacklist-form-${open}`}
          onSubmit={(ev) => {
            ev.preventDefault();
            void submit();
          }}
        >
          <h3>{spec.label}</h3>
          {'hint' in spec && spec.hint ? <p class="muted">{spec.hint}</p> : null}
          {spec.fields.map((f: ActionField) => (
            <Field
              key={f.name}
              field={f}
              entry={entry}
              value={values[f.name]}
              onChange={(v) => setValues({ ...values, [f.name]: v })}
            />
          ))}
          <div class="button-row">
            <button type="submit" class="btn btn-primary" data-testid="blacklist-submit" disabled={busy}>
              {busy ? '正在提交…' : `确认${spec.label}`}
            </button>
            <button
              type="button"
              class="btn btn-quiet"
              data-testid="blacklist-cancel"
              disabled={busy}
              onClick={() => setOpen(undefined)}
            >
              取消
            </button>
          </div>
        </form>
      ) : null}
    </ActionsPanel>
  );
}

function Field(props: {
  field: ActionField;
  entry: BlacklistEntry;
  value: FormValues[string] | undefined;
  onChange: (value: FormValues[string]) => void;
}) {
  const { field: f } = props;
  const testid = `blacklist-field-${f.name}`;
  const text = typeof props.value === 'string' ? props.value : '';
  const caption = `${f.label}${f.required ? '（必填）' : ''}`;
  if (f.kind === 'checkbox') {
    return (
      <label class="field-inline">
        <input
          type="checkbox"
          data-testid={testid}
          checked={props.value === true}
          onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{f.label}</span>
      </label>
    );
  }
  if (f.kind === 'scopes') {
    const chosen = Array.isArray(props.value) ? (props.value as readonly string[]) : [];
    return (
      <fieldset class="field" data-testid={testid}>
        <legend>{caption}</legend>
        {SCOPES.map((s) => (
          <label key={s} class="field-inline">
            <input
              type="checkbox"
              value={s}
              checked={chosen.includes(s)}
              onChange={(e) =>
                props.onChange(
                  (e.currentTarget as HTMLInputElement).checked ? [...chosen, s] : chosen.filter((x) => x !== s),
                )
              }
            />
            <span>{SCOPE_LABELS[s]}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  const onInput = (e: Event) =>
    props.onChange((e.currentTarget as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value);
  let control: ComponentChildren;
  if (f.kind === 'objection') {
    control = (
      <select data-testid={testid} value={text} onChange={onInput}>
        {props.entry.objections
          .filter((o) => !o.answer)
          .map((o) => (
            <option key={o.objectionId} value={o.objectionId}>
              {o.receivedOn}：{o.content.slice(0, 40)}
            </option>
          ))}
      </select>
    );
  } else if (f.kind === 'textarea' || f.kind === 'lines') {
    control = <textarea data-testid={testid} rows={f.kind === 'lines' ? 3 : 2} value={text} onInput={onInput} />;
  } else {
    control =
      f.kind === 'date' ? (
        <input data-testid={testid} type="date" value={text} onInput={onInput} />
      ) : (
        <input data-testid={testid} type="text" value={text} onInput={onInput} />
      );
  }
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the select, input or textarea built above
    <label class="field">
      <span>{caption}</span>
      {control}
    </label>
  );
}
