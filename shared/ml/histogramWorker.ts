/** The worker module of the gradient-boosting threads: it serves the kernels of histogramKernels.ts. */
import * as histogramKernels from './histogramKernels';
import { serveKernels } from './serveKernels';

serveKernels(histogramKernels);
