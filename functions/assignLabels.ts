import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { assignLabels } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';

df.app.activity('assignLabels', {
  handler: ({ input, centers, iterations }: { input: RunInput; centers: number[]; iterations: number }) =>
    assignLabels(appStore(), input, centers, iterations),
});
