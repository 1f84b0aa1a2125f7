import type { ComponentChildren } from 'preact';
import { BLACKLIST_STEP_LABELS } from '#lib/blacklist/vocabulary.ts';
import { PENALTY_WORKFLOW } from '#lib/penalties/vocabulary.ts';
import { stepLabels } from '#lib/workflow/declaration.ts';
import { api } from '../../api.ts';
import { actorText, ErrorBox, Loading, MineLink, Steps } from '../../components/index.ts';
import { EvidencePanel } from '../../evidence/evidence-panel.tsx';
import { dateTime, formatYuan } from '../../format.ts';
import { SCOPE_LABELS } from '../../labels.ts';
import { recordHref } from '../../route-match.ts';
import { useLoad } from '../../use-load.ts';
import type { PenaltyDetail, QueueItem } from './queue-data.ts';

/** 案卷: what the reviewer decides on — the facts, the legal basis, the amounts, the material — and where the record lives. */
export function ReviewFile(props: { item: QueueItem }) {
  const { item } = props;
  return (
    <div class="lq-file" data-testid="legal-file">
      {item.kind === 'penalty' ? <PenaltyFile item={item} /> : null}
      {item.kind === 'blacklist' ? <BlacklistFile item={item} /> : null}
      {item.kind === 'override' ? <OverrideFile item={item} /> : null}
      {item.kind === 'policy' ? <PolicyFile item={item} /> : null}
    </div>
  );
}

type Of<K extends QueueItem['kind']> = Extract<QueueItem, { kind: K }>;

