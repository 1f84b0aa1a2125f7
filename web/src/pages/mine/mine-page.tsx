/**
 * 一矿一档: one mine's file on one page — profile, licences, key persons, equipment, safety credit, enforcement
 * records, open cases and the electricity review's charts. A bureau user reaches any mine of the jurisdiction; a
 * mine's own staff only their mine (the API answers 404 for another, and the page then shows nothing of it).
 */
import type { JSX } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { isIsoDate } from '../../charts/dates.ts';
import { Badge, Loading, Page } from '../../components/index.ts';
import { isBureau } from '../../labels.ts';
import { href, navigate } from '../../router.ts';
import { session } from '../../session.ts';
import type { Certificate } from '../../types.ts';
import { AcceptancesSection } from './acceptances-section.tsx';
import { CasesSection } from './cases-section.tsx';
import { CreditSection } from './credit-section.tsx';
import { DutiesSection } from './duties-section.tsx';
import { LicencesSection } from './licences-section.tsx';
import { loadMineFile } from './mine-file.ts';
import { addMinePageStyle } from './mine-page-style.ts';
import { CertificatesSection, EquipmentSection, PersonsSection } from './people-sections.tsx';
import { PowerSection } from './power-section.tsx';
import { ProfileSection } from './profile-section.tsx';
import { RecordsSection } from './records-section.tsx';
import { useLoad } from './use-load.ts';

addMinePageStyle();

export function MinePage(props: { params: Record<string, string>; query: URLSearchParams }): JSX.Element {
  const mineId = props.params.mineId ?? '';
  const dayParam = props.query.get('day');
  const day = isIsoDate(dayParam) ? dayParam : null;
  const file = useLoad(() => loadMineFile(mineId), [mineId]);
  const claims = session.claims();
  const bureau = isBureau(claims?.role);
  // Who records violations, accidents and penalties corrects their responsible persons and decides certificates.
  const recorder = claims?.role === 'bureau_admin' || claims?.role === 'inspector';
  // A certificate decided on this page, shown as the API answered it (the rest of the file stays as loaded).
  const [decided, setDecided] = useState<Readonly<Record<string, Certificate>>>({});
  // The chosen day goes into the address, so the view can be reloaded or sent on as a link.
  const pickDay = useCallback(
    (date: string) => navigate(`/mines/${encodeURIComponent(mineId)}`, { day: date }),
    [mineId],
  );

  if (file.state === 'loading') {
    return (
      <Page name="mine" ready={false}>
        <Loading text="正在加载煤矿档案…" />
      </Page>
    );
  }
  if (file.state === 'error') {
    const ownMine =
      claims?.role === 'mine_user' && claims.mineId && claims.mineId !== mineId ? claims.mineId : undefined;
    return (
      <Page name="mine" ready>
        <div class="mine-page mine-not-found" role="alert">
          <h1 class="mine-error" data-testid="error">
            {file.title}
          </h1>
          <p class="mine-muted">该煤矿不存在，或不在您的查看范围内。</p>
          {ownMine && <a href={href(`/mines/${encodeURIComponent(ownMine)}`)}>查看本矿档案</a>}
          {bureau && <a href={href('/mines')}>返回煤矿列表</a>}
        </div>
      </Page>
    );
  }

  const { record, licences, duties, persons, certificates, equipment, credit, power } = file.value;
  const { mine } = record;
  return (
    <Page name="mine" ready>
      <div class="mine-page" data-mine-id={mine.mineId}>
        <h1>
          <span>{mine.name}</span>
          <Badge code={mine.status} text={mine.statusLabel} testid="mine-status-badge" />
        </h1>
        {bureau && (
          <nav class="mine-actions" data-testid="bureau-actions" aria-label="监管操作">
            <a href={href('/mines')}>返回煤矿列表</a>
            <a href={href('/cases', { mineId: mine.mineId })}>本矿全部调查核实案件</a>
            {claims?.role === 'bureau_admin' && (
              <a href={href(`/admin/mines/${encodeURIComponent(mine.mineId)}`)} data-testid="mine-admin-link">
                维护档案（证照、关键人员、联系人）
              </a>
            )}
          </nav>
        )}
        {/* What a supervisor looks at first: who the mine is, its electricity curve, what is open against it. */}
        <ProfileSection mine={mine} />
        <PowerSection mineId={mine.mineId} power={power} day={day} onPickDay={pickDay} />
        <CasesSection cases={record.openCases} />
        <AcceptancesSection mineId={mine.mineId} />
        <CreditSection credit={credit} />
        <LicencesSection licences={licences} />
        <DutiesSection duties={duties} />
        <RecordsSection
          record={record}
          correction={recorder ? { persons: persons.ok ? persons.value : undefined } : undefined}
        />
        <PersonsSection mineId={mine.mineId} persons={persons} />
        <CertificatesSection
          certificates={
            certificates.ok
              ? { ok: true, value: certificates.value.map((c) => decided[c.certificateId] ?? c) }
              : certificates
          }
          onDecided={recorder ? (c) => setDecided((d) => ({ ...d, [c.certificateId]: c })) : undefined}
        />
        <EquipmentSection equipment={equipment} />
      </div>
    </Page>
  );
}
