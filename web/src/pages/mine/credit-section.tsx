import { formatPoints } from '../../format.ts';
import type { Credit } from '../../types.ts';
import type { Part } from './mine-file.ts';
import { Empty, MineTable, Section, WithPart } from './section.tsx';

/**
 * 安全信用: the tier and score with every record that moved it, its points and the day it stops counting (when the
 * mine's credit repairs itself), and what the tier means for supervision.
 */
export function CreditSection({ credit }: { credit: Part<Credit> }) {
  return (
    <Section id="credit" title="安全信用">
      <WithPart part={credit}>
        {(c) => (
          <>
            <p class="credit-summary">
              <span class={`credit-tier tier-${c.tier}`} data-testid="credit-tier">
                {c.tier}
              </span>
              <span>
                {c.tierLabel}，得分 <strong data-testid="credit-score">{c.score}</strong>
                {c.scoreTier !== c.tier && `（按分数为 ${c.scoreTier} 级）`}，自 {c.tierSince} 起
                {c.provisional && '（尚未经夜间评定，为即时测算）'}
              </span>
            </p>
            {c.forced.length > 0 && (
              <ul class="credit-forced">
                {c.forced.map((f) => (
                  <li key={f.rule}>强制评为 D 级：{f.label}</li>
                ))}
              </ul>
            )}
            {c.override && (
              <p>
                经法制审核调整为 {c.override.tier} 级，至 {c.override.endsOn}：{c.override.reason}
              </p>
            )}
            {c.items.length === 0 ? (
              <Empty text="评价期内无扣分或加分事项" />
            ) : (
              <MineTable headers={['事项', '日期', '分值', '停止计入日期']}>
                {c.items.map((item, i) => (
                  <tr key={`${item.rule}-${item.recordId ?? i}`} data-testid="credit-item">
                    <td>
                      {item.label}
                      {item.serious && <span class="tone-bad">（严重）</span>}
                    </td>
                    <td>{item.date ?? '—'}</td>
                    <td class={`num ${item.points < 0 ? 'tone-bad' : 'tone-ok'}`}>{formatPoints(item.points)}</td>
                    <td>{item.stopsCountingOn ?? '—'}</td>
                  </tr>
                ))}
              </MineTable>
            )}
            <p class="mine-muted">
              扣分 {c.deductions}，加分 {c.bonuses}
              {c.nextRepairOn && `；最近一项于 ${c.nextRepairOn} 停止计入`}。每年计划检查 {c.inspectionsPerYear}{' '}
              次，上次检查
              {c.lastInspectionOn ?? '无记录'}，下次应检查 {c.nextInspectionDue}。
            </p>
          </>
        )}
      </WithPart>
    </Section>
  );
}
