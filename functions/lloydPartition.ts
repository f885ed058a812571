import { activities } from '../shared/pipeline/activities';
import { lloydPartition } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.lloydPartition, ({ input, start, end, centers }) => lloydPartition(appStore(), input, start, end, centers));
