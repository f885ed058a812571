import { writeMessageBatch } from '../shared/api/messageBatches';
import { activities } from '../shared/pipeline/activities';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.writeMessageBatch, ({ job, batch }) => writeMessageBatch(appStore(), job, batch));
