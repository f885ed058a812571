import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { parseDataset } from '../shared/pipeline/steps/parseDataset';
import { appStore } from '../shared/storage/appStore';

df.app.activity('parseDataset', { handler: (input: RunInput) => parseDataset(appStore(), input) });
