/**
 * The elbow of a decreasing convex curve by the kneedle method (Satopää et al. 2011): normalise
 * x and y to [0, 1], and take the point farthest below the chord from first to last point.
 * Returns the index into xs, or -1 with fewer than 3 points or no bend.
 */
export function findKnee(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 3) return -1;
  const x0 = xs[0], x1 = xs[n - 1];
  const yMax = Math.max(...ys), yMin = Math.min(...ys);
  if (x1 === x0 || yMax === yMin) return -1;
  let best = -1, bestDiff = 0;
  for (let i = 0; i < n; i++) {
    const xn = (xs[i] - x0) / (x1 - x0);
    // decreasing curve: flip y so the knee is a maximum of (y_norm - x_norm)
    const yn = (yMax - ys[i]) / (yMax - yMin);
    const diff = yn - xn;
    if (diff > bestDiff) { bestDiff = diff; best = i; }
  }
  return best;
}
