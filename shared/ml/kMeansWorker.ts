/** The worker module of the k-means threads: it serves the kernels of kMeansKernels.ts. */
import * as kMeansKernels from './kMeansKernels';
import { serveKernels } from './serveKernels';

serveKernels(kMeansKernels);
