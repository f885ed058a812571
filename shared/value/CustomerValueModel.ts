import type { BgNbdParameters } from './BgNbd';
import type { GammaGammaParameters } from './GammaGamma';

/**
 * How a run estimated customer value, kept in model.json (`customerValue`): the fitted parameters
 * and the window they were fitted on, so a reader can recompute any customer's figure.
 */
export interface CustomerValueModel {
  kind: 'bg-nbd+gamma-gamma';
  /** BG/NBD and Gamma-Gamma times are in weeks. */
  timeUnit: 'week';
  horizonWeeks: number;
  /** End of the observed purchases (ISO): value and next purchase count forward from it. */
  observedUntil: string;
  bgNbd: BgNbdParameters & { logLikelihood: number; customers: number };
  /** Null when fewer than two customers repeated with a positive spend, or q ≤ 1 (no finite mean). */
  gammaGamma: (GammaGammaParameters & { logLikelihood: number; customers: number }) | null;
  /** The spend per purchase used without Gamma-Gamma: the mean of every purchase day's net spend. */
  fallbackSpend: number | null;
}
