import * as df from 'durable-functions';
import { MessageJob, collectMessages } from '../shared/api/messageJobs';
import { appStore } from '../shared/storage/appStore';

df.app.activity('collectMessages', {
  handler: ({ job, batches }: { job: MessageJob; batches: number }) => collectMessages(appStore(), job, batches),
});
