/**
 * Priority per customer, 1 = act first. With a risk score (churn probability, conversion
 * probability or heuristic risk): risk × value (a negative value counts as none, a missing one as
 * 1), or risk alone without a value column. Without any risk score there is nothing to weigh value
 * against, so the highest value comes first (missing values last); without a value column either,
 * the input order. Ties keep the input order.
 */
export function customerPriority(n: number, risk?: ArrayLike<number>, value?: ArrayLike<number>): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  if (risk) {
    const loss = Float64Array.from(order, (i) => risk[i]! * (value && Number.isFinite(value[i]) ? Math.max(0, value[i]!) : 1));
    order.sort((a, b) => loss[b]! - loss[a]! || a - b);
  } else if (value) {
    const worth = Float64Array.from(order, (i) => (Number.isFinite(value[i]) ? value[i]! : -Infinity));
    order.sort((a, b) => (worth[b] === worth[a] ? a - b : worth[b]! > worth[a]! ? 1 : -1));
  }
  const priority = new Int32Array(n);
  order.forEach((row, rank) => (priority[row] = rank + 1));
  return priority;
}
