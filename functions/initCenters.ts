import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { initCenters } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';

df.app.activity('initCenters', {
  handler: ({ input, k }: { input: RunInput; k: number }) => initCenters(appStore(), input, k),
});
