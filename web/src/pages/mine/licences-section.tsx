import { licenceNote } from './labels.ts';
import type { Part } from './mine-file.ts';
import { Empty, Section, WithPart } from './section.tsx';
import type { Licence } from './types.ts';

/** 证照: each licence with its expiry and the days left; expiring ones stand out, expired ones more. */
export function LicencesSection({ licences }: { licences: Part<readonly Licence[]> }) {
  return (
    <Section id="licences" title="证照">
      <WithPart part={licences}>
        {(items) =>
          items.length === 0 ? (
            <Empty text="未登记证照" />
          ) : (
            <table class="mine-table">
              <thead>
                <tr>
                  <th>证照</th>
                  <th>编号</th>
                  <th>发证日期</th>
                  <th>有效期至</th>
                  <th>剩余</th>
                </tr>
              </thead>
              <tbody>
                {items.map((l) => {
                  const note = licenceNote(l.state, l.daysToExpiry);
                  return (
                    <tr key={l.type} class={`row-${note.tone}`} data-testid="licence" data-state={l.state}>
                      <td>{l.label}</td>
                      <td class="mono">{l.number}</td>
                      <td>{l.issuedOn}</td>
                      <td>{l.expiresOn}</td>
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
