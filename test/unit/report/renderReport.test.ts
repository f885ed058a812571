import { renderReport } from '../../../shared/report/renderReport';
import { reportFixture } from './reportFixture';

const svgNamespace = 'xmlns="http://www.w3.org/2000/svg"';

function figures(html: string): string[] {
  return html.match(/<figure\b[\s\S]*?<\/figure>/g) ?? [];
}

describe('renderReport', () => {
  let full: string;
  beforeAll(async () => {
    full = await renderReport(reportFixture());
  });

  it('is one HTML document with every chart as inline SVG', () => {
    expect(full.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(full.trimEnd().endsWith('</html>')).toBe(true);
    const charts = figures(full);
    const captions = charts.map((f) => /<figcaption>([^<]*)/.exec(f)?.[1]);
    expect(captions).toEqual([
      'Segment profiles',
      'Segment map (PCA)',
      'Silhouette by segment',
      'Elbow curve',
      'Silhouette by k',
      'ROC curve',
      'Calibration',
      'What drives the churn score',
      'Segment sizes',
    ]);
    for (const figure of charts) {
      expect(figure).toMatch(/<svg role="img" aria-label="[^"]+" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      // Drawn, not empty: marks are paths, rects or text with coordinates.
      expect((figure.match(/<path\b/g) ?? []).length).toBeGreaterThan(3);
    }
  });

  it('plots every PCA point and marks the chosen k', () => {
    const pca = figures(full)[1];
    // One circle path per customer, coloured by segment.
    expect((pca.match(/<path [^>]*fill="#[0-9a-f]{6}"[^>]*opacity="0\.6"/g) ?? []).length).toBeGreaterThanOrEqual(3000);
    expect(figures(full)[3]).toContain('chosen k = 5');
  });

  it('draws the ROC curve as one area and one line beside the chance diagonal', () => {
    const roc = figures(full)[5];
    expect((roc.match(/aria-roledescription="area mark"/g) ?? []).length).toBe(1);
    expect((roc.match(/aria-roledescription="line mark"/g) ?? []).length).toBe(2);
  });

  it('refers to nothing outside itself: no URL but the SVG namespace', () => {
    const withoutNamespace = full.split(svgNamespace).join('');
    expect(withoutNamespace).not.toMatch(/https?:\/\//i);
    expect(withoutNamespace).not.toMatch(/\/\/cdn/i);
    expect(full).not.toMatch(/<(script|link|img|iframe|object|embed|image|use)\b/i);
    expect(full).not.toMatch(/\ssrc=/i);
    expect(full).not.toMatch(/url\((?!#)/i);
    expect(full).not.toMatch(/@import/i);
    // Only in-page anchors.
    for (const [, href] of full.matchAll(/\shref="([^"]*)"/g)) expect(href.startsWith('#')).toBe(true);
    expect(full).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
  });

  it('keeps ids unique across the inlined charts', () => {
    const ids = [...full.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, ref] of full.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref);
  });

  it('leads with a plain-language summary naming the segment to act on first', () => {
    const summary = /<section id="summary">[\s\S]*?<\/section>/.exec(full)?.[0] ?? '';
    expect(summary).toContain('3,490 customers from WA_Fn-UseC_-Telco-Customer-Churn.csv were grouped into 5 segments.');
    expect(summary).toMatch(/Act first on segment 3 “Bargain hunters”: 537 customers \(15\.4%\)/);
    expect(summary).toContain('Suggested action');
    expect(full.indexOf('id="summary"')).toBeLessThan(full.indexOf('<figure'));
  });

  it('shows the data-quality table and run details', () => {
    const quality = /<section id="quality">[\s\S]*?<\/section>/.exec(full)?.[0] ?? '';
    expect(quality).toContain('<td>TotalCharges</td><td>number</td><td class="num">0.2%</td><td class="num">6,531</td>');
    expect(quality).toContain('22 duplicate rows removed');
    expect(full).toContain('<td>chooseK</td><td class="num">2.31 s</td>');
  });

  it('renders without churn and drift sections', async () => {
    const html = await renderReport(reportFixture({ churn: 'none', drift: false }));
    expect(html).not.toContain('id="churn"');
    expect(html).not.toContain('id="drift"');
    expect(figures(html)).toHaveLength(5);
    expect(html).not.toContain('ROC AUC');
  });

  it('shows a missing mean churn probability as – in the table and leaves it off the segment card', async () => {
    const input = reportFixture({ drift: false });
    input.segments = input.segments.map((s) => (s.segment === 2 ? { ...s, meanChurnProbability: null } : s));
    const html = await renderReport(input);
    const segments = /<section id="segments">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const row = segments.match(/<tr><td class="segment">.*?2 · New and curious<\/td>.*?<\/tr>/)?.[0] ?? '';
    // Segment 2: churn rate 33 %, then the probability column with no figure.
    expect(row).toContain('<td class="num">33%</td><td class="num">–</td>');
    const card = /<article class="card"[^>]*>\s*<h3>2 · New and curious[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
    expect(card).toContain('priority');
    expect(card).not.toContain('probability');
    expect(html).not.toContain('NaN');
  });

  it('explains a heuristic churn score without model charts', async () => {
    const html = await renderReport(reportFixture({ churn: 'heuristic', drift: false, segments: 12 }));
    const churn = /<section id="churn">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(churn).toContain('heuristic score');
    expect(churn).toContain('Recency, frequency and tenure ranked against all customers, averaged.');
    expect(churn).not.toContain('<svg');
    expect(html).toContain('11 · Students');
  });

  it('escapes markup that arrives in data strings', async () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&';
    const html = await renderReport(reportFixture({ hostileText: hostile }));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    // Inside the charts too (axis labels, legends, aria labels), escaped by the SVG writer.
    expect(figures(html).some((f) => f.includes('&lt;script&gt;'))).toBe(true);
  });

  it('renders an empty run without failing', async () => {
    const input = reportFixture({ churn: 'none', drift: false });
    input.kSelection.evaluations = [];
    input.pca.points = [];
    input.quality.findings = [];
    const html = await renderReport(input);
    expect(html).toContain('No findings.');
    expect(html).not.toContain('Segment map (PCA)');
  });
});
