import type { ReportInput } from './ReportInput';
import { reportStyles } from './reportStyles';
import { html, SafeHtml } from './SafeHtml';
import { churnSection } from './sections/churnSection';
import { driftSection } from './sections/driftSection';
import { kSelectionSection } from './sections/kSelectionSection';
import { qualitySection } from './sections/qualitySection';
import { readingSection } from './sections/readingSection';
import { runSection } from './sections/runSection';
import { segmentsSection } from './sections/segmentsSection';
import { summarySection } from './sections/summarySection';
import { reportWording, summarizeReport } from './summarizeReport';

/**
 * Nothing may load: no scripts at all, styles only inline. A report is opened from mail and
 * shares, and data strings in it are user input.
 */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The run's report.html: one self-contained document, charts drawn as inline SVG on the server.
 * Async because vega renders asynchronously.
 */
export async function renderReport(input: ReportInput): Promise<string> {
  const summary = summarizeReport(input);
  const [segments, kSelection, churn, drift] = await Promise.all([
    segmentsSection(input, summary),
    kSelectionSection(input),
    churnSection(input),
    driftSection(input),
  ]);
  const nav: [string, string][] = [
    ...(input.reading ? ([['reading', 'How we read your data']] as [string, string][]) : []),
    ['summary', 'Summary'],
    ['segments', 'Segments'],
    ['choosing-k', 'Choosing k'],
    ...(input.churn ? ([['churn', reportWording(input).model]] as [string, string][]) : []),
    ...(input.drift ? ([['drift', 'Change']] as [string, string][]) : []),
    ['quality', 'Data quality'],
    ['run', 'Run'],
  ];
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Segmentwise">
<title>Segments · ${input.run.dataset} · ${input.run.runId}</title>
<style>${new SafeHtml(reportStyles)}</style>
</head>
<body>
<main>
<header class="report-head">
<p class="eyebrow">Segmentwise report</p>
<h1>Customer segments for ${input.run.dataset}</h1>
<p class="meta">Run <code>${input.run.runId}</code> · ${input.run.createdAt} · ${input.run.sourceFiles.join(', ')}</p>
<p class="meta">${nav.map(([id, label], i) => html`${i ? ' · ' : ''}<a href="#${id}">${label}</a>`)}</p>
</header>
${readingSection(input)}
${summarySection(input, summary)}
${segments}
${kSelection}
${churn}
${drift}
${qualitySection(input)}
${runSection(input)}
<footer>Segmentwise · run ${input.run.runId} · results/${input.run.dataset}/${input.run.runId}/</footer>
</main>
</body>
</html>
`;
  return page.html;
}
