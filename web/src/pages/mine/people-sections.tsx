import { CIRCUIT_LABELS, label } from './labels.ts';
import type { Part } from './mine-file.ts';
import { Empty, Section, WithPart } from './section.tsx';
import type { Equipment, Person } from './types.ts';

/** 关键人员: the persons who answer for the mine; resident IDs arrive masked from the API and are shown as given. */
export function PersonsSection({ persons }: { persons: Part<readonly Person[]> }) {
  return (
    <Section id="persons" title="关键人员">
      <WithPart part={persons}>
        {(items) =>
          items.length === 0 ? (
            <Empty text="未登记关键人员" />
          ) : (
            <table class="mine-table">
              <thead>
                <tr>
                  <th>职务</th>
                  <th>姓名</th>
                  <th>身份证号</th>
                  <th>手机</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.personId} data-testid="person">
                    <td>{p.roleLabel}</td>
                    <td>{p.name}</td>
                    <td class="mono">{p.residentIdMasked}</td>
                    <td>{p.mobile ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </WithPart>
    </Section>
  );
}

/** 用电设备台账: what the review's maintenance load is built from (the equipment that must run when stopped). */
export function EquipmentSection({ equipment }: { equipment: Part<readonly Equipment[]> }) {
  return (
    <Section id="equipment" title="用电设备">
      <WithPart part={equipment}>
        {(items) =>
          items.length === 0 ? (
            <Empty text="未登记用电设备" />
          ) : (
            <table class="mine-table">
              <thead>
                <tr>
                  <th>设备</th>
                  <th>回路</th>
                  <th>额定功率</th>
                  <th>停产时须运行</th>
                  <th>电表</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.equipmentId} data-testid="equipment">
                    <td>{e.name}</td>
                    <td>{label(CIRCUIT_LABELS, e.circuit)}</td>
                    <td class="num">{e.ratedKw} kW</td>
                    <td>{e.mustRunWhenStopped ? '是' : '否'}</td>
                    <td class="mono">{e.meterId ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </WithPart>
    </Section>
  );
}
