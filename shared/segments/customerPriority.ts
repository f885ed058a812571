/**
 * Priority per customer, 1 = act first. With a risk score (churn probability, conversion
 * probability or heuristic risk): risk × value (a negative value counts as none, a missing one as
 * 1), or risk alone without a value column. Without any risk score there is nothing to weigh value
 * against, so the highest value comes first (missing values last); without a value column either,
 * the input order. Ties keep the input order.
 */
export function customerPriority(n: number, risk?: ArrayLike<number>, value?: ArrayLike<number>): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  const scores = priorityScores(n, risk, value);
  if (risk && scores) {
    order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  } else if (scores) {
    order.sort((a, b) => (scores[b] === scores[a] ? a - b : scores[b]! > scores[a]! ? 1 : -1));
  }
  const priority = new Int32Array(n);
  order.forEach((row, rank) => (priority[row] = rank + 1));
  return priority;
}

/**
 * What priority ranks on, highest first: risk × value (risk alone without a value column), or the
 * value alone without a risk (missing = -Infinity, last); undefined without either (input order).
 */
export function priorityScores(n: number, risk?: ArrayLike<number>, value?: ArrayLike<number>): Float64Array | undefined {
  if (risk) return Float64Array.from({ length: n }, (_, i) => risk[i]! * (value && Number.isFinite(value[i]) ? Math.max(0, value[i]!) : 1));
  if (value) return Float64Array.from({ length: n }, (_, i) => (Number.isFinite(value[i]) ? value[i]! : -Infinity));
  return undefined;
}
