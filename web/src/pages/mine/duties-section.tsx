import { dutyNote } from './labels.ts';
import type { Part } from './mine-file.ts';
import { Empty, Section, WithPart } from './section.tsx';
import type { PeriodicDuty } from './types.ts';

/** 定期工作: the gas-grade appraisal and the emergency drills, when each was last done and when it is next due. */
export function DutiesSection({ duties }: { duties: Part<readonly PeriodicDuty[]> }) {
  return (
    <Section id="duties" title="瓦斯等级鉴定与应急演练">
      <WithPart part={duties}>
        {(items) =>
          items.length === 0 ? (
            <Empty text="未登记" />
          ) : (
            <table class="mine-table">
              <thead>
                <tr>
                  <th>事项</th>
                  <th>上次完成</th>
                  <th>结果 / 记录</th>
                  <th>周期</th>
                  <th>下次到期</th>
                  <th>剩余</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => {
                  const note = dutyNote(d.state, d.daysToDue);
                  return (
                    <tr key={d.duty} class={`row-${note.tone}`} data-testid="duty" data-state={d.state}>
                      <td>{d.label}</td>
                      <td>{d.lastDoneOn}</td>
                      <td>{[d.resultGradeLabel, d.reference].filter(Boolean).join(' · ') || '—'}</td>
                      <td>{d.intervalMonths} 个月</td>
                      <td>{d.nextDueOn}</td>
                      <td class={`tone-${note.tone}`}>{note.text}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </WithPart>
    </Section>
  );
}
