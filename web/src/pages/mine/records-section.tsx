import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { DIRECTIVE_KIND_LABELS } from '#lib/directives/vocabulary.ts';
import { dayOf, formatYuan } from '../../format.ts';
import type { Accident, MineRecord, NamedPerson } from '../../types.ts';
import { deadlineText, directiveHref, itemsProgress } from '../directives/directive-text.ts';
import { type CorrectableKind, CorrectPersons, type KeyPerson } from '../persons/responsible.tsx';
import { RecordAccident } from './accident-form.tsx';
import { personFileHref } from './people-sections.tsx';
import { Empty, Section } from './section.tsx';

/** How a bureau user corrects a record's responsible persons: the mine's key persons to choose from. */
export interface PersonsCorrection {
  readonly persons: readonly KeyPerson[] | undefined;
}

/**
 * The responsible persons a record names, and for a bureau user who records the button that corrects them (the
 * answer's list then shows in place).
 */
function Named(props: {
  mineId: string;
  kind: CorrectableKind;
  recordId: string;
  persons: readonly NamedPerson[] | undefined;
  correction: PersonsCorrection | undefined;
}) {
  const [named, setNamed] = useState(props.persons ?? []);
  return (
    <>
      <Responsible mineId={props.mineId} persons={named} />
      {props.correction ? (
        <CorrectPersons
          kind={props.kind}
          recordId={props.recordId}
          named={named}
          persons={props.correction.persons}
          onDone={setNamed}
        />
      ) : null}
    </>
  );
}

/** The responsible key persons a record names, each a link to the person's file. */
function Responsible({ mineId, persons }: { mineId: string; persons: readonly NamedPerson[] | undefined }) {
  if (!persons?.length) return null;
  return (
    <span class="responsible" data-testid="responsible">
      （责任人：
      {persons.map((p, i) => (
        <span key={p.personId}>
          {i > 0 && '、'}
          <a href={personFileHref(mineId, p.personId)}>
            {p.roleLabel}
            {p.name}
          </a>
        </span>
      ))}
      ）
    </span>
  );
}

function Block({
  id,
  title,
  count,
  action,
  children,
}: {
  id: string;
  title: string;
  count: number;
  /** What a bureau recorder may add here. */
  action?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="record-block" data-testid={`records-${id}`}>
      <h3>
        {title}（{count}）
      </h3>
      {action}
      {count === 0 ? <Empty /> : <ul class="record-list">{children}</ul>}
    </div>
  );
}

/**
 * 执法记录: open hazards and the recent violations, penalties, inspections, 督办函 and 监管监察意见书, and accidents,
 * newest first.
 */
export function RecordsSection({ record, correction }: { record: MineRecord; correction?: PersonsCorrection }) {
  const mineId = record.mine.mineId;
  const { openHazards, violations, penalties, inspections, directives } = record;
  // An accident recorded on this page, listed first as the API answered it.
  const [recorded, setRecorded] = useState<readonly Accident[]>([]);
  const accidents = [...recorded, ...record.accidents];
  return (
    <Section id="records" title="执法记录">
      <Block id="hazards" title="未销号隐患" count={openHazards.length}>
        {openHazards.map((h) => (
          <li key={h.hazardId}>
            <strong class={h.levelLabel.includes('重大') ? 'tone-bad' : ''}>{h.levelLabel}</strong>
            {h.categoryName && `·${h.categoryName}`}：
            <a href={`#/hazards/${encodeURIComponent(h.hazardId)}`}>{h.description}</a>（{h.location}，{h.foundOn}{' '}
            发现，
            {h.statusLabel}
            ，整改期限 {h.deadline}
            {h.overdue && <span class="tone-bad">，已逾期</span>}）
          </li>
        ))}
      </Block>
      <Block id="violations" title="违法违规行为" count={violations.length}>
        {violations.map((v) => (
          <li key={v.violationId}>
            {v.date} 第 {v.categoryNo} 类 {v.categoryName}：{v.description}
            <Named
              mineId={mineId}
              kind="violation"
              recordId={v.violationId}
              persons={v.responsiblePersons}
              correction={correction}
            />
          </li>
        ))}
      </Block>
      <Block id="penalties" title="行政处罚" count={penalties.length}>
        {penalties.map((p) => (
          <li key={p.penaltyId}>
            {dayOf(p.effectiveOn ?? p.proposedAt)} {p.kindLabel}
            {p.amountYuan !== undefined && ` ${formatYuan(p.amountYuan)}`}
            {p.major && '（重大执法决定）'}：{p.description}（{p.statusLabel}
            {p.decisionNo && `，${p.decisionNo}`}
            {p.overdue && <span class="tone-bad">，逾期未执行</span>}）
            <Named
              mineId={mineId}
              kind="penalty"
              recordId={p.penaltyId}
              persons={p.responsiblePersons}
              correction={correction}
            />
            {p.documentNo && (
              <a class="print-link" href={`#/print/penalty/${encodeURIComponent(p.penaltyId)}`}>
                打印决定书
              </a>
            )}
          </li>
        ))}
      </Block>
      <Block id="inspections" title="执法检查" count={inspections.length}>
        {inspections.map((i) => (
          <li key={i.inspectionId}>
            {i.date} {i.statusLabel}
            {i.overdue && <span class="tone-bad">（逾期）</span>}：{i.summary ?? i.purpose ?? ''}
            {i.inspectors.length > 0 && `（${i.inspectors.map((p) => p.name).join('、')}）`}
            {i.recordNo && (
              <a class="print-link" href={`#/print/inspection/${encodeURIComponent(i.inspectionId)}`}>
                打印检查记录
              </a>
            )}
          </li>
        ))}
      </Block>
      <Block id="directives" title="督办函与监管监察意见书" count={directives.length}>
        {directives.map((d) => (
          <li key={d.directiveId}>
            {d.date} {DIRECTIVE_KIND_LABELS[d.kind]}
            <a href={directiveHref(d)}>{d.documentNo}</a>：{d.subject}（{itemsProgress(d)}，办理期限 {d.deadline}
            {d.status === 'closed' ? (
              '，已办结'
            ) : d.overdue ? (
              <span class="tone-bad">，{deadlineText(d)}</span>
            ) : (
              `，${deadlineText(d)}`
            )}
            ）
          </li>
        ))}
      </Block>
      <Block
        id="accidents"
        title="生产安全事故"
        count={accidents.length}
        action={
          correction ? (
            <RecordAccident
              mineId={mineId}
              persons={correction.persons}
              onRecorded={(a) => setRecorded((r) => [a, ...r])}
            />
          ) : null
        }
      >
        {accidents.map((a) => (
          <li key={a.accidentId}>
            {a.date} <strong>{a.levelLabel}</strong>，死亡 {a.deaths} 人，重伤 {a.injuries} 人：{a.description}
            {a.concealed && <span class="tone-bad">（瞒报）</span>}
            {a.misreported && <span class="tone-bad">（谎报）</span>}
            <Named
              mineId={mineId}
              kind="accident"
              recordId={a.accidentId}
              persons={a.responsiblePersons}
              correction={correction}
            />
          </li>
        ))}
      </Block>
    </Section>
  );
}
