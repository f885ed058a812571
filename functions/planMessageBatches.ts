import { planMessageBatches } from '../shared/api/messageBatches';
import { activities } from '../shared/pipeline/activities';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.planMessageBatches, (job) => planMessageBatches(appStore(), job));
