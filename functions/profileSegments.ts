import { activities } from '../shared/pipeline/activities';
import { profileSegments } from '../shared/pipeline/steps/profileSegments';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.profileSegments, (input) => profileSegments(appStore(), input));
