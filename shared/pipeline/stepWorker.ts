/** The worker module of the step threads: it runs the steps of offThreadSteps.ts against the app's store. */
import { shutdownKMeansWorkers } from '../ml/kMeansPool';
import { serveKernels, type Kernel } from '../ml/serveKernels';
import { appStore } from '../storage/appStore';
import { offThreadSteps } from './offThreadSteps';

/** Steps running on this thread now. */
let running = 0;

const served: Record<string, Kernel> = {};
for (const [name, step] of Object.entries(offThreadSteps)) {
  served[name] = async (input: never) => {
    running++;
    try {
      return await (step as (store: ReturnType<typeof appStore>, input: never) => Promise<unknown>)(appStore(), input);
    } finally {
      // Idle k-means threads keep their heaps (and the shared matrices they last read) until V8
      // collects there: once no step runs here, they stop, and the next step that clusters starts
      // them again (a few ms). At 100,000 customers this took ~50 MB off the run's peak, which
      // comes in writeResults, after the last k-means step (bench pipeline).
      if (--running === 0) void shutdownKMeansWorkers();
    }
  };
}
serveKernels(served);
