import { injectStyle } from '../../charts/inject-style.ts';

/** The mine file's look, added with the page (which may itself be loaded on demand). */
const CSS = `
.mine-page { max-width: 1100px; margin: 0 auto; padding: 16px 20px 48px; color: #0f172a; }
.mine-page h1 { font-size: 22px; margin: 8px 0 4px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.mine-page h2 { font-size: 17px; margin: 0 0 10px; padding-bottom: 6px; border-bottom: 1px solid #e2e8f0; }
.mine-page h3 { font-size: 15px; margin: 14px 0 6px; }
.mine-actions { display: flex; gap: 16px; margin: 4px 0 12px; font-size: 14px; }
.mine-section { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: 14px 16px; margin: 14px 0; }
.mine-facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
.mine-facts dt { color: #475569; }
.mine-facts dd { margin: 0; }
.mine-table { border-collapse: collapse; width: 100%; font-size: 14px; }
.mine-table th, .mine-table td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #f1f5f9; vertical-align: top; }
.mine-table th { color: #475569; font-weight: 600; background: #f8fafc; }
.mine-table .num { text-align: right; white-space: nowrap; }
.mine-table-scroll { overflow-x: auto; }
/* On a phone a column keeps its words whole (no 安全生产许可证 one character a line) and a wide table scrolls
   sideways, with a due row's days left held at the right edge, so what matters stays in sight. */
@media (max-width: 600px) {
  .mine-table th, .mine-table td { white-space: nowrap; }
  .mine-table td.due-note { position: sticky; right: 0; background: #fff; box-shadow: -6px 0 6px -6px rgba(15, 23, 42, 0.35); }
  .row-warn td.due-note { background: #fffbeb; }
  .row-bad td.due-note { background: #fef2f2; }
}
.row-warn { background: #fffbeb; }
.row-bad { background: #fef2f2; }
.tone-ok { color: #166534; }
.tone-warn { color: #b45309; font-weight: 600; }
.tone-bad { color: #b91c1c; font-weight: 600; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.mine-muted { color: #64748b; font-size: 13px; }
.mine-empty { color: #64748b; margin: 4px 0; }
.mine-error { color: #b91c1c; font-weight: 600; margin: 8px 0; }
.mine-not-found { padding: 32px 20px; }
.credit-summary { display: flex; align-items: center; gap: 12px; margin: 0 0 8px; }
.credit-tier { font-size: 28px; font-weight: 700; width: 48px; height: 48px; display: inline-flex; align-items: center; justify-content: center; border-radius: 8px; color: #fff; }
.tier-A { background: #16a34a; } .tier-B { background: #2563eb; } .tier-C { background: #d97706; } .tier-D { background: #dc2626; }
.credit-forced { color: #b91c1c; margin: 4px 0 8px; }
.record-list { margin: 0; padding-left: 20px; font-size: 14px; }
.record-list li { margin: 4px 0; }
.persons-correction { margin: 6px 0 10px; padding: 8px 12px; border: 1px solid #cbd5e1; border-radius: 6px; background: #f8fafc; max-width: 640px; }
.record-list .btn-small { margin-left: 6px; }
.pending-certificates-list > li { margin: 8px 0 12px; }
.chart-box { margin: 8px 0; min-height: 80px; }
.chart-note { color: #64748b; padding: 24px 0; text-align: center; }
.anomaly-list { list-style: none; padding: 0; margin: 0; font-size: 14px; }
.anomaly-list > li { padding: 6px 8px; border-left: 3px solid #dc2626; margin: 6px 0; background: #fef2f2; }
.anomaly-list > li.is-chosen { outline: 2px solid #2563eb; }
.anomaly-rules { color: #b91c1c; font-weight: 600; margin: 0 10px; }
.anomaly-findings { margin: 4px 0 0; padding-left: 18px; color: #334155; }
.link-button { background: none; border: none; padding: 0; color: #2563eb; cursor: pointer; font: inherit; text-decoration: underline; }
.quarter-hour { margin-top: 16px; padding-top: 8px; border-top: 1px dashed #cbd5e1; }
.uplot-host { width: 100%; }
.witness-chart { position: relative; }
.witness-panel .uplot { margin: 0; }
.witness-readout { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; min-height: 2.6em; margin: 4px 0 6px;
  padding: 6px 10px; border-radius: 4px; background: #f8fafc; font-size: 13px; color: #334155; }
.witness-readout.is-anomaly { background: #fef2f2; }
.witness-readout-rules { color: #b91c1c; font-weight: 600; }
.chart-legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; margin: 6px 0; font-size: 13px; color: #334155; }
.chart-legend li { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
.chart-legend .swatch { display: inline-block; width: 16px; height: 10px; }
.swatch.line { height: 0; border-top: 2px solid; }
.swatch.dash { height: 0; border-top: 2px dashed; }
.swatch.kwh { border-color: #2563eb; } .swatch.people { border-color: #7c3aed; } .swatch.approved { border-color: rgba(124, 58, 237, 0.7); }
.swatch.band { background: rgba(22, 163, 74, 0.16); border-top: 1px solid rgba(22, 163, 74, 0.7); }
.swatch.alarms { background: #f59e0b; } .swatch.no-cut { background: #dc2626; } .swatch.offline { background: #0891b2; }
.swatch.anomaly { background: rgba(220, 38, 38, 0.22); } .swatch.no-data { background: rgba(148, 163, 184, 0.3); }
.uplot-host .u-legend { font-size: 13px; }
`;

export const addMinePageStyle = (): void => injectStyle('mine-page-style', CSS);
