import type { ComponentChildren } from 'preact';
import { num } from '../format.ts';
import { MINE_STATUS_LABELS, TIER_LABELS, TIERS } from '../labels.ts';
import type { OverviewFigures } from '../types.ts';

/**
 * The overview's figure cards, read from GET /v1/overview: mines by status and tier, last night's review, cases,
 * hazards (major ones apart), penalties and fines, deadlines. `linked`: each figure opens its list (the caller's own
 * jurisdiction; the lists read the caller's whole jurisdiction).
 */
export function Card(props: { title: string; href?: string | undefined; children: ComponentChildren; testid: string }) {
  return (
    <section class="card" data-testid={props.testid}>
      <h2>{props.href ? <a href={props.href}>{props.title}</a> : props.title}</h2>
      {props.children}
    </section>
  );
}

export function Figure(props: {
  label: string;
  value: number;
  href?: string | undefined;
  testid: string;
  tone?: string | undefined;
  text?: string;
}) {
  const body = (
    <>
      <span class={`figure-value ${props.tone ? `tone-${props.tone}` : ''}`} data-testid={props.testid}>
        {props.text ?? num(props.value)}
      </span>
      <span class="figure-label">{props.label}</span>
    </>
  );
  return <div class="figure">{props.href ? <a href={props.href}>{body}</a> : body}</div>;
}

const bad = (n: number) => (n > 0 ? 'bad' : undefined);
/** Fines in 万元 once they reach ten thousand yuan, else in 元. */
export const yuanText = (yuan: number): string => (yuan >= 10_000 ? `${num(yuan / 10_000)} 万` : num(yuan));

export function FigureCards(props: { figures: OverviewFigures; reviewDate: string; linked: boolean }) {
  const f = props.figures;
  const link = (href: string) => (props.linked ? href : undefined);
  const normal = Math.max(0, f.reviewed - f.anomalies - f.noData);
  return (
    <div class="cards">
      <Card title="煤矿" href={link('#/mines')} testid="card-mines">
        <div class="figures">
          <Figure label="辖区煤矿" value={f.mines} testid="stat-mines-total" href={link('#/mines')} />
          {(Object.keys(MINE_STATUS_LABELS) as (keyof typeof MINE_STATUS_LABELS)[])
            .filter((s) => (f[`status_${s}` as keyof OverviewFigures] ?? 0) > 0)
            .map((s) => (
              <Figure
                key={s}
                label={MINE_STATUS_LABELS[s]}
                value={f[`status_${s}` as keyof OverviewFigures]}
                testid={`stat-mines-${s}`}
                href={link(`#/mines?status=${s}`)}
              />
            ))}
        </div>
      </Card>
      <Card title="安全信用等级" href={link('#/credit')} testid="card-credit">
        <div class="figures">
          {TIERS.map((tier) => {
            const n = f[`tier_${tier}` as keyof OverviewFigures];
            return (
              <Figure
                key={tier}
                label={`${tier} 级 ${TIER_LABELS[tier]}`}
                value={n}
                testid={`stat-tier-${tier}`}
                href={link(`#/credit?tier=${tier}`)}
                tone={!n ? undefined : tier === 'D' ? 'bad' : tier === 'C' ? 'warn' : undefined}
              />
            );
          })}
        </div>
      </Card>
      <Card title={`用电审查（${props.reviewDate}）`} href={link(`#/review/${props.reviewDate}`)} testid="card-review">
        {f.reviewed === 0 ? (
          <p class="muted" data-testid="review-missing">
            {props.reviewDate} 的审查报告尚未生成（审查每晚运行）。
          </p>
        ) : (
          <div class="figures">
            <Figure label="异常" value={f.anomalies} testid="stat-verdict-anomaly" tone={bad(f.anomalies)} />
            <Figure label="未报数据" value={f.noData} testid="stat-verdict-no_data" />
            <Figure label="正常" value={normal} testid="stat-verdict-normal" />
          </div>
        )}
      </Card>
      <Card title="调查核实案件" href={link('#/cases')} testid="card-cases">
        <div class="figures">
          <Figure label="待办" value={f.casesOpen} testid="stat-cases-open" href={link('#/cases')} />
          <Figure
            label="逾期未办"
            value={f.casesOverdue}
            testid="stat-cases-overdue"
            href={link('#/cases?overdue=true')}
            tone={bad(f.casesOverdue)}
          />
        </div>
      </Card>
      <Card title="未销号隐患" href={link('#/hazards')} testid="card-hazards">
        <div class="figures">
          <Figure
            label="未销号"
            value={f.hazardsOpen}
            testid="stat-hazards-open"
            href={link('#/hazards?status=open')}
          />
          <Figure
            label="逾期未整改"
            value={f.hazardsOverdue}
            testid="stat-hazards-overdue"
            tone={bad(f.hazardsOverdue)}
          />
          <Figure
            label="重大隐患"
            value={f.majorHazardsOpen}
            testid="stat-hazards-major"
            tone={bad(f.majorHazardsOpen)}
          />
          <Figure
            label="重大隐患逾期"
            value={f.majorHazardsOverdue}
            testid="stat-hazards-major-overdue"
            tone={bad(f.majorHazardsOverdue)}
          />
        </div>
      </Card>
      <Card title="行政处罚与到期事项" testid="card-penalties">
        <div class="figures">
          <Figure label="本月处罚" value={f.penaltiesMonth} testid="stat-penalties-month" />
          <Figure
            label="本月罚款（元）"
            value={f.finesMonthYuan}
            text={yuanText(f.finesMonthYuan)}
            testid="stat-fines-month"
          />
          <Figure label="本年处罚" value={f.penaltiesYear} testid="stat-penalties-year" />
          <Figure
            label="本年罚款（元）"
            value={f.finesYearYuan}
            text={yuanText(f.finesYearYuan)}
            testid="stat-fines-year"
          />
          <Figure label="今后 30 日到期" value={f.deadlines30} testid="stat-deadlines" />
        </div>
      </Card>
    </div>
  );
}
