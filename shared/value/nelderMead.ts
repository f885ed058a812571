export interface NelderMeadOptions {
  /** Stop when the simplex's function values span less than this. */
  tolerance?: number;
  maxIterations?: number;
  /** Edge of the starting simplex along each axis. */
  step?: number;
}

export interface Minimum {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

/**
 * Nelder–Mead downhill simplex (Nelder & Mead 1965, the standard reflection 1, expansion 2,
 * contraction ½, shrink ½): derivative-free, so a likelihood is maximised without writing its
 * gradient. A non-finite value counts as +∞, which keeps the search inside the valid region.
 */
export function nelderMead(f: (x: Float64Array) => number, start: ArrayLike<number>, options: NelderMeadOptions = {}): Minimum {
  const { tolerance = 1e-10, maxIterations = 5000, step = 0.5 } = options;
  const d = start.length;
  const value = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const points: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < d; i++) {
    const p = Float64Array.from(start);
    p[i] += step;
    points.push(p);
  }
  const values = points.map(value);
  const centroid = new Float64Array(d);
  const along = (t: number): Float64Array => {
    const worst = points[d]!;
    const p = new Float64Array(d);
    for (let j = 0; j < d; j++) p[j] = centroid[j]! + t * (worst[j]! - centroid[j]!);
    return p;
  };
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const sortedPoints = order.map((i) => points[i]!);
    const sortedValues = order.map((i) => values[i]!);
    for (let i = 0; i <= d; i++) {
      points[i] = sortedPoints[i]!;
      values[i] = sortedValues[i]!;
    }
    if (Math.abs(values[d]! - values[0]!) <= tolerance * (Math.abs(values[0]!) + tolerance)) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += points[i]![j]! / d;
    const reflected = along(-1);
    const fr = value(reflected);
    if (fr < values[0]!) {
      const expanded = along(-2);
      const fe = value(expanded);
      if (fe < fr) [points[d], values[d]] = [expanded, fe];
      else [points[d], values[d]] = [reflected, fr];
    } else if (fr < values[d - 1]!) {
      [points[d], values[d]] = [reflected, fr];
    } else {
      // Contract toward the better of the worst point and its reflection.
      const outside = fr < values[d]!;
      const contracted = along(outside ? -0.5 : 0.5);
      const fc = value(contracted);
      if (fc < (outside ? fr : values[d]!)) {
        [points[d], values[d]] = [contracted, fc];
      } else {
        for (let i = 1; i <= d; i++) {
          const p = points[i]!;
          for (let j = 0; j < d; j++) p[j] = points[0]![j]! + 0.5 * (p[j]! - points[0]![j]!);
          values[i] = value(p);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) if (values[i]! < values[best]!) best = i;
  return { x: points[best]!, value: values[best]!, iterations, converged };
}

/**
 * Nelder–Mead from `start`, then restarted from its own optimum (a simplex can stall on a ridge)
 * while a restart still gains more than one part in 10⁷ of the value: on a likelihood, smaller gains
 * move no estimate, and a ridge that never ends (a model whose dropout tends to zero) would
 * otherwise keep every restart crawling to its iteration limit.
 */
export function minimizeWithRestarts(f: (x: Float64Array) => number, start: ArrayLike<number>, restarts = 5): Minimum {
  let best = nelderMead(f, start, { step: 1 });
  for (let restart = 0; restart < restarts; restart++) {
    const again = nelderMead(f, best.x, { step: 0.2 });
    const improved = again.value < best.value - 1e-7 * Math.abs(best.value);
    best = again.value <= best.value ? again : best;
    if (!improved) break;
  }
  return best;
}
