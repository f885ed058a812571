import { fileSource } from '../../../shared/ingest/fileSource';
import { readTable } from '../../../shared/ingest/readTable';
import { compareOnHoldout } from '../../../shared/value/compareOnHoldout';
import { weekMs } from '../../../shared/value/purchaseHistory';
import { describeWithData, sharedDataPath } from '../../helpers/sharedData';

/*
 * The Online Retail customers sampled whole (10 % of ids, every line kept), fitted before
 * 2011-06-11 and scored on the 26 weeks after, beside the naive forecast that repeats the 26 weeks
 * before. `npm run bench -- value` prints the same figures for the full files as well.
 */
describeWithData('customer value against the next 26 weeks of Online Retail (whole-customer sample)', () => {
  test('the model is nearer than last period repeated for spend and next purchase, and within 10 % of it on purchase counts', async () => {
    const lines = await readTable(fileSource(sharedDataPath('online-retail-full', 'sample_customers_2010_2011.csv')));
    const end = Date.UTC(2011, 11, 10);
    const c = compareOnHoldout(lines, { customer: 'CustomerID', date: 'InvoiceDate', amount: ['Quantity', 'UnitPrice'], invoice: 'InvoiceNo' }, { cutoff: end - 26 * weekMs, end });
    expect(c.customers).toBe(252);
    expect(c.actual.buyers).toBe(176);
    // Spend per customer: MAE 613 vs 654, RMSE 1,132 vs 1,717.
    expect(c.model.spend.mae).toBeLessThan(c.baseline.spend.mae);
    expect(c.model.spend.rmse).toBeLessThan(c.baseline.spend.rmse);
    // Purchase days: RMSE 1.91 vs 1.93, MAE 1.42 vs 1.36 (the baseline's MAE is lower), total within 1 % vs 2 %.
    expect(c.model.purchases.rmse).toBeLessThan(c.baseline.purchases.rmse);
    expect(c.model.purchases.mae).toBeLessThan(1.1 * c.baseline.purchases.mae);
    expect(Math.abs(c.model.purchases.total / c.actual.purchases - 1)).toBeLessThan(Math.abs(c.baseline.purchases.total / c.actual.purchases - 1));
    // Next purchase: 42 days off on average vs 55.5 for last purchase + the customer's own mean gap.
    expect(c.nextPurchase.modelDays).toBeLessThan(c.nextPurchase.baselineDays);
    // Spend in the hold-out (with the autumn peak) is under-predicted by both, the model more (−12 % vs +6 %).
    expect(c.model.spend.total).toBeLessThan(c.actual.spend);
  });
});
