import { activities } from '../shared/pipeline/activities';
import { parseDataset } from '../shared/pipeline/steps/parseDataset';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.parseDataset, (input) => parseDataset(appStore(), input));
