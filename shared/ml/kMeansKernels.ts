/**
 * The inner loops of k-means, the kernels kMeansWorker.ts serves to the worker threads (and that run
 * inline when there are none). Each works on a row range [start, end) of a shared row-major X so
 * threads split the rows, writes its outputs into shared arrays and returns one number.
 * One file past 250 lines on purpose: the worker serves these kernels as one set, and each inlines its
 * distance loops (a call per distance costs more than the loop itself).
 */

/**
 * One Hamerly assignment pass. Bounds (upper = distance to own centre, lower = to the second
 * nearest) are loosened by the centre drifts; a row whose upper bound stays under
 * max(lower, half the gap to the nearest other centre) cannot change cluster and is skipped.
 * With `full`, every distance is computed and this range's sums/counts are rebuilt; otherwise
 * sums/counts are updated only for rows that move. Returns the number of rows that moved.
 */
export function hamerlyAssign(
  X: Float64Array, d: number, k: number, start: number, end: number,
  centers: Float64Array, halfMin: Float64Array, drift: Float64Array,
  labels: Int32Array, upper: Float64Array, lower: Float64Array,
  sums: Float64Array, counts: Float64Array, full: boolean,
): number {
  // locals, not globals, in the hot loop: global lookups are slow inside vm sandboxes (Jest)
  const sqrt = Math.sqrt, INF = 1 / 0;
  let maxDrift = 0, secondDrift = 0, maxIdx = -1;
  if (!full) {
    for (let c = 0; c < k; c++) {
      const v = drift[c];
      if (v > maxDrift) { secondDrift = maxDrift; maxDrift = v; maxIdx = c; } else if (v > secondDrift) secondDrift = v;
    }
  } else {
    sums.fill(0);
    counts.fill(0);
  }
  const d4 = d - (d % 4);
  let changes = 0;
  for (let i = start; i < end; i++) {
    const xb = i * d;
    const a = labels[i];
    if (!full) {
      let u = upper[i] + drift[a];
      const l = lower[i] - (a === maxIdx ? secondDrift : maxDrift);
      const h = halfMin[a];
      const z = l > h ? l : h;
      if (u <= z) { upper[i] = u; lower[i] = l; continue; }
      const cb = a * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
      for (; j < d4; j += 4) {
        const e0 = X[xb + j] - centers[cb + j], e1 = X[xb + j + 1] - centers[cb + j + 1];
        const e2 = X[xb + j + 2] - centers[cb + j + 2], e3 = X[xb + j + 3] - centers[cb + j + 3];
        s0 += e0 * e0; s1 += e1 * e1; s2 += e2 * e2; s3 += e3 * e3;
      }
      for (; j < d; j++) { const e = X[xb + j] - centers[cb + j]; s0 += e * e; }
      u = sqrt(s0 + s1 + s2 + s3);
      if (u <= z) { upper[i] = u; lower[i] = l; continue; }
    }
    let best = 0, d1 = INF, d2 = INF;
    for (let c = 0; c < k; c++) {
      const cb = c * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
      for (; j < d4; j += 4) {
        const e0 = X[xb + j] - centers[cb + j], e1 = X[xb + j + 1] - centers[cb + j + 1];
        const e2 = X[xb + j + 2] - centers[cb + j + 2], e3 = X[xb + j + 3] - centers[cb + j + 3];
        s0 += e0 * e0; s1 += e1 * e1; s2 += e2 * e2; s3 += e3 * e3;
      }
      for (; j < d; j++) { const e = X[xb + j] - centers[cb + j]; s0 += e * e; }
      const s = s0 + s1 + s2 + s3;
      if (s < d1) { d2 = d1; d1 = s; best = c; } else if (s < d2) d2 = s;
    }
    upper[i] = sqrt(d1);
    lower[i] = sqrt(d2);
    if (full) {
      labels[i] = best;
      counts[best] += 1;
      const sb = best * d;
      for (let j = 0; j < d; j++) sums[sb + j] += X[xb + j];
    } else if (best !== a) {
      changes++;
      labels[i] = best;
      counts[a] -= 1;
      counts[best] += 1;
      const ob = a * d, nb = best * d;
      for (let j = 0; j < d; j++) { const v = X[xb + j]; sums[ob + j] -= v; sums[nb + j] += v; }
    }
  }
  return changes;
}

