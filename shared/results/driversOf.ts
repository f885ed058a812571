/** One driver of a customer's score: a feature and its contribution (positive raises the score). */
export interface Driver {
  feature: string;
  contribution: number;
}

/** Each customer's drivers from the n × cols matrix of (feature index, contribution) pairs, NaN past the last. */
export function driversOf(pairs: Float64Array, cols: number, featureNames: string[]): (customer: number) => Driver[] {
  return (i) => {
    const out: Driver[] = [];
    for (let t = 0; 2 * t + 1 < cols; t++) {
      const j = pairs[i * cols + 2 * t]!;
      if (Number.isNaN(j)) break;
      out.push({ feature: featureNames[j]!, contribution: pairs[i * cols + 2 * t + 1]! });
    }
    return out;
  };
}
