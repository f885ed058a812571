import { activities } from '../shared/pipeline/activities';
import { initCenters } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.initCenters, ({ input, k }) => initCenters(appStore(), input, k));
