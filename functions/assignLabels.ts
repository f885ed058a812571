import { activities } from '../shared/pipeline/activities';
import { assignLabels } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.assignLabels, ({ input, centers, iterations }) => assignLabels(appStore(), input, centers, iterations));
