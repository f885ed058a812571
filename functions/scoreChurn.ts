import { activities } from '../shared/pipeline/activities';
import { scoreChurn } from '../shared/pipeline/steps/scoreChurn';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.scoreChurn, (input) => scoreChurn(appStore(), input));
