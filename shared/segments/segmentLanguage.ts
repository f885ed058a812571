import { detectLanguage } from '../messaging/detectLanguage';

/** The languages names, actions and the report are written in. */
export const segmentLanguages = ['en', 'es', 'ru', 'pt'] as const;
export type SegmentLanguage = (typeof segmentLanguages)[number];

/**
 * The language a run's names, actions and report speak: the manifest's `language` when it is one of
 * ours (a region such as "pt-BR" counts as its language), else the language the column names are
 * written in (a Cyrillic table is read by a Russian-speaking team), else English.
 */
export function segmentLanguage(manifestLanguage: string | undefined, columnNames: string[]): SegmentLanguage {
  const declared = manifestLanguage?.split('-')[0]?.toLowerCase();
  if (declared && (segmentLanguages as readonly string[]).includes(declared)) return declared as SegmentLanguage;
  // Column names are words joined by _ or case: split them so function words can be told apart.
  const text = columnNames.map((c) => c.replace(/[_\-.]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2')).join(' ');
  return detectLanguage(text) ?? 'en';
}