/**
 * One Elkan assignment pass: a lower bound per (row, centre) and an upper bound per row. A centre
 * is examined only when the row's upper bound exceeds both its lower bound and half the distance
 * between the two centres; on overlapping clusters this skips far more distance computations than
 * Hamerly's single lower bound. Bounds are stored relative to the cumulative drift of each centre
 * (`cum`): upper = u − cum[a], lower = l + cum[c], so drifts loosen every bound at once without
 * touching n × k values per iteration. `centerHalf` is k × k half centre-centre distances,
 * halfMin[c] its row minimum. Hamerly's test comes first: nearestOther holds a lower bound on
 * the distance to every other centre (stored + cumMax, the summed largest drifts), so most rows
 * are settled without reading their k bounds. With `full`, every distance is computed and this
 * range's sums/counts are rebuilt; otherwise they change only for rows that move. Returns rows moved.
 */
export function elkanAssign(
  X: Float64Array, d: number, k: number, start: number, end: number,
  centers: Float64Array, centerHalf: Float64Array, halfMin: Float64Array, cum: Float64Array,
  labels: Int32Array, upper: Float64Array, lower: Float64Array, nearestOther: Float64Array, cumMax: number,
  sums: Float64Array, counts: Float64Array, full: boolean,
): number {
  // locals, not globals, in the hot loop: global lookups are slow inside vm sandboxes (Jest)
  const sqrt = Math.sqrt, INF = 1 / 0;
  if (full) {
    sums.fill(0);
    counts.fill(0);
  }
  const d4 = d - (d % 4);
  let changes = 0;
  for (let i = start; i < end; i++) {
    const xb = i * d, lb = i * k;
    if (full) {
      let best = 0, d1 = INF, d2 = INF;
      for (let c = 0; c < k; c++) {
        const cb = c * d;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
        for (; j < d4; j += 4) {
          const e0 = X[xb + j] - centers[cb + j], e1 = X[xb + j + 1] - centers[cb + j + 1];
          const e2 = X[xb + j + 2] - centers[cb + j + 2], e3 = X[xb + j + 3] - centers[cb + j + 3];
          s0 += e0 * e0; s1 += e1 * e1; s2 += e2 * e2; s3 += e3 * e3;
        }
        for (; j < d; j++) { const e = X[xb + j] - centers[cb + j]; s0 += e * e; }
        const dist = sqrt(s0 + s1 + s2 + s3);
        lower[lb + c] = dist + cum[c];
        if (dist < d1) { d2 = d1; d1 = dist; best = c; } else if (dist < d2) d2 = dist;
      }
      upper[i] = d1 - cum[best];
      nearestOther[i] = d2 + cumMax;
      labels[i] = best;
      counts[best] += 1;
      const sb = best * d;
      for (let j = 0; j < d; j++) sums[sb + j] += X[xb + j];
      continue;
    }
    const a0 = labels[i];
    let a = a0;
    let u = upper[i] + cum[a];
    const other = nearestOther[i] - cumMax, hm = halfMin[a];
    const z = other > hm ? other : hm;
    if (u <= z) continue;
    {
      // tighten the upper bound to the exact distance, then Hamerly's test again
      const cb = a * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
      for (; j < d4; j += 4) {
        const e0 = X[xb + j] - centers[cb + j], e1 = X[xb + j + 1] - centers[cb + j + 1];
        const e2 = X[xb + j + 2] - centers[cb + j + 2], e3 = X[xb + j + 3] - centers[cb + j + 3];
        s0 += e0 * e0; s1 += e1 * e1; s2 += e2 * e2; s3 += e3 * e3;
      }
      for (; j < d; j++) { const e = X[xb + j] - centers[cb + j]; s0 += e * e; }
      u = sqrt(s0 + s1 + s2 + s3);
      lower[lb + a] = u + cum[a];
      upper[i] = u - cum[a];
      if (u <= z) continue;
    }
    for (let c = 0; c < k; c++) {
      if (c === a) continue;
      const h = centerHalf[a * k + c], l = lower[lb + c] - cum[c];
      // one comparison against the larger bound: fewer unpredictable branches per centre
      if (u <= (h > l ? h : l)) continue;
      const cb = c * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
      for (; j < d4; j += 4) {
        const e0 = X[xb + j] - centers[cb + j], e1 = X[xb + j + 1] - centers[cb + j + 1];
        const e2 = X[xb + j + 2] - centers[cb + j + 2], e3 = X[xb + j + 3] - centers[cb + j + 3];
        s0 += e0 * e0; s1 += e1 * e1; s2 += e2 * e2; s3 += e3 * e3;
      }
      for (; j < d; j++) { const e = X[xb + j] - centers[cb + j]; s0 += e * e; }
      const dist = sqrt(s0 + s1 + s2 + s3);
      lower[lb + c] = dist + cum[c];
      if (dist < u) { a = c; u = dist; }
    }
    upper[i] = u - cum[a];
    let m = INF;
    for (let c = 0; c < k; c++) {
      if (c === a) continue;
      const l = lower[lb + c] - cum[c];
      if (l < m) m = l;
    }
    nearestOther[i] = m + cumMax;
    if (a !== a0) {
      changes++;
      labels[i] = a;
      counts[a0] -= 1;
      counts[a] += 1;
      const ob = a0 * d, nb = a * d;
      for (let j = 0; j < d; j++) { const v = X[xb + j]; sums[ob + j] -= v; sums[nb + j] += v; }
    }
  }
  return changes;
}

