import type { PeriodicDuty } from '../../types.ts';
import { dutyNote } from './due-notes.ts';
import type { Part } from './mine-file.ts';
import { DueRow, TableSection } from './section.tsx';

/** 定期工作: the gas-grade appraisal and the emergency drills, when each was last done and when it is next due. */
export function DutiesSection({ duties }: { duties: Part<readonly PeriodicDuty[]> }) {
  return (
    <TableSection
      id="duties"
      title="瓦斯等级鉴定与应急演练"
      part={duties}
      empty="未登记"
      headers={['事项', '上次完成', '结果 / 记录', '周期', '下次到期', '剩余']}
      row={(d) => (
        <DueRow key={d.duty} testid="duty" state={d.state} note={dutyNote(d.state, d.daysToDue)}>
          <td>{d.label}</td>
          <td>{d.lastDoneOn}</td>
          <td>{[d.resultGradeLabel, d.reference].filter(Boolean).join(' · ') || '—'}</td>
          <td>{d.intervalMonths} 个月</td>
          <td>{d.nextDueOn}</td>
        </DueRow>
      )}
    />
  );
}
