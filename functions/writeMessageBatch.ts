import * as df from 'durable-functions';
import { MessageJob, writeMessageBatch } from '../shared/api/messageJobs';
import { appStore } from '../shared/storage/appStore';

df.app.activity('writeMessageBatch', {
  handler: ({ job, batch }: { job: MessageJob; batch: number }) => writeMessageBatch(appStore(), job, batch),
});
