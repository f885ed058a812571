import { describeWithData, sharedDataDir, sharedAnchorsDir } from '../../helpers/sharedData';
import { loadEcommerce, loadOneClick, loadTelco, type ChurnDataset } from '../../../bench/lib/churnDatasets';
import { FeaturePipeline } from '../../../shared/model/FeaturePipeline';
import { trainChurnModel } from '../../../shared/model/trainChurnModel';

// scikit-learn on the same split and folds (ANCHORS.md): best of LogisticRegression / HistGradientBoosting
const anchors = {
  telco: { holdout: 0.8516, cv: 0.8455 },
  'one-click': { holdout: 0.9395, cv: 0.9070 },
  ecommerce: { holdout: 0.9902, cv: 0.9892 },
};

function train(ds: ChurnDataset) {
  const { X } = new FeaturePipeline(ds.description).fitTransform(ds.rows);
  return trainChurnModel(X, ds.y, { testRows: ds.testRows, folds: ds.folds });
}

describeWithData('churn ROC-AUC on the real datasets, against scikit-learn on the same split', () => {
  test.each([
    ['telco', () => Promise.resolve(loadTelco(sharedDataDir, sharedAnchorsDir))],
    ['one-click', () => Promise.resolve(loadOneClick(sharedDataDir, sharedAnchorsDir))],
    ['ecommerce', () => loadEcommerce(sharedDataDir, sharedAnchorsDir)],
  ] as const)('%s: hold-out and 5-fold AUC within 0.005 of the best anchor', async (name, load) => {
    const ds = await load();
    const r = train(ds);
    const best = { holdout: Math.max(...r.metrics.candidates.map((c) => c.holdoutRocAuc)), cv: Math.max(...r.metrics.candidates.map((c) => c.cvRocAuc!)) };
    const anchor = anchors[name];
    expect(best.holdout).toBeGreaterThanOrEqual(anchor.holdout - 0.005);
    expect(best.cv).toBeGreaterThanOrEqual(anchor.cv - 0.005);
    if (name === 'ecommerce') {
      const lin = r.metrics.candidates.find((c) => c.kind === 'logistic')!, gbt = r.metrics.candidates.find((c) => c.kind === 'gbt')!;
      expect(gbt.cvRocAuc! - lin.cvRocAuc!).toBeGreaterThanOrEqual(0.08);
      expect(r.metrics.chosen).toBe('gbt');
    }
  });
});
