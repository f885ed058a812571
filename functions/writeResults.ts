import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { writeResults } from '../shared/pipeline/steps/writeResults';
import { appStore } from '../shared/storage/appStore';

df.app.activity('writeResults', { handler: (input: RunInput) => writeResults(appStore(), input) });
