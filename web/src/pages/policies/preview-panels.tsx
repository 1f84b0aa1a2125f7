import { label, ruleLabel, TIER_LABELS, VERDICT_LABELS } from '../../labels.ts';

/** The answers of the previews, as the policies page shows them. */
type Verdict = 'normal' | 'anomaly' | 'no_data';
interface Outcome {
  readonly verdict: Verdict;
  readonly rules: readonly string[];
}
export interface PowerPreview {
  readonly from: string;
  readonly to: string;
  readonly totals: {
    mines: number;
    mineDays: number;
    changed: number;
    verdictsChanged: number;
    byVerdict: readonly { from: Verdict; to: Verdict; count: number }[];
  };
  readonly changes: readonly { mineId: string; mineName: string; date: string; before: Outcome; after: Outcome }[];
  readonly truncated: boolean;
}
export interface CreditPreview {
  readonly asOf: string;
  readonly totals: { mines: number; tierChanged: number; scoreChanged: number };
  readonly tiers: readonly { tier: string; before: number; after: number }[];
  readonly changes: readonly {
    mineId: string;
    mineName: string;
    before: { score: number; tier: string };
    after: { score: number; tier: string };
  }[];
  readonly truncated: boolean;
}

/** What differs between the two reviews of a mine-day: the findings no longer raised, and the new ones. */
export const findingsChange = (before: Outcome, after: Outcome): string => {
  const gone = before.rules.filter((r) => !after.rules.includes(r)).map(ruleLabel);
  const added = after.rules.filter((r) => !before.rules.includes(r)).map(ruleLabel);
  return [gone.length ? `不再报：${gone.join('、')}` : '', added.length ? `新增：${added.join('、')}` : '']
    .filter(Boolean)
    .join('；');
};

export function PowerPreviewPanel(props: { preview: PowerPreview }) {
  const { totals, changes } = props.preview;
  return (
    <div class="section" data-testid="preview-result">
      <h2 data-testid="preview-headline">过去30天：{totals.changed} 个矿日的审查结果会改变</h2>
      <p class="muted">
        {props.preview.from} 至 {props.preview.to}，{totals.mines} 座煤矿共 {totals.mineDays} 个矿日按新旧两套阈值重算
        {totals.verdictsChanged > 0
          ? `；其中 ${totals.verdictsChanged} 个矿日结论类别改变：${totals.byVerdict
              .map((v) => `${label(VERDICT_LABELS, v.from)}→${label(VERDICT_LABELS, v.to)} ${v.count} 个`)
              .join('，')}`
          : '；结论类别（正常/异常/无数据）不变，改变的是发现的问题'}
        。仅为预览，已有审查结果和案件不会改变。
      </p>
      {changes.length ? (
        <div class="table-wrap">
          <table class="table" data-testid="preview-changes">
            <thead>
              <tr>
                <th>日期</th>
                <th>煤矿</th>
                <th>原结论 → 新结论</th>
                <th>发现的问题变化</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={`${c.mineId}-${c.date}`} data-testid={`preview-row-${c.mineId}-${c.date}`}>
                  <td>{c.date}</td>
                  <td>{c.mineName}</td>
                  <td>
                    {label(VERDICT_LABELS, c.before.verdict)} → {label(VERDICT_LABELS, c.after.verdict)}
                  </td>
                  <td class="wrap">{findingsChange(c.before, c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.preview.truncated ? <p class="muted">仅列出前 {changes.length} 个矿日。</p> : null}
    </div>
  );
}

export function CreditPreviewPanel(props: { preview: CreditPreview }) {
  const { totals, tiers, changes } = props.preview;
  return (
    <div class="section" data-testid="preview-result">
      <h2 data-testid="preview-headline">
        按今日（{props.preview.asOf}）记录：{totals.tierChanged} 座煤矿的信用等级会改变
      </h2>
      <div class="table-wrap">
        <table class="table" data-testid="preview-tiers">
          <thead>
            <tr>
              <th>等级</th>
              <th>现行</th>
              <th>修改后</th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((t) => (
              <tr key={t.tier}>
                <td>
                  {t.tier} 级（{label(TIER_LABELS, t.tier)}）
                </td>
                <td>{t.before} 座</td>
                <td>
                  {t.after} 座{t.after !== t.before ? `（${t.after > t.before ? '+' : ''}${t.after - t.before}）` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changes.length ? (
        <div class="table-wrap" style={{ marginTop: '0.75rem' }}>
          <table class="table" data-testid="preview-changes">
            <thead>
              <tr>
                <th>煤矿</th>
                <th>原分数 → 新分数</th>
                <th>原等级 → 新等级</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.mineId} data-testid={`preview-row-${c.mineId}`}>
                  <td>{c.mineName}</td>
                  <td>
                    {c.before.score} → {c.after.score}
                  </td>
                  <td>
                    {c.before.tier} 级 → {c.after.tier} 级
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p class="muted">仅为预览，各矿现有信用等级不会改变。</p>
    </div>
  );
}
