/** Metric names as scikit-learn users know them; others are shown as given. */
const metricNames: Record<string, string> = {
  rocAuc: 'ROC AUC',
  prAuc: 'PR AUC (average precision)',
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  logLoss: 'Log loss',
  brier: 'Brier score',
  positiveRate: 'Churn rate',
};

export function metricLabel(name: string): string {
  return Object.hasOwn(metricNames, name) ? metricNames[name] : name;
}
