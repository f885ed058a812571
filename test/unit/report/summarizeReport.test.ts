import { summarizeReport } from '../../../shared/report/summarizeReport';
import { reportFixture } from './reportFixture';

describe('summarizeReport', () => {
  it('names the priority-1 segment, the riskiest one and the largest', () => {
    const input = reportFixture();
    const summary = summarizeReport(input);
    expect(summary.headline).toBe('3,490 customers from WA_Fn-UseC_-Telco-Customer-Churn.csv were grouped into 5 segments.');
    expect(summary.actFirst?.segment).toBe(3);
    const total = input.segments.reduce((s, x) => s + x.size, 0);
    const expected = input.segments.reduce((s, x) => s + x.meanChurnProbability! * x.size, 0) / total;
    expect(summary.overallChurnProbability).toBeCloseTo(expected, 12);
    expect(summary.points[0]).toBe(
      'Act first on segment 3 “Bargain hunters”: 537 customers (15.4%), mean churn probability 12.5% against 22.5% across all customers. Offer a tailored plan to segment 3 before renewal.',
    );
    expect(summary.points[1]).toMatch(/^Highest churn risk: segment 2 “New and curious” \(mean churn probability 32%, 1,058 customers\)/);
    expect(summary.points).toContain('The largest segment is 2 “New and curious” with 30.3% of customers.');
    expect(summary.points).toContain('5 segments were chosen: highest mean silhouette among k = 2..10. Mean silhouette 0.31.');
    expect(summary.points).toContain('Against the previous run 0a1b2c3d4e5f6071, segments changed a little (adjusted Rand index 0.83).');
  });

  it('leaves a segment without a mean churn probability out of the average and the sentences, never reading it as 0', () => {
    const input = reportFixture();
    // Segment 3 is the one to act on first, segment 2 the riskiest: neither has a figure now.
    input.segments = input.segments.map((s) => (s.segment === 3 || s.segment === 2 ? { ...s, meanChurnProbability: null } : s));
    const summary = summarizeReport(input);
    const scored = input.segments.filter((s) => s.meanChurnProbability !== null);
    const expected = scored.reduce((sum, s) => sum + s.meanChurnProbability! * s.size, 0) / scored.reduce((sum, s) => sum + s.size, 0);
    expect(summary.overallChurnProbability).toBeCloseTo(expected, 12);
    expect(summary.points[0]).toBe('Act first on segment 3 “Bargain hunters”: 537 customers (15.4%). Offer a tailored plan to segment 3 before renewal.');
    expect(summary.points[1]).toMatch(/^Highest churn risk: segment 4 “Dormant” \(mean churn probability 25\.5%,/);
    expect(summary.points.join(' ')).not.toMatch(/–|NaN|probability 0%/);
  });

  it('has no overall probability when no segment has one', () => {
    const input = reportFixture({ churn: 'heuristic', drift: false });
    input.segments = input.segments.map((s) => ({ ...s, meanChurnProbability: null }));
    const summary = summarizeReport(input);
    expect(summary.overallChurnProbability).toBeUndefined();
    expect(summary.points[0]).toBe('Act first on segment 3 “Bargain hunters”: 537 customers (15.4%). Offer a tailored plan to segment 3 before renewal.');
    expect(summary.points.some((p) => p.startsWith('Highest churn risk'))).toBe(false);
  });

  it('speaks of a heuristic when there is no churn label', () => {
    const summary = summarizeReport(reportFixture({ churn: 'heuristic', drift: false }));
    expect(summary.points.some((p) => p.startsWith('No churn label was given, so churn risk is a heuristic score'))).toBe(true);
    expect(summary.points.some((p) => p.includes('previous run'))).toBe(false);
  });

  it('handles a single segment', () => {
    const input = reportFixture({ segments: 1, churn: 'none', drift: false });
    const summary = summarizeReport(input);
    expect(summary.headline).toMatch(/grouped into 1 segment\.$/);
    expect(summary.points[0]).toMatch(/^Act first on segment 0/);
  });
});
