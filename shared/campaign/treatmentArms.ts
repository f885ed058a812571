import type { Column } from '../ingest/Table';

/** A treatment column read as arms: 0 = control, 1..arms = each treated arm, −1 = missing. */
export interface TreatmentArms {
  column: string;
  control: string;
  /** How `control` was decided: named in the manifest, or recognised from the values. */
  controlFrom: 'manifest' | 'values';
  arms: string[];
  armOf: Int32Array;
}

const controlWords = /^(0|false|no|none|control|holdout|hold-out|untreated|not treated|no[ _-]?e-?mail|no[ _-]?treatment|no[ _-]?campaign)$/i;

/**
 * Each customer's arm. The control value is the manifest's `control`; without one, the value that
 * reads as "not treated" (0, false, no, control, "No E-Mail"), else undefined: an experiment whose
 * control cannot be told is not measured against a guess.
 */
export function treatmentArms(column: Column, control: string | undefined): TreatmentArms | undefined {
  const text = (i: number): string | null => {
    const v = column.values[i];
    return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : String(v).trim();
  };
  const n = column.values.length;
  const distinct = new Set<string>();
  for (let i = 0; i < n; i++) {
    const v = text(i);
    if (v !== null) distinct.add(v);
  }
  const named = control !== undefined ? [...distinct].find((v) => v === control.trim()) : undefined;
  const guessed = control === undefined ? [...distinct].filter((v) => controlWords.test(v)) : [];
  const chosen = named ?? (guessed.length === 1 ? guessed[0] : undefined);
  if (chosen === undefined) return undefined;
  const arms = [...distinct].filter((v) => v !== chosen).sort();
  const index = new Map(arms.map((a, k) => [a, k + 1]));
  const armOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = text(i);
    armOf[i] = v === null ? -1 : v === chosen ? 0 : index.get(v)!;
  }
  return { column: column.name, control: chosen, controlFrom: named !== undefined ? 'manifest' : 'values', arms, armOf };
}

/** Rows of one arm (0 = control). */
export function rowsOfArm(armOf: Int32Array, arm: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < armOf.length; i++) if (armOf[i] === arm) rows.push(i);
  return rows;
}
