import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { lloydInProcess } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';

df.app.activity('clusterCustomers', {
  handler: ({ input, init, tolAbs }: { input: RunInput; init: number[]; tolAbs: number }) => lloydInProcess(appStore(), input, init, tolAbs),
});
