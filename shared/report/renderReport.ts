import type { ReportInput } from './ReportInput';
import { reportStyles } from './reportStyles';
import { html, SafeHtml } from './SafeHtml';
import { campaignSection } from './sections/campaignSection';
import { churnSection } from './sections/churnSection';
import { driftSection } from './sections/driftSection';
import { kSelectionSection } from './sections/kSelectionSection';
import { qualitySection } from './sections/qualitySection';
import { readingSection } from './sections/readingSection';
import { runSection } from './sections/runSection';
import { segmentsSection } from './sections/segmentsSection';
import { summarySection } from './sections/summarySection';
import { summarizeReport } from './summarizeReport';
import { reportModelWords } from './reportModelWords';
import { reportWords } from './reportLanguage';

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
  const [segments, kSelection, churn, drift, campaign] = await Promise.all([
    segmentsSection(input, summary),
    kSelectionSection(input),
    churnSection(input),
    driftSection(input),
    campaignSection(input),
  ]);
  const language = input.language ?? 'en';
  const words = reportWords[language];
  const nav: [string, string][] = [
    ...(input.reading ? ([['reading', words.nav.reading]] as [string, string][]) : []),
    ['summary', words.nav.summary],
    ['segments', words.nav.segments],
    ['choosing-k', words.nav.choosingK],
    ...(input.churn ? ([['churn', reportModelWords(input).heading]] as [string, string][]) : []),
    ...(input.drift ? ([['drift', words.nav.change]] as [string, string][]) : []),
    ...(input.campaign ? ([['campaign', words.sections.navCampaigns]] as [string, string][]) : []),
    ['quality', words.nav.quality],
    ['run', words.nav.run],
  ];
  const page = html`<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Segmentwise">
<title>${words.segments} · ${input.run.dataset} · ${input.run.runId}</title>
<style>${new SafeHtml(reportStyles)}</style>
</head>
<body>
<main>
<header class="report-head">
<p class="eyebrow">${words.eyebrow}</p>
<h1>${words.title(input.run.dataset)}</h1>
<p class="meta">${words.run} <code>${input.run.runId}</code> · ${input.run.createdAt} · ${input.run.sourceFiles.join(', ')}</p>
<p class="meta">${nav.map(([id, label], i) => html`${i ? ' · ' : ''}<a href="#${id}">${label}</a>`)}</p>
</header>
${readingSection(input)}
${summarySection(input, summary)}
${segments}
${kSelection}
${churn}
${drift}
${campaign}
${qualitySection(input)}
${runSection(input)}
<footer>Segmentwise · ${words.sections.footerRun} ${input.run.runId} · results/${input.run.dataset}/${input.run.runId}/</footer>
</main>
</body>
</html>
`;
  return page.html;
}
