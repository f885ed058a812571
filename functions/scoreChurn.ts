import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { scoreChurn } from '../shared/pipeline/steps/scoreChurn';
import { appStore } from '../shared/storage/appStore';

df.app.activity('scoreChurn', { handler: (input: RunInput) => scoreChurn(appStore(), input) });
