import { activities } from '../shared/pipeline/activities';
import { reportFailure } from '../shared/pipeline/steps/reportFailure';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.reportFailure, ({ input, problem }) => reportFailure(appStore(), input, problem));
