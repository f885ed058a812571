/** Inline CSS: the report opens from a file or an e-mail attachment with no network. */
export const reportStyles = `
:root {
  --ink: #1f2633; --muted: #5b6473; --line: #e3e7ee; --paper: #ffffff; --wash: #f5f7fa;
  --accent: #2f5d8c; --risk: #c23b3d;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink); font: 15px/1.55 var(--font); overflow-wrap: break-word; }
main { max-width: 1120px; margin: 0 auto; padding: 32px 24px 64px; }
header.report-head { margin-bottom: 24px; }
.eyebrow { color: var(--muted); font-size: 13px; letter-spacing: .04em; text-transform: uppercase; margin: 0; }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 6px; }
h2 { font-size: 21px; margin: 0 0 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
p { margin: 6px 0; }
.meta { color: var(--muted); font-size: 13px; }
.meta code { font-size: 12px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--wash); padding: 1px 4px; border-radius: 3px; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 22px 24px; margin: 18px 0; }
.lede { color: var(--muted); margin-top: 0; max-width: 70em; }
.headline { font-size: 19px; font-weight: 600; margin: 0 0 10px; }
ul.points { margin: 8px 0 0; padding-left: 20px; }
ul.points li { margin: 6px 0; }
ul.points li:first-child { font-weight: 600; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 18px 0 4px; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--paper); }
.figure .value { font-size: 24px; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; }
.figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; margin-top: 14px; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--swatch, #999); border-radius: 8px; padding: 12px 14px; }
/* A grid item is as wide as its longest word unless told otherwise: long names and labels wrap inside the card instead. */
.card { min-width: 0; overflow-wrap: anywhere; }
.card h3 { margin: 0 0 2px; font-size: 16px; }
.card .stats { color: var(--muted); font-size: 13px; margin: 0 0 6px; }
.card ul { margin: 4px 0 6px; padding-left: 18px; font-size: 14px; }
.card .action { font-size: 14px; margin: 6px 0 0; }
.badge { display: inline-block; font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em;
  padding: 1px 7px; border-radius: 10px; background: #fbe9e9; color: var(--risk); margin-left: 6px; vertical-align: 2px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin-right: 7px; vertical-align: -1px; }
.table-wrap { overflow-x: auto; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tbody tr:hover { background: #fafbfd; }
/* Column names can be any length (a long one without a space is common): they wrap rather than push the table out of its card. */
td.segment { font-weight: 600; min-width: 9em; overflow-wrap: anywhere; }
td.drivers { min-width: 190px; }
/* Headings (value at stake, a long value column) wrap too, so the last column stays inside the card at 1,200 px. */
th { overflow-wrap: anywhere; }
table.segments td.segment { max-width: 22em; }
table.segments td.drivers { min-width: 12em; }
table.rfm th { max-width: 12em; overflow-wrap: anywhere; }
td.drivers div { overflow-wrap: anywhere; }
table.centroids td:first-child { overflow-wrap: anywhere; }
figure.wide { max-width: 100%; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 18px; margin-top: 12px; }
figure { margin: 12px 0 0; min-width: 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
figcaption .note { display: block; font-weight: 400; color: var(--muted); font-size: 13px; }
figure svg { display: block; max-width: 100%; height: auto; }
.note { color: var(--muted); font-size: 13px; }
ul.findings { padding-left: 20px; margin: 6px 0; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 28px; }
.callout.warn { border-left: 4px solid #b45309; background: #fff7ed; padding: 8px 14px; margin: 0 0 14px; }
.callout.warn ul { margin: 4px 0 0; padding-left: 18px; }
table.roles td, table.roles th { vertical-align: top; }
table.roles th, table.roles td:nth-child(4) { white-space: nowrap; }
table.roles td:nth-child(2), table.roles td:nth-child(3), table.roles td:nth-child(5) { overflow-wrap: anywhere; }
table.roles tr.conf-low td, table.roles tr.conf-none td:nth-child(2) { color: #92400e; }
@media (max-width: 640px) {
  main { padding: 16px 10px 40px; }
  section { padding: 16px 14px; }
  .charts { grid-template-columns: 1fr; }
  h1 { font-size: 24px; }
}
@media print {
  @page { margin: 14mm; }
  body { background: #ffffff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section { border: none; border-radius: 0; padding: 0; margin: 0 0 18px; }
  figure, .card, .figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  tbody tr:hover { background: none; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  td.segment, td.drivers div { white-space: normal; }
  td.drivers { min-width: 0; }
}
`;