/**
 * Elkan bounds straight from k-means++'s bookkeeping, saving the first full pass: each row's
 * nearest starting centre and squared distance are known, and ‖c − c_a‖ − u bounds the rest.
 */
export function seedElkanBounds(
  X: Float64Array, d: number, k: number, start: number, end: number,
  centerHalf: Float64Array, closest: Float64Array, assign: Int32Array,
  labels: Int32Array, upper: Float64Array, lower: Float64Array, nearestOther: Float64Array,
  sums: Float64Array, counts: Float64Array,
): number {
  const sqrt = Math.sqrt, INF = 1 / 0;
  sums.fill(0);
  counts.fill(0);
  for (let i = start; i < end; i++) {
    const a = assign[i], u = sqrt(closest[i]), lb = i * k, xb = i * d;
    labels[i] = a;
    upper[i] = u;
    let m = INF;
    for (let c = 0; c < k; c++) {
      const l = 2 * centerHalf[a * k + c] - u;
      lower[lb + c] = l > 0 ? l : 0;
      if (c !== a && lower[lb + c] < m) m = lower[lb + c];
    }
    lower[lb + a] = u;
    nearestOther[i] = m;
    counts[a] += 1;
    const sb = a * d;
    for (let j = 0; j < d; j++) sums[sb + j] += X[xb + j];
  }
  return 0;
}

/**
 * k-means++ candidate scoring: for each of t candidate centres, the squared distance of every row
 * to its nearest centre if that candidate were added (candDist[c*n + i]); this range's potential of
 * each candidate goes to pots[c]. A row whose nearest centre a satisfies ½‖cand − c_a‖ ≥ its
 * current distance cannot get closer to the candidate (triangle inequality) and is not measured.
 * candHalf is t × k: ½‖cand_c − centre_j‖ for the centres chosen so far (rows start with assign = 0).
 */
export function candidatePotentials(
  X: Float64Array, d: number, n: number, start: number, end: number,
  candidates: Float64Array, t: number, candHalf: Float64Array, k: number,
  closest: Float64Array, assign: Int32Array, candDist: Float64Array, pots: Float64Array,
): number {
  for (let c = 0; c < t; c++) pots[c] = 0;
  // rows outer, candidates inner in groups of four: each row value is loaded once per group and
  // feeds four independent sums, which keeps the multiply-add units busy
  for (let i = start; i < end; i++) {
    const cl = closest[i], a = assign[i], xb = i * d;
    let c = 0;
    for (; c + 4 <= t; c += 4) {
      const h0 = candHalf[c * k + a], h1 = candHalf[(c + 1) * k + a], h2 = candHalf[(c + 2) * k + a], h3 = candHalf[(c + 3) * k + a];
      let s0 = cl, s1 = cl, s2 = cl, s3 = cl;
      if (h0 * h0 < cl || h1 * h1 < cl || h2 * h2 < cl || h3 * h3 < cl) {
        const b0 = c * d, b1 = b0 + d, b2 = b1 + d, b3 = b2 + d;
        s0 = 0; s1 = 0; s2 = 0; s3 = 0;
        for (let j = 0; j < d; j++) {
          const x = X[xb + j];
          const e0 = x - candidates[b0 + j], e1 = x - candidates[b1 + j], e2 = x - candidates[b2 + j], e3 = x - candidates[b3 + j];
          s0 += e0 * e0; s1 += e1 * e1; s2 += e2 * e2; s3 += e3 * e3;
        }
        if (cl < s0) s0 = cl;
        if (cl < s1) s1 = cl;
        if (cl < s2) s2 = cl;
        if (cl < s3) s3 = cl;
      }
      candDist[c * n + i] = s0; candDist[(c + 1) * n + i] = s1; candDist[(c + 2) * n + i] = s2; candDist[(c + 3) * n + i] = s3;
      pots[c] += s0; pots[c + 1] += s1; pots[c + 2] += s2; pots[c + 3] += s3;
    }
    for (; c < t; c++) {
      const h = candHalf[c * k + a];
      let s = cl;
      if (h * h < cl) {
        const cb = c * d;
        let s0 = 0, s1 = 0, j = 0;
        for (; j + 2 <= d; j += 2) {
          const e0 = X[xb + j] - candidates[cb + j], e1 = X[xb + j + 1] - candidates[cb + j + 1];
          s0 += e0 * e0; s1 += e1 * e1;
        }
        if (j < d) { const e = X[xb + j] - candidates[cb + j]; s0 += e * e; }
        s = s0 + s1;
        if (cl < s) s = cl;
      }
      candDist[c * n + i] = s;
      pots[c] += s;
    }
  }
  return 0;
}

