import { activities } from '../shared/pipeline/activities';
import { cleanupRunWork } from '../shared/pipeline/cleanupRunWork';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.cleanupRunWork, (input) => cleanupRunWork(appStore(), input));
