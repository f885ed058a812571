import * as df from 'durable-functions';
import { RunInput, RunProblem } from '../shared/pipeline/RunInput';
import { reportFailure } from '../shared/pipeline/steps/reportFailure';
import { appStore } from '../shared/storage/appStore';

df.app.activity('reportFailure', {
  handler: ({ input, problem }: { input: RunInput; problem: RunProblem }) => reportFailure(appStore(), input, problem),
});
