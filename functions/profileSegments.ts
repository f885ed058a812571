import * as df from 'durable-functions';
import { RunInput } from '../shared/pipeline/RunInput';
import { profileSegments } from '../shared/pipeline/steps/profileSegments';
import { appStore } from '../shared/storage/appStore';

df.app.activity('profileSegments', { handler: (input: RunInput) => profileSegments(appStore(), input) });
