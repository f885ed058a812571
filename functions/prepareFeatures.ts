import { activities } from '../shared/pipeline/activities';
import { prepareFeatures } from '../shared/pipeline/steps/prepareFeatures';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.prepareFeatures, (input) => prepareFeatures(appStore(), input));