/** Adopts the chosen candidate: rows it is nearer to take its distance and index. */
export function adoptCandidate(
  candDist: Float64Array, offset: number, closest: Float64Array, assign: Int32Array, index: number, start: number, end: number,
): number {
  for (let i = start; i < end; i++) {
    const v = candDist[offset + i];
    if (v < closest[i]) { closest[i] = v; assign[i] = index; }
  }
  return 0;
}

/**
 * Plain assignment of rows [start, end): nearest centre per row (ties to the lower index) into
 * labels[i − labelsBase], and this range's per-cluster sums and counts. Returns the range's inertia.
 */
export function assignRows(
  X: Float64Array, d: number, k: number, start: number, end: number, centers: Float64Array,
  labels: Int32Array, labelsBase: number, sums: Float64Array, counts: Float64Array,
): number {
  const INF = 1 / 0;
  sums.fill(0);
  counts.fill(0);
  let inertia = 0;
  for (let i = start; i < end; i++) {
    const xb = i * d;
    let best = 0, bestDist = INF;
    for (let c = 0; c < k; c++) {
      // summed in nearestCenters' order, so scoring a stored model reproduces these labels bit for bit
      const cb = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) { const e = X[xb + j] - centers[cb + j]; s += e * e; }
      if (s < bestDist) { bestDist = s; best = c; }
    }
    labels[i - labelsBase] = best;
    counts[best] += 1;
    inertia += bestDist;
    const sb = best * d;
    for (let j = 0; j < d; j++) sums[sb + j] += X[xb + j];
  }
  return inertia;
}

/**
 * One mini-batch step (Sculley 2010): each listed row goes to its nearest centre, then each centre
 * moves toward its new members with learning rate 1/count. Returns the batch's inertia before the move.
 */
export function miniBatchStep(
  X: Float64Array, d: number, k: number, centers: Float64Array, counts: Float64Array,
  batch: Int32Array, batchLabels: Int32Array,
): number {
  const INF = 1 / 0;
  const size = batch.length;
  let inertia = 0;
  for (let b = 0; b < size; b++) {
    const xb = batch[b] * d;
    let best = 0, bestDist = INF;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) { const e = X[xb + j] - centers[c * d + j]; s += e * e; }
      if (s < bestDist) { bestDist = s; best = c; }
    }
    batchLabels[b] = best;
    inertia += bestDist;
  }
  for (let b = 0; b < size; b++) {
    const c = batchLabels[b], xb = batch[b] * d;
    counts[c] += 1;
    const eta = 1 / counts[c];
    for (let j = 0; j < d; j++) centers[c * d + j] += eta * (X[xb + j] - centers[c * d + j]);
  }
  return inertia;
}

/** Sum of squared distances of rows to their labelled centre (the inertia of a range). */
export function labelledInertia(
  X: Float64Array, d: number, start: number, end: number, centers: Float64Array, labels: Int32Array,
): number {
  let total = 0;
  for (let i = start; i < end; i++) {
    const xb = i * d, cb = labels[i] * d;
    let s = 0;
    for (let j = 0; j < d; j++) { const e = X[xb + j] - centers[cb + j]; s += e * e; }
    total += s;
  }
  return total;
}
