import type { Column } from '../../../shared/ingest/Table';
import { denseMatrix } from '../../../shared/ml/DenseMatrix';
import { createRng } from '../../../shared/ml/createRng';
import { targetLabels } from '../../../shared/model/targetLabels';
import { trainChurnModel } from '../../../shared/model/trainChurnModel';

describe('a multi-class target with a chosen positive value', () => {
  it('trains that value against all the other classes together', async () => {
    const n = 900;
    const rng = createRng(21);
    const plans = ['bronze', 'silver', 'gold'];
    // x0 tells gold from the rest; x1 tells silver from bronze and says nothing about gold
    const plan = Array.from({ length: n }, (_, i) => plans[i % 3]!);
    const rows = plan.flatMap((p) => [(p === 'gold' ? 1.5 : 0) + rng.normal(), (p === 'silver' ? 2 : p === 'bronze' ? -2 : 0) + rng.normal()]);
    const column: Column = { name: 'plan', kind: 'string', values: plan };
    const labels = targetLabels(column, 'gold');
    expect(labels.filter((l) => l === 1)).toHaveLength(300);
    expect(labels.filter((l) => l === 0)).toHaveLength(600);
    const trained = await trainChurnModel(denseMatrix(Float64Array.from(rows), n, 2), labels.map((l) => l!), { candidates: ['logistic'] });
    expect(trained.metrics.positiveRate).toBeCloseTo(1 / 3, 10);
    // gold against silver and bronze together: x0 carries it
    expect(trained.metrics.rocAuc).toBeGreaterThan(0.8);
    expect(trained.importance[0]).toBeGreaterThan(trained.importance[1]!);
  });
});
