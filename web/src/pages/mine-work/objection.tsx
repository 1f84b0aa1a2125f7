import type { SectionProps } from './mine-work-page.tsx';

/**
 * 陈述申辩: a mine reads its blacklist notice and objects within the window the notice gives. The API keeps the
 * notice and the objection on the bureau's side (the mine cannot read the blacklist entry, and the objection is
 * recorded by the bureau), so the mine is told how to object and where the bureau's record of it lives.
 */
export function ObjectionSection(_props: SectionProps) {
  return (
    <div class="work-section" data-testid="work-objection" data-ready="true">
      <section class="panel">
        <h2>对严重失信主体名单告知的陈述申辩</h2>
        <p>
          列入严重失信主体名单前，监管部门会向本矿送达《拟列入严重失信主体名单告知书》。本矿可在告知书载明的期限内
          （送达之日起计算）提出陈述申辩，并提交证明材料。
        </p>
        <p>
          目前告知书和陈述申辩由监管部门登记：请在期限内将书面陈述申辩及证明材料交给承办的监管人员，由其在系统中登记；
          逾期未提出的，视为放弃陈述申辩。
        </p>
        <p class="muted" data-testid="objection-unavailable">
          本系统暂不能由煤矿在线查看告知书或提交陈述申辩。
        </p>
      </section>
    </div>
  );
}
