import { CIRCUIT_LABELS, label } from '../../labels.ts';
import { href } from '../../router.ts';
import type { Certificate, Equipment, Person } from '../../types.ts';
import { PendingCertificates } from '../persons/certificates.tsx';
import { licenceNote } from './due-notes.ts';
import type { Part } from './mine-file.ts';
import { DueRow, TableSection } from './section.tsx';

/** The address of a key person's file (个人档案), found through a mine. */
export const personFileHref = (mineId: string, personId: string) =>
  href(`/mines/${encodeURIComponent(mineId)}/persons/${encodeURIComponent(personId)}`);

/** 关键人员: the persons who answer for the mine; resident IDs arrive masked from the API and are shown as given. */
export function PersonsSection({ mineId, persons }: { mineId: string; persons: Part<readonly Person[]> }) {
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
          <td>
            <a href={personFileHref(mineId, p.personId)} data-testid="person-file-link" title="查看个人档案">
              {p.name}
            </a>
          </td>
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

/**
 * 人员证书: the safety managers' and special-operations workers' certificates, soonest expiry first; a mine's request
 * shows as waiting for approval until a bureau user accepts it.
 */
export function CertificatesSection({
  certificates,
  onDecided,
}: {
  certificates: Part<readonly Certificate[]>;
  /** A bureau user's approval or rejection of a pending registration (absent: the list only). */
  onDecided?: ((c: Certificate) => void) | undefined;
}) {
  return (
    <TableSection
      after={
        onDecided && certificates.ok ? (
          <PendingCertificates certificates={certificates.value} onDecided={onDecided} />
        ) : null
      }
      id="certificates"
      title="人员证书（安全管理人员、特种作业人员）"
      part={certificates}
      empty="未登记人员证书"
      headers={['类别', '持证人', '身份证号', '证书编号', '有效期至', '状态']}
      row={(c) => (
        <DueRow
          key={c.certificateId}
          testid="certificate"
          state={c.state ?? c.status}
          note={
            c.status === 'approved' && c.state
              ? licenceNote(c.state, c.daysToExpiry)
              : { text: c.statusLabel, tone: c.status === 'pending' ? 'warn' : 'bad' }
          }
        >
          <td>{c.operationLabel ?? c.kindLabel}</td>
          <td>{c.holderName}</td>
          <td class="mono">{c.residentIdMasked}</td>
          <td class="mono">{c.certificateNo}</td>
          <td>{c.expiresOn}</td>
        </DueRow>
      )}
    />
  );
}
