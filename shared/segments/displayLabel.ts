/**
 * A column as people read it: the manifest's label when the team gave one, else the name split into
 * words ("MonthlyCharges" → "monthly charges", "Страниц_за_визит" → "страниц за визит"). A one-hot
 * feature ("Contract=Two year") reads "contract: Two year".
 */
export function displayLabel(feature: string, labels: Record<string, string> = {}): string {
  const eq = feature.indexOf('=');
  if (eq > 0) return `${displayLabel(feature.slice(0, eq), labels)}: ${feature.slice(eq + 1)}`;
  const label = labels[feature];
  if (label) return label;
  const words = feature
    .replace(/[_\-.]+/g, ' ')
    .replace(/([a-z\u0430-\u044f])([A-Z\u0410-\u042f])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/);
  // Acronyms (ID, SMS, CLV) stay as written; other words are lower-cased.
  return words.map((w) => (w.length > 1 && w === w.toUpperCase() && /[A-Z]/.test(w) ? w : w.toLowerCase())).join(' ');
}
