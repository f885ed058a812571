/**
 * Twelve qualitative colours (Tableau 10 and two more) that stay apart for up to twelve segments and
 * read on paper. A segment keeps its colour across runs because segment numbers are stable.
 */
export const segmentPalette: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#2f4b7c', '#8cd17d',
];

export function segmentColor(segment: number): string {
  const index = ((Math.trunc(segment) % segmentPalette.length) + segmentPalette.length) % segmentPalette.length;
  return segmentPalette[index];
}
