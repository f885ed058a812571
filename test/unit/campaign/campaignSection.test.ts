import { campaignLift } from '../../../shared/campaign/campaignLift';
import { renderReport } from '../../../shared/report/renderReport';
import { campaignSection } from '../../../shared/report/sections/campaignSection';
import { reportFixture } from '../report/reportFixture';

const n = 400;
const segment = Int32Array.from({ length: n }, (_, i) => i % 2);
const outcome = { column: 'churned', positive: 'Yes', values: Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0)) };

describe('the report section on campaigns', () => {
  test('without a campaign the plan effect is shown as an assumption, never as a measurement', async () => {
    const lift = campaignLift({ runId: 'r', goal: 'churn', outcome, segment, segmentNames: new Map() });
    const text = (await campaignSection({ ...reportFixture(), campaign: lift })).html;
    expect(text).toContain('id="campaign"');
    expect(text).toContain('Assumption, not a measurement');
    expect(text).toContain('No earlier message request on this dataset kept a holdout');
    expect(text).not.toMatch(/difference of|interval [−+-]?\d/);
  });

  test('too little data is said as such, with no rate or interval', async () => {
    const history = { requests: [{ runId: 'a', requestId: 'tiny', messaged: 12, holdout: 9 }], groups: { treated: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22], control: [1, 3, 5, 7, 9, 11, 13, 15, 17] } };
    const lift = campaignLift({ runId: 'r', goal: 'churn', outcome, segment, segmentNames: new Map(), history });
    expect(lift.measured.status).toBe('too-little-data');
    expect(lift.measured).not.toHaveProperty('bySegment');
    const text = (await campaignSection({ ...reportFixture(), campaign: lift })).html;
    expect(text).toContain('Too little data to measure: 12 treated and 9 control customers');
    expect(text).not.toMatch(/difference of/);
  });

  test('a measured campaign is explained in words: rates, customers, the interval and how sure', async () => {
    const treated = Array.from({ length: 200 }, (_, i) => 2 * i);
    const control = Array.from({ length: 200 }, (_, i) => 2 * i + 1);
    const values = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? (i % 10 === 0 ? 1 : 0) : i % 3 === 0 ? 1 : 0));
    const lift = campaignLift({ runId: 'r', goal: 'churn', outcome: { ...outcome, values }, segment: new Int32Array(n), segmentNames: new Map(), history: { requests: [{ runId: 'a', requestId: 'spring', messaged: 200, holdout: 200 }], groups: { treated, control } } });
    expect(lift.measured.status).toBe('measured');
    const text = (await campaignSection({ ...reportFixture(), campaign: lift })).html;
    expect(text).toMatch(/of 200 treated customers against .* of 200 in control had churned = Yes: a difference of −\d+\.\d pts \(95 % interval/);
    expect(text).toContain('unlikely to be chance');
    expect(text).toContain('spring: 200 messaged, 200 held out');
    const page = await renderReport({ ...reportFixture(), campaign: lift });
    expect(page).toContain('<a href="#campaign">Campaigns</a>');
  });
});