function Fact(props: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function PenaltyFile(props: { item: Of<'penalty'> }) {
  const p = props.item.penalty;
  const detail = useLoad(
    () => api.get<PenaltyDetail>(`/v1/penalties/${encodeURIComponent(p.penaltyId)}`),
    [p.penaltyId],
  );
  return (
    <>
      <dl class="facts">
        <Fact term="处罚种类">{p.kindLabel}</Fact>
        {p.amountYuan !== undefined ? <Fact term="罚款金额">{formatYuan(p.amountYuan)}</Fact> : null}
        {p.scope ? <Fact term="停产整顿范围">{p.scope}</Fact> : null}
        {p.from || p.to ? (
          <Fact term="期间">
            {p.from ?? '—'} 至 {p.to ?? '—'}
          </Fact>
        ) : null}
        {p.licenceAction ? (
          <Fact term="证照处理">{`${p.licenceAction === 'revoke' ? '吊销' : '暂扣'} ${p.licenceType ?? ''}`}</Fact>
        ) : null}
        <Fact term="违法事实">{p.description}</Fact>
        <Fact term="法律依据">{p.basis}</Fact>
        <Fact term="属重大执法决定">{p.majorReason}</Fact>
        <Fact term="决定书文号">{p.decisionNo ?? <span class="muted">审核通过时编号</span>}</Fact>
        <Fact term="煤矿">
          <MineLink mineId={p.mineId} name={p.mineName} />
        </Fact>
        <Fact term="提出">
          {actorText(p.proposedBy)} {dateTime(p.proposedAt)}
        </Fact>
        {p.submittedBy ? <Fact term="提交审核">{actorText(p.submittedBy)}</Fact> : null}
      </dl>
      <h3>所依据的违法行为</h3>
      {!detail.settled ? <Loading /> : null}
      <ErrorBox error={detail.error} />
      {detail.data ? (
        detail.data.violations.length ? (
          <ul class="lq-evidence">
            {detail.data.violations.map((v) => (
              <li key={v.violationId}>
                {v.date} {v.categoryName}：{v.description}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">未关联违法行为记录；事实见上。</p>
        )
      ) : null}
      <EvidencePanel
        target={{ mineId: p.mineId, recordKind: 'penalty', recordId: p.penaltyId }}
        addSteps={['decided']}
        title="证据材料"
      />
      <details class="lq-history">
        <summary>办理过程</summary>
        <Steps steps={p.steps} labels={PENALTY_STEP_LABELS} />
      </details>
    </>
  );
}

const PENALTY_STEP_LABELS = stepLabels(PENALTY_WORKFLOW);

function BlacklistFile(props: { item: Of<'blacklist'> }) {
  const { entry: e, step } = props.item;
  const request = step === 'removal' ? e.removalRequest : step === 'revocation' ? e.revocationRequest : undefined;
  return (
    <>
      <dl class="facts">
        <Fact term="主体">
          {e.subjectName}
          {e.person ? `（${e.person.roleLabel}，${e.person.residentIdMasked}）` : ''}
        </Fact>
        <Fact term="企业">
          {e.enterpriseName}（<code>{e.creditCode}</code>）
        </Fact>
        <Fact term="煤矿">
          <MineLink mineId={e.mineId} name={e.mineName} />
        </Fact>
        <Fact term="限制范围">{e.scopes.map((s) => SCOPE_LABELS[s]).join('、')}</Fact>
        {e.listedOn ? (
          <Fact term="列入期间">
            {e.listedOn} 至 {e.endsOn}
          </Fact>
        ) : null}
      </dl>
      <h3>列入事由及法律依据</h3>
      <ul class="lq-evidence">
        {e.grounds.map((g) => (
          <li key={g.code}>
            {g.name}
            <span class="muted">（{g.basis}）</span>
          </li>
        ))}
      </ul>
      {step === 'listing' && e.notice ? (
        <p>
          {e.notice.servedOn} 送达事先告知书，陈述申辩期至 {e.notice.objectionDeadline}；
          {e.objections.length ? `收到陈述申辩 ${e.objections.length} 份：` : '未收到陈述申辩。'}
        </p>
      ) : null}
      {step === 'listing' && e.objections.length ? (
        <ul class="lq-evidence">
          {e.objections.map((o) => (
            <li key={o.objectionId}>
              {o.receivedOn}：{o.content}
              {o.answer ? (
                <div class="muted">
                  答复（{o.answer.upheld ? '理由成立' : '理由不成立'}）：{o.answer.text}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {request ? (
        <>
          <h3>{step === 'removal' ? '提前移出申请' : '撤销提前移出的提请'}</h3>
          <p>
            {actorText(request.requestedBy)} 于 {dateTime(request.requestedAt)}：{request.reason}
          </p>
          <ul class="lq-evidence">
            {request.evidence.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={recordHref('/blacklist', e.entryId)} data-testid="legal-open-record">
          打开名单记录（全部办理过程）
        </a>
      </p>
      <details class="lq-history">
        <summary>办理过程</summary>
        <Steps steps={e.steps} labels={BLACKLIST_STEP_LABELS} />
      </details>
    </>
  );
}

function OverrideFile(props: { item: Of<'override'> }) {
  const o = props.item.override;
  return (
    <dl class="facts">
      <Fact term="煤矿">
        <MineLink mineId={o.mineId} name={o.mineName} />
      </Fact>
      <Fact term="调整为">{o.tier} 级</Fact>
      <Fact term="有效至">{o.endsOn}</Fact>
      <Fact term="调整理由">{o.reason}</Fact>
      <Fact term="提出">
        {actorText(o.proposedBy)} {dateTime(o.proposedAt)}
      </Fact>
    </dl>
  );
}

const show = (v: unknown): string =>
  v === undefined || v === null
    ? '—'
    : Array.isArray(v)
      ? v.join('、')
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

function PolicyFile(props: { item: Of<'policy'> }) {
  const c = props.item.change;
  return (
    <>
      <dl class="facts">
        <Fact term="策略">{props.item.policyLabel}</Fact>
        <Fact term="变更理由">{c.reason}</Fact>
        <Fact term="提出">
          {actorText(c.proposedBy)} {dateTime(c.proposedAt)}
        </Fact>
      </dl>
      <h3>须法制审核的设定</h3>
      <ul class="lq-evidence">
        {c.guarded.map((g) => (
          <li key={g.path}>
            {g.label}：{show(g.from)} → <strong>{show(g.to)}</strong>
          </li>
        ))}
      </ul>
    </>
  );
}
