import { collectMessages } from '../shared/api/messageBatches';
import { activities } from '../shared/pipeline/activities';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.collectMessages, ({ job, batches }) => collectMessages(appStore(), job, batches));
