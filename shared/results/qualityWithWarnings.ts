import type { QualityReport } from '../ingest/QualityReport';
import type { ReportInput } from '../report/ReportInput';
import type { ChurnWork } from '../pipeline/steps/workFiles';

/** quality.json as the run leaves it: what to check before acting, where its readers (and `npm run upload`) look. */
export function qualityWithWarnings(quality: QualityReport, report: ReportInput, churn: ChurnWork): QualityReport {
  return { ...quality, warnings: [...(report.reading?.warnings ?? []), ...(churn.summary.warnings ?? [])] };
}
