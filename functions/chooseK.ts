import { activities } from '../shared/pipeline/activities';
import { runStep } from '../shared/pipeline/stepThreads';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.chooseK, (payload) => runStep('chooseK', payload));
