import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { prepareFeatures } from '../shared/pipeline/steps/prepareFeatures';
import { appStore } from '../shared/storage/appStore';

df.app.activity('prepareFeatures', { handler: (input: RunInput) => prepareFeatures(appStore(), input) });
