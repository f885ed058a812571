/** The Qini curve of one targeting order on held-out customers, and its area against random targeting. */
export interface QiniSummary {
  customers: number;
  treated: number;
  control: number;
  /**
   * Area under the Qini curve, as extra desired outcomes per held-out customer averaged over every
   * targeting depth (AUUC); `randomAuuc` is random targeting's area (the straight line to the same end).
   */
  auuc: number;
  randomAuuc: number;
  /** auuc − randomAuuc: above 0 the ranking finds more of the effect early than random targeting. */
  qini: number;
  /** Extra desired outcomes when the first `share` of customers is targeted (Q(k) = Yt(k) − Yc(k)·Nt(k)/Nc(k)). */
  curve: { share: number; gain: number; random: number }[];
}

/**
 * Customers ordered by `score` (highest first); at each depth, the desired outcomes among the
 * treated minus those among the control scaled to the treated count. `desired` is 1 where the
 * outcome the campaign wants happened (stayed for churn, bought for conversion).
 */
export function qiniCurve(score: Float64Array, desired: Float64Array, treated: Uint8Array, points = 20): QiniSummary {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
  const gains = new Float64Array(n + 1);
  let nt = 0, nc = 0, yt = 0, yc = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (treated[i]) { nt++; yt += desired[i]!; } else { nc++; yc += desired[i]!; }
    gains[k + 1] = nc > 0 ? yt - (yc * nt) / nc : 0;
  }
  const end = gains[n]!;
  let area = 0;
  for (let k = 1; k <= n; k++) area += (gains[k - 1]! + gains[k]!) / 2;
  const auuc = n ? area / n / n : 0;
  const randomAuuc = n ? end / 2 / n : 0;
  const curve = Array.from({ length: points + 1 }, (_, p) => {
    const k = Math.round((p / points) * n);
    return { share: p / points, gain: gains[k]!, random: (end * k) / Math.max(1, n) };
  });
  return { customers: n, treated: nt, control: nc, auuc, randomAuuc, qini: auuc - randomAuuc, curve };
}
