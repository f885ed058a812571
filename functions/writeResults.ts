import * as df from 'durable-functions';
import { ResultsRequest, writeResults } from '../shared/pipeline/steps/writeResults';
import { appStore } from '../shared/storage/appStore';

df.app.activity('writeResults', { handler: (request: ResultsRequest) => writeResults(appStore(), request) });
