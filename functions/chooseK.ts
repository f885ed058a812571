import { activities } from '../shared/pipeline/activities';
import { evaluateCandidateK } from '../shared/pipeline/steps/chooseK';
import { appStore } from '../shared/storage/appStore';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.chooseK, ({ input, k }) => evaluateCandidateK(appStore(), input, k));
