import { CaseLink } from '../../components/index.ts';
import { label, SEVERITY_LABELS } from '../../labels.ts';
import type { Case } from '../../types.ts';
import { Empty, Section } from './section.tsx';

/** 调查核实案件: the mine's cases still open or under investigation, each opening its own page. */
export function CasesSection({ cases }: { cases: readonly Case[] }) {
  return (
    <Section id="cases" title="在办调查核实案件">
      {cases.length === 0 ? (
        <Empty text="无在办案件" />
      ) : (
        <ul class="record-list">
          {cases.map((c) => (
            <li key={c.caseId} data-testid="open-case">
              <CaseLink caseId={c.caseId} text={c.ruleLabel} />（{label(SEVERITY_LABELS, c.severity)}，{c.statusLabel}，
              {c.openedOn} 立案，
              {c.deadline} 前办结{c.overdue && <span class="tone-bad">，已逾期</span>}）
              <div class="mine-muted">{c.firstFinding.message}</div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
