import type { Licence } from '../../types.ts';
import { licenceNote } from './due-notes.ts';
import type { Part } from './mine-file.ts';
import { DueRow, TableSection } from './section.tsx';

/** 证照: each licence with its expiry and the days left; expiring ones stand out, expired ones more. */
export function LicencesSection({ licences }: { licences: Part<readonly Licence[]> }) {
  return (
    <TableSection
      id="licences"
      title="证照"
      part={licences}
      empty="未登记证照"
      headers={['证照', '编号', '发证日期', '有效期至', '剩余']}
      row={(l) => (
        <DueRow key={l.type} testid="licence" state={l.state} note={licenceNote(l.state, l.daysToExpiry)}>
          <td>{l.label}</td>
          <td class="mono">{l.number}</td>
          <td>{l.issuedOn}</td>
          <td>{l.expiresOn}</td>
        </DueRow>
      )}
    />
  );
}
