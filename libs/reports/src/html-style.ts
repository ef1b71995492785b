// The page's only style sheet, inlined: system fonts, a light background, one blue for what the report is
// about (placed, after, requested) and a slate grey for what was there before.
export const PAGE_STYLE = `
:root{color-scheme:light;--ink:#1f2328;--muted:#5d6670;--line:#dde2e7;--paper:#f5f6f8;--card:#fff;
--before:#a3b0bd;--main:#2f6bd0;--track:#e9edf1;--free:#bfe0c9;--good:#1a7f37;--good-bg:#e7f4eb;
--bad:#b42318;--bad-bg:#fcebea;--info-bg:#eaf1fc;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
html{background:var(--paper)}
body{margin:0;color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 24px 40px}
header.report{margin:0 0 20px}
.brand{margin:0;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
h1{margin:2px 0 4px;font-size:28px;font-weight:650;line-height:1.2}
.context{margin:0 0 12px;color:var(--muted)}
.context span+span::before{content:" · "}
.verdict{display:inline-block;margin:0;padding:6px 12px;border-radius:6px;font-weight:600;border:1px solid transparent}
.verdict.good{background:var(--good-bg);color:var(--good);border-color:#b7dfc3}
.verdict.bad{background:var(--bad-bg);color:var(--bad);border-color:#f3c0bb}
.verdict.info{background:var(--info-bg);color:#1d4f9c;border-color:#c4d7f5}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 22px;margin:0 0 18px}
h2{margin:0 0 4px;font-size:18px;font-weight:650}
h3{margin:18px 0 2px;font-size:15px;font-weight:600}
.note{margin:0 0 10px;color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 0}
.table-wrap{overflow-x:auto}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{color:var(--muted);font-weight:600;font-size:12px;background:#f8f9fb;white-space:nowrap}
thead tr.subhead th{font-weight:500}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:last-child td{border-bottom:none}
tr.total td{font-weight:600;border-top:2px solid var(--line)}
tr.recommended td{background:var(--info-bg)}
table.options td:first-child{white-space:nowrap}
table.fits td:first-child,table.max-replicas td:first-child,table.nodes td:first-child{min-width:11em}
.name{font-weight:600;overflow-wrap:break-word}
.sub{display:block;color:var(--muted);font-size:12px;overflow-wrap:break-word}
.message{font-family:var(--mono);font-size:12px;color:#3d444d;overflow-wrap:anywhere}
.yes{color:var(--good);font-weight:600;white-space:nowrap}
.no{color:var(--bad);font-weight:600;white-space:nowrap}
.muted{color:var(--muted)}
.badge{display:inline-block;margin-left:6px;padding:0 6px;border-radius:9px;font-size:11px;font-weight:600;background:var(--main);color:#fff;vertical-align:1px}
.badge.new{background:#dbe7fa;color:#1d4f9c}
.badge.cordoned{background:#eceff2;color:var(--muted)}
abbr{text-decoration:none}
code{font-family:var(--mono);font-size:12px;background:#f1f3f5;padding:0 4px;border-radius:3px;overflow-wrap:anywhere}
ul.warnings{margin:6px 0 0;padding-left:20px}
ul.warnings li{margin:2px 0}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:4px 0 8px;font-size:12px;color:var(--muted)}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.swatch.before{background:var(--before)}.swatch.placed,.swatch.after,.swatch.requested,.swatch.replicas{background:var(--main)}
.swatch.free{background:var(--free)}.swatch.track{background:var(--track);box-shadow:inset 0 0 0 1px #c9d1d9}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:8px 32px}
figure{margin:8px 0 0}
figcaption{font-weight:600;font-size:13px;margin:0 0 2px}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart text{font-family:inherit;font-size:12px;fill:var(--ink)}
svg.chart text.value{fill:var(--muted);font-variant-numeric:tabular-nums}
svg.chart text.heading,svg.chart text.label.total{font-weight:600}
svg.chart text.label.added{fill:#1d4f9c}
svg.chart text.label.cordoned{fill:var(--muted);font-style:italic}
svg.chart tspan.tag{font-size:10px;fill:#1d4f9c;font-weight:600}
svg.chart text.label.cordoned tspan.tag{fill:var(--muted)}
svg.chart .row:hover .bar-track{fill:#dde3e9}
.bar-track{fill:var(--track)}.bar-before{fill:var(--before)}.bar-placed,.bar-after,.bar-requested,.bar-replicas{fill:var(--main)}
.bar-free{fill:var(--free)}
@media print{html{background:#fff}.table-wrap{overflow:visible}main{max-width:none;padding:0}section{border:none;padding:0;margin:0 0 14px;break-inside:avoid-page}
figure{break-inside:avoid}.charts{grid-template-columns:1fr 1fr}}
`;
