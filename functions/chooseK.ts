import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { evaluateCandidateK } from '../shared/pipeline/steps/chooseK';
import { appStore } from '../shared/storage/appStore';

df.app.activity('chooseK', {
  handler: ({ input, k }: { input: RunInput; k: number }) => evaluateCandidateK(appStore(), input, k),
});
