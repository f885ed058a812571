/** A metric's name in the report's words (scikit-learn's names in English); others are shown as given. */
export function metricLabel(name: string, names: Record<string, string>): string {
  return Object.hasOwn(names, name) ? names[name]! : name;
}
