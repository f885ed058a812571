import * as df from 'durable-functions';
import { MessageJob, planMessageBatches } from '../shared/api/messageJobs';
import { appStore } from '../shared/storage/appStore';

df.app.activity('planMessageBatches', { handler: (job: MessageJob) => planMessageBatches(appStore(), job) });
