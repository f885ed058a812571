import { activities } from '../shared/pipeline/activities';
import { runStep } from '../shared/pipeline/stepThreads';
import { registerActivity } from './durable/registerActivity';

registerActivity(activities.lloydPartition, (payload) => runStep('lloydPartition', payload));
