/** Held-out ROC AUC at or above which a customer model is more likely leaking than excellent. */
export const suspiciousAucThreshold = 0.99;

/**
 * A warning for a model that separates customers it never saw almost perfectly. People's choices
 * are never that predictable from what is known beforehand, so such a figure almost always means a
 * feature carries the outcome itself: recorded after it, or another model's score of it.
 */
export function suspiciousAucWarning(rocAuc: number, target?: string): string | undefined {
  if (!(rocAuc >= suspiciousAucThreshold)) return undefined;
  return (
    `The model predicts ${target ? `“${target}”` : 'the target'} with ROC AUC ${rocAuc.toFixed(3)} on customers it did not train on. ` +
    'That is too good to be true: a feature most likely carries the outcome itself (recorded after it, or another model’s score). ' +
    'Check the strongest features and list the one that gives the answer away under "exclude" in manifest.json before acting on these scores.'
  );
}
