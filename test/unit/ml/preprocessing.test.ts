import { StandardScaler } from '../../../shared/ml/StandardScaler';
import { MinMaxScaler } from '../../../shared/ml/MinMaxScaler';
import { RobustScaler } from '../../../shared/ml/RobustScaler';
import { SimpleImputer } from '../../../shared/ml/SimpleImputer';
import { OneHotEncoder } from '../../../shared/ml/OneHotEncoder';
import { PCA } from '../../../shared/ml/PCA';
import { matrixFromRows, matrixToRows } from '../../../shared/ml/DenseMatrix';

const X = matrixFromRows([[1, 10], [2, 10], [3, 10], [10, 10]]);

describe('scalers', () => {
  test('StandardScaler uses the population std and leaves constant columns unscaled', () => {
    const s = new StandardScaler().fit(X);
    expect(s.state!.mean).toEqual([4, 10]);
    expect(s.state!.scale[0]).toBeCloseTo(Math.sqrt((9 + 4 + 1 + 36) / 4), 12);
    expect(s.state!.scale[1]).toBe(1);
    const back = StandardScaler.fromJSON(JSON.parse(JSON.stringify(s))).inverseTransform(s.transform(X));
    expect(matrixToRows(back).flat().map((v) => Math.round(v * 1e9) / 1e9)).toEqual(matrixToRows(X).flat());
  });
  test('MinMaxScaler maps the training range to [0, 1]', () => {
    const t = new MinMaxScaler().fitTransform(X);
    expect(matrixToRows(t).map((r) => r[0])).toEqual([0, 1 / 9, 2 / 9, 1]);
  });
  test('RobustScaler centres on the median and scales by the IQR', () => {
    const s = new RobustScaler().fit(X).state!;
    expect(s.median[0]).toBe(2.5);
    expect(s.iqr[0]).toBeCloseTo(4.75 - 1.75, 12);
  });
});

describe('imputation and encoding', () => {
  test('median and mode imputation', () => {
    const M = matrixFromRows([[1, 5], [NaN, 5], [3, 7], [100, NaN]]);
    expect(matrixToRows(new SimpleImputer('median').fitTransform(M))[1][0]).toBe(3);
    expect(matrixToRows(new SimpleImputer('most_frequent').fitTransform(M))[3][1]).toBe(5);
  });
  test('one-hot with an "other" bucket for rare and unseen categories, mode for missing', () => {
    const e = new OneHotEncoder({ maxCategories: 2 }).fit({ color: ['red', 'red', 'blue', 'blue', 'red', 'green', null] });
    expect(e.featureNames()).toEqual(['color=red', 'color=blue', 'color=__other__']);
    const out = new Float64Array(4 * 3);
    e.transformInto({ color: ['blue', 'green', 'purple', null] }, 4, out, 3, 0);
    expect(Array.from(out)).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0]);
  });
});

describe('PCA', () => {
  test('hand-checked: points along the diagonal', () => {
    // covariance (1/3)[[20,16],[16,20]]: eigenvalues 12 along (1,1)/√2 and 4/3 along (1,−1)/√2
    const P = matrixFromRows([[3, 3], [-3, -3], [1, -1], [-1, 1]]);
    const pca = new PCA(2).fit(P);
    const s = pca.state!;
    expect(s.explainedVariance[0]).toBeCloseTo(12, 10);
    expect(s.explainedVariance[1]).toBeCloseTo(4 / 3, 10);
    expect(s.explainedVarianceRatio[0]).toBeCloseTo(0.9, 10);
    expect(Math.abs(s.components[0][0])).toBeCloseTo(Math.SQRT1_2, 10);
    const t = pca.transform(P);
    expect(Math.abs(t.data[0])).toBeCloseTo(6 / Math.SQRT2, 10);
    expect(Math.abs(t.data[1])).toBeCloseTo(0, 10);
    expect(Array.from(PCA.fromJSON(JSON.parse(JSON.stringify(pca))).transform(P).data)).toEqual(Array.from(t.data));
  });
});
