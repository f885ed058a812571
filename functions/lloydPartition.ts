import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { lloydPartition } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';

df.app.activity('lloydPartition', {
  handler: ({ input, start, end, centers }: { input: RunInput; start: number; end: number; centers: number[] }) =>
    lloydPartition(appStore(), input, start, end, centers),
});
