import { getAll } from '../../api.ts';
import { href } from '../../router.ts';
import type { Acceptance } from '../../types.ts';
import { useLoad } from '../../use-load.ts';
import { Empty, PartError, Section } from './section.tsx';

/**
 * 复工复产验收: the mine's acceptances, newest first, each opening its own page; a stopped mine returns to producing
 * only through one of them.
 */
export function AcceptancesSection({ mineId }: { mineId: string }) {
  const loaded = useLoad(
    () => getAll<Acceptance>(`/v1/mines/${encodeURIComponent(mineId)}/acceptances`, { limit: 20 }, 20),
    [mineId],
  );
  return (
    <Section id="acceptances" title="复工复产验收">
      {loaded.error ? <PartError title="复工复产验收" /> : null}
      {loaded.data && loaded.data.length === 0 ? <Empty text="无复工复产验收" /> : null}
      {loaded.data && loaded.data.length > 0 ? (
        <ul class="record-list">
          {loaded.data.map((a) => (
            <li key={a.acceptanceId} data-testid="mine-acceptance">
              <a href={href(`/acceptances/${encodeURIComponent(a.acceptanceId)}`)}>{a.statusLabel}</a>（{a.date} 申请
              {a.approvedOn ? `，${a.approvedOn} 起恢复生产` : ''}
              {a.dueOn ? `，${a.dueOn} 前办理` : ''}）
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
