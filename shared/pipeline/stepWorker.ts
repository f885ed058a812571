/** The worker module of the step threads: it runs the steps of offThreadSteps.ts against the app's store. */
import { serveKernels, type Kernel } from '../ml/serveKernels';
import { appStore } from '../storage/appStore';
import { offThreadSteps } from './offThreadSteps';

const served: Record<string, Kernel> = {};
for (const [name, step] of Object.entries(offThreadSteps)) {
  served[name] = (input: never) => (step as (store: ReturnType<typeof appStore>, input: never) => Promise<unknown>)(appStore(), input);
}
serveKernels(served);
