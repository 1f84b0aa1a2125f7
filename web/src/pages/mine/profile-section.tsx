import { formatTonnes } from '../../format.ts';
import {
  GAS_GRADE_LABELS,
  HYDROGEOLOGY_LABELS,
  label,
  MINE_STATUS_LABELS,
  STANDARDISATION_LABELS,
} from '../../labels.ts';
import type { Mine } from '../../types.ts';
import { Section } from './section.tsx';

/** 基本信息: who the mine is, what it may produce, how dangerous it is, and who at the bureau answers for it. */
export function ProfileSection({ mine }: { mine: Mine }) {
  const official = mine.assignedOfficial;
  const safety = mine.contacts?.safetyManager;
  return (
    <Section id="profile" title="基本信息">
      <dl class="mine-facts">
        <dt>煤矿名称</dt>
        <dd data-testid="mine-name">{mine.name}</dd>
        {mine.enterpriseName && (
          <>
            <dt>企业名称</dt>
            <dd>{mine.enterpriseName}</dd>
          </>
        )}
        <dt>统一社会信用代码</dt>
        <dd>
          <span class="mono">{mine.creditCode}</span>
          {!mine.creditCodeCheckValid && <span class="tone-warn">（校验位不符，请核对）</span>}
        </dd>
        <dt>状态</dt>
        <dd data-testid="mine-status">
          {mine.statusLabel || label(MINE_STATUS_LABELS, mine.status)}（自 {mine.statusSince} 起）
        </dd>
        <dt>核定生产能力</dt>
        <dd>{formatTonnes(mine.approvedCapacityTonnesPerYear)}</dd>
        <dt>瓦斯等级</dt>
        <dd>{label(GAS_GRADE_LABELS, mine.gasGrade)}</dd>
        <dt>水文地质类型</dt>
        <dd>{label(HYDROGEOLOGY_LABELS, mine.hydrogeology)}</dd>
        <dt>安全生产标准化等级</dt>
        <dd>{label(STANDARDISATION_LABELS, mine.standardisationGrade)}</dd>
        <dt>包保责任人</dt>
        <dd data-testid="assigned-official">
          {official ? `${official.name}${official.mobile ? `（${official.mobile}）` : ''}` : '未指定'}
        </dd>
        {safety && (
          <>
            <dt>安全负责人</dt>
            <dd>
              {safety.name}（{safety.mobile}）
            </dd>
          </>
        )}
        {mine.address && (
          <>
            <dt>地址</dt>
            <dd>{mine.address}</dd>
          </>
        )}
        <dt>辖区</dt>
        <dd class="mono">{mine.jurisdiction}</dd>
      </dl>
    </Section>
  );
}
