import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Page, PageHeader } from '../../components/index.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { CertificatesWork } from '../persons/certificates.tsx';
import { CommitmentSection } from './commitment.tsx';
import { DutiesSection } from './duties.tsx';
import { HazardsSection, SelfHazardSection } from './hazards.tsx';
import { ObjectionSection } from './objection.tsx';
import { ReadingsSection } from './readings.tsx';
import { RegisterSection } from './register.tsx';

/**
 * 本矿填报: what a mine's safety manager records for the bureau, one tab each — the day's meter readings (or a
 * month by CSV), self-found hazards with photos, the open hazards to rectify, the periodic duties, the yearly
 * safety commitment, register change requests, the certificates of its safety managers and special-operations
 * workers, and the blacklist notice's objection window. An inspector on site
 * opens the same page for a mine to record readings (they count as the bureau's).
 */
export interface SectionProps {
  readonly mineId: string;
  readonly role: string;
}

const TABS = [
  { key: 'readings', label: '用电读数', roles: ['mine_user', 'inspector'], Section: ReadingsSection },
  { key: 'self-hazard', label: '自查隐患', roles: ['mine_user'], Section: SelfHazardSection },
  { key: 'hazards', label: '隐患整改', roles: ['mine_user', 'inspector', 'bureau_admin'], Section: HazardsSection },
  { key: 'duties', label: '周期性工作', roles: ['mine_user', 'bureau_admin'], Section: DutiesSection },
  { key: 'commitment', label: '年度安全承诺', roles: ['mine_user', 'bureau_admin'], Section: CommitmentSection },
  { key: 'register', label: '台账变更申请', roles: ['mine_user', 'inspector'], Section: RegisterSection },
  { key: 'certificates', label: '人员证书', roles: ['mine_user'], Section: CertificatesWork },
  { key: 'objection', label: '陈述申辩', roles: ['mine_user'], Section: ObjectionSection },
] as const;

export function MineWorkPage(props: PageProps) {
  const mineId = props.params.mineId ?? props.claims.mineId;
  const role = props.claims.role;
  const tabs = TABS.filter((t) => (t.roles as readonly string[]).includes(role));
  const asked = props.query.get('tab');
  const [tab, setTab] = useState<string>(tabs.find((t) => t.key === asked)?.key ?? tabs[0]?.key ?? 'readings');
  const current = tabs.find((t) => t.key === tab) ?? tabs[0];
  // The mine's name for the header; the page works without it (the id is shown until it arrives).
  const mine = useLoad(
    () => (mineId ? api.get<{ name: string }>(`/v1/mines/${encodeURIComponent(mineId)}`) : Promise.resolve(undefined)),
    [mineId],
  );
  if (!mineId || !current)
    return (
      <Page name="mine-work" ready>
        <PageHeader title="本矿填报" />
        <p class="muted">您的账号没有关联煤矿，无法填报。</p>
      </Page>
    );
  const { Section } = current;
  return (
    <Page name="mine-work" ready>
      <PageHeader
        title={role === 'mine_user' ? '本矿填报' : '现场填报'}
        subtitle={
          <a href={`#/mines/${encodeURIComponent(mineId)}`} data-testid="work-mine">
            {mine.data?.name ?? mineId} · 一矿一档
          </a>
        }
      />
      <div class="work-tabs" role="tablist" aria-label="填报事项">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            class={`work-tab${t.key === current.key ? ' active' : ''}`}
            aria-selected={t.key === current.key ? 'true' : 'false'}
            data-testid={`work-tab-${t.key}`}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-testid={`work-section-${current.key}`} key={current.key}>
        <Section mineId={mineId} role={role} />
      </div>
    </Page>
  );
}
