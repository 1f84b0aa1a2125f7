import { CIRCUIT_LABELS, label } from '../../labels.ts';
import type { Equipment, Person } from '../../types.ts';
import type { Part } from './mine-file.ts';
import { TableSection } from './section.tsx';

/** 关键人员: the persons who answer for the mine; resident IDs arrive masked from the API and are shown as given. */
export function PersonsSection({ persons }: { persons: Part<readonly Person[]> }) {
  return (
    <TableSection
      id="persons"
      title="关键人员"
      part={persons}
      empty="未登记关键人员"
      headers={['职务', '姓名', '身份证号', '手机']}
      row={(p) => (
        <tr key={p.personId} data-testid="person">
          <td>{p.roleLabel}</td>
          <td>{p.name}</td>
          <td class="mono">{p.residentIdMasked}</td>
          <td>{p.mobile ?? '—'}</td>
        </tr>
      )}
    />
  );
}

/** 用电设备台账: what the review's maintenance load is built from (the equipment that must run when stopped). */
export function EquipmentSection({ equipment }: { equipment: Part<readonly Equipment[]> }) {
  return (
    <TableSection
      id="equipment"
      title="用电设备"
      part={equipment}
      empty="未登记用电设备"
      headers={['设备', '回路', '额定功率', '停产时须运行', '电表']}
      row={(e) => (
        <tr key={e.equipmentId} data-testid="equipment">
          <td>{e.name}</td>
          <td>{label(CIRCUIT_LABELS, e.circuit)}</td>
          <td class="num">{e.ratedKw} kW</td>
          <td>{e.mustRunWhenStopped ? '是' : '否'}</td>
          <td class="mono">{e.meterId ?? '—'}</td>
        </tr>
      )}
    />
  );
}
