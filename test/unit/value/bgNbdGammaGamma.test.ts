import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedPurchases, fitBgNbd, probabilityAlive } from '../../../shared/value/BgNbd';
import { expectedSpend, fitGammaGamma } from '../../../shared/value/GammaGamma';
import { hypergeometric2F1 } from '../../../shared/value/hypergeometric2F1';
import { logGamma } from '../../../shared/value/logGamma';

// The CDNOW sample of Fader, Hardie & Lee (2005): 2,357 customers, x repeat purchases, t_x and T
// in weeks, zbar their mean repeat-purchase value; the published summary as distributed with it.
function cdnow(): { x: Float64Array; tx: Float64Array; T: Float64Array; zbar: Float64Array } {
  const lines = fs.readFileSync(path.join(__dirname, '../../fixtures/cdnowSummary.csv'), 'utf8').trim().split('\n').slice(1);
  const col = (j: number) => Float64Array.from(lines, (l) => Number(l.split(',')[j]));
  return { x: col(1), tx: col(2), T: col(3), zbar: col(4) };
}

describe('logGamma and hypergeometric2F1', () => {
  test('match closed forms', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(171.5)).toBeCloseTo(709.1431630309282, 8);
    expect(logGamma(0.01)).toBeCloseTo(4.599479878042022, 10);
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
    expect(hypergeometric2F1(1, 1, 2, 0.9)).toBeCloseTo(-Math.log(0.1) / 0.9, 10);
  });
});

describe('BG/NBD on the CDNOW sample', () => {
  const data = cdnow();
  const fit = fitBgNbd({ frequency: data.x, recency: data.tx, age: data.T });

  test('recovers the published parameters and log-likelihood', () => {
    // Published: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9,582.4.
    expect(fit.parameters.r).toBeCloseTo(0.2426, 3);
    expect(fit.parameters.alpha).toBeCloseTo(4.4135, 2);
    expect(fit.parameters.a).toBeCloseTo(0.7929, 3);
    expect(fit.parameters.b).toBeCloseTo(2.4258, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(fit.customers).toBe(2357);
  });

  test('conditional expectations match scipy (hyp2f1) at the published optimum', () => {
    // Values computed with scipy.special.hyp2f1 from FHL 2005 equation 10 at the fitted parameters.
    const cases: [number, number, number, number, number][] = [
      [52, 0, 0, 38.86, 0.25166571233802526],
      [52, 2, 30.43, 38.86, 1.558583840425803],
      [39, 7, 29.43, 38.86, 3.337239482003534],
      [52, 29, 37.71, 38, 25.061421124024747],
      [10, 1, 1.71, 38.86, 0.05820269270401369],
      [52, 0, 0, 0.5, 1.3469734702200684],
    ];
    for (const [t, x, tx, T, want] of cases) expect(expectedPurchases(fit.parameters, t, x, tx, T)).toBeCloseTo(want, 3);
  });

  test('a customer silent since long ago is less likely alive than one who just bought', () => {
    expect(probabilityAlive(fit.parameters, 0, 0, 38)).toBe(1);
    expect(probabilityAlive(fit.parameters, 5, 5, 38)).toBeLessThan(probabilityAlive(fit.parameters, 5, 37, 38));
  });
});

describe('Gamma-Gamma on the CDNOW sample', () => {
  test('recovers the published spend parameters', () => {
    const data = cdnow();
    const fit = fitGammaGamma(data.x, data.zbar);
    // Published (and scipy's Nelder–Mead on the same likelihood): p = 6.249, q = 3.745, v = 15.448 on 946 repeat buyers.
    expect(fit.customers).toBe(946);
    expect(fit.parameters.p).toBeCloseTo(6.2488, 2);
    expect(fit.parameters.q).toBeCloseTo(3.7446, 2);
    expect(fit.parameters.v).toBeCloseTo(15.4477, 1);
    expect(fit.logLikelihood).toBeCloseTo(-4055.92, 1);
    // A big spender's expectation is pulled toward, not onto, the population mean p·v/(q−1) ≈ 35.2.
    const population = expectedSpend(fit.parameters, 0, 0);
    expect(population).toBeCloseTo((6.2488 * 15.4477) / 2.7446, 0);
    const big = expectedSpend(fit.parameters, 3, 200);
    expect(big).toBeGreaterThan(population);
    expect(big).toBeLessThan(200);
  });
});
