/**
 * A centroid re-ordered into another run's feature order, by feature name. One-hot columns follow
 * category frequency, so two runs of similar data can list the same features in different orders.
 * Features the other run does not have count as 0 (the population mean, in scaled units).
 */
export function alignCentroid(center: readonly number[], fromNames: readonly string[], toNames: readonly string[]): number[] {
  const at = new Map(fromNames.map((name, j) => [name, j]));
  return toNames.map((name) => {
    const j = at.get(name);
    return j === undefined ? 0 : (center[j] ?? 0);
  });
}
