export interface CalibrationBin {
  /** Bin bounds on the predicted probability, [lower, upper). */
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Reliability diagram data (scikit-learn's calibration_curve, uniform bins) plus the Brier score. */
export function calibrationBins(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): {
  bins: CalibrationBin[]; brier: number; expectedCalibrationError: number;
} {
  const count = new Float64Array(bins), sumP = new Float64Array(bins), sumY = new Float64Array(bins);
  let brier = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = probabilities[i];
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[b]++; sumP[b] += p; sumY[b] += yTrue[i];
    brier += (p - yTrue[i]) ** 2;
  }
  const out: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    const meanPredicted = sumP[b] / count[b], observedRate = sumY[b] / count[b];
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: count[b], meanPredicted, observedRate });
    ece += (count[b] / yTrue.length) * Math.abs(meanPredicted - observedRate);
  }
  return { bins: out, brier: brier / yTrue.length, expectedCalibrationError: ece };
}
