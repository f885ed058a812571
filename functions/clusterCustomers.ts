import { activities } from '../shared/pipeline/activities';
import { lloydInProcess } from '../shared/pipeline/steps/clusterCustomers';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.clusterCustomers, ({ input, init, tolAbs }) => lloydInProcess(appStore(), input, init, tolAbs));
