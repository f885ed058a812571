import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { clusterCustomers } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';

df.app.activity('clusterCustomers', {
  handler: ({ input, k }: { input: RunInput; k: number }) => clusterCustomers(appStore(), input, k),
});
