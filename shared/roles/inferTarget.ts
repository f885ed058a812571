import { IngestError } from '../ingest/IngestError';
import { cachedColumnStats } from './columnStats';
import type { Manifest } from '../ingest/manifestSchema';
import type { Goal, Schema } from '../ingest/Schema';
import type { Table } from '../ingest/Table';
import type { GoalDecision, TargetDecision } from './DatasetRoles';
import { campaignColumns, labelGoal, targetNameGoal } from './targetVocabulary';

export interface TargetRoles {
  target: Schema['target'];
  decision: TargetDecision;
  goal: GoalDecision;
}

/** Names that measure something about a label rather than being one (a count, a score, a date…). */
const notALabel = /count|score|rate|ratio|date|time|reason|prob|num|amount|days|value|sum|total|share|pct|percent|cost|fee/i;

/** More classes than this in a target-named column means it is not a label (a plan, a tier…). */
const maxClasses = 10;

/**
 * The label and what it means: the manifest's target, else a column named like a churn, response or
 * generic label with 2 to 10 classes. Two classes: the positive one by its word (left, declined,
 * bought, yes, 1). More: an error asking for `positive` (never "first class vs rest" silently),
 * unless the manifest asks for one model per class (`"multiclass": "one-vs-rest"`, 3 to 10 classes).
 * The goal (churn or conversion) from the manifest, the target's name, its positive label and, for a
 * generic yes/no beside campaign columns, the campaign; else neutral.
 */
export function inferTarget(
  table: Table,
  manifest: Pick<Manifest, 'target' | 'positive' | 'goal' | 'multiclass'> | undefined,
  derived: { column: string; positive: string } | undefined,
  skip: ReadonlySet<string>,
): TargetRoles {
  const n = table.rowCount;
  const overrideTarget = '"target": "<column>", "positive": "<value>"';
  const overrideGoal = '"goal": "churn" | "conversion"';
  let column = manifest?.target ?? derived?.column;
  let how = manifest?.target ? 'named in manifest.json' : derived ? 'derived from the purchase history (bought in the first period, not in the second)' : '';
  if (column === undefined) {
    const named = table.columns.filter((c) => {
      if (skip.has(c.name) || c.kind === 'date' || targetNameGoal(c.name) === undefined || notALabel.test(c.name)) return false;
      const d = cachedColumnStats(c, n).distinct;
      return d >= 2 && d <= maxClasses && !(c.kind === 'number' && !cachedColumnStats(c, n).allIntegers);
    });
    // A two-class column is a label; a many-class one ("outcome" of an earlier campaign) only when alone.
    const found = named.find((c) => cachedColumnStats(c, n).distinct === 2) ?? named[0];
    if (found) {
      column = found.name;
      how = `the name "${found.name}" reads as a ${targetNameGoal(found.name) === 'generic' ? 'label' : `${targetNameGoal(found.name)} label`}`;
    }
  }
  if (column === undefined) {
    return {
      target: null,
      decision: { column: null, confidence: 'none', override: overrideTarget, evidence: 'no column is named like a churn or response label, so there is no label to train on.' },
      goal: goalDecision(manifest?.goal, 'neutral', 'none', 'there is no label, so nothing says what a positive outcome would be.', overrideGoal),
    };
  }
  const stats = cachedColumnStats(table.columns.find((c) => c.name === column)!, n);
  const classes = [...stats.counts.keys()];
  let positive = manifest?.positive ?? (manifest?.target ? undefined : derived?.positive);
  let guessedPositive = false;
  if (positive === undefined && classes.length > 2 && manifest?.multiclass === 'one-vs-rest') {
    return oneVsRestTarget(column, how, classes, stats, n, manifest, overrideTarget, overrideGoal);
  }
  if (positive === undefined) {
    if (classes.length > 2) {
      throw new IngestError({
        code: 'TARGET_MULTICLASS',
        file: 'manifest.json',
        column,
        message: `The target "${column}" has ${classes.length} classes (${classes.slice(0, 10).map((v) => `"${v}"`).join(', ')}); which one is the outcome to predict is not clear.`,
        hint: `Set "positive" in manifest.json to the class to predict (the others become its negative), e.g. "positive": "${classes[0]}"; or "multiclass": "one-vs-rest" for one model per class (up to ${maxClasses} classes).`,
      });
    }
    positive = classes.find((v) => labelGoal(v) === 'churn' || labelGoal(v) === 'conversion') ?? classes.find((v) => labelGoal(v) === 'yes');
    if (positive === undefined) {
      const numeric = classes.every((v) => /^-?\d+(\.\d+)?$/.test(v));
      if (numeric) {
        positive = classes.map(Number).sort((a, b) => b - a).map(String)[0]!;
      } else {
        // Words that say neither leaving nor buying: the rarer class is taken as the outcome (outcomes are
        // usually the minority), reported as a weak guess with the manifest line that settles it.
        positive = [...classes].sort((a, b) => stats.counts.get(a)! - stats.counts.get(b)! || a.localeCompare(b))[0]!;
        guessedPositive = true;
      }
    }
  }
  if (!stats.counts.has(positive)) {
    throw new IngestError({
      code: 'MANIFEST_KEY_MISSING',
      file: 'manifest.json',
      column,
      message: `The target column "${column}" never holds the positive value "${positive}"; its values are ${classes.slice(0, 10).map((v) => `"${v}"`).join(', ')}.`,
      hint: 'Set "positive" in manifest.json to the value that marks the outcome (a churned, declining or buying customer).',
    });
  }
  const labelled = n - stats.missing;
  const target = { column, positive, positiveShare: labelled ? stats.counts.get(positive)! / labelled : 0, classes, goal: 'neutral' as Goal };
  const rest = classes.length > 2 ? ` (against the other ${classes.length - 1} classes)` : '';
  const decision: TargetDecision = {
    column, positive, classes, override: overrideTarget,
    confidence: guessedPositive ? 'low' : manifest?.target ? 'manifest' : derived ? 'high' : classes.length === 2 ? 'high' : 'medium',
    evidence: `${how}; positive class "${positive}"${rest}, ${(target.positiveShare * 100).toFixed(1)} % of ${labelled} labelled rows` +
      (guessedPositive ? `; neither "${classes.join('" nor "')}" says which is the outcome, so the rarer one was assumed: set "positive" in manifest.json.` : '.'),
  };

  // The goal: what a positive outcome means for the business.
  let goal: GoalDecision;
  if (manifest?.goal) goal = goalDecision(manifest.goal, manifest.goal, 'manifest', 'set in manifest.json.', overrideGoal);
  else if (derived && column === derived.column) goal = goalDecision(undefined, 'churn', 'high', 'the label marks customers who stopped buying.', overrideGoal);
  else {
    const byName = targetNameGoal(column);
    const byLabel = labelGoal(positive);
    if (byLabel === 'churn' || byLabel === 'conversion') {
      const agrees = byName === byLabel;
      goal = goalDecision(undefined, byLabel, agrees ? 'high' : 'medium', `the positive label "${positive}" means ${byLabel === 'churn' ? 'leaving or declining' : 'buying or responding'}${agrees ? `, as the name "${column}" says` : ''}.`, overrideGoal);
    } else if (byName === 'churn' || byName === 'conversion') {
      goal = goalDecision(undefined, byName, 'high', `the name "${column}" means ${byName === 'churn' ? 'leaving' : 'buying or responding'}, positive "${positive}".`, overrideGoal);
    } else {
      const campaign = table.columns.filter((c) => campaignColumns.test(c.name.trim())).map((c) => c.name);
      goal = campaign.length >= 2
        ? goalDecision(undefined, 'conversion', 'medium', `"${column}" is a generic yes/no label beside campaign columns (${campaign.join(', ')}), so "${positive}" is read as a response to the campaign.`, overrideGoal)
        : goalDecision(undefined, 'neutral', 'low', `neither the name "${column}" nor the label "${positive}" says whether it means leaving or buying; wording stays neutral.`, overrideGoal);
    }
  }
  target.goal = goal.goal;
  return { target, decision, goal };
}

/**
 * One model per class, each against the rest: every class is an outcome in turn, so no single
 * positive value is recorded; the classes are kept in a stable order (numbers ascending, else text)
 * because result columns are named after them.
 */
function oneVsRestTarget(
  column: string,
  how: string,
  found: string[],
  stats: { counts: Map<string, number>; missing: number },
  n: number,
  manifest: Pick<Manifest, 'target' | 'goal'> | undefined,
  overrideTarget: string,
  overrideGoal: string,
): TargetRoles {
  if (found.length > maxClasses) {
    throw new IngestError({
      code: 'TARGET_MULTICLASS',
      file: 'manifest.json',
      column,
      message: `The target "${column}" has ${found.length} classes; one model per class is trained for at most ${maxClasses}.`,
      hint: `Set "positive" in manifest.json to the one class to predict against the rest, or group the classes into ${maxClasses} or fewer.`,
    });
  }
  const numeric = found.every((v) => /^-?\d+(\.\d+)?$/.test(v));
  const classes = [...found].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const labelled = n - stats.missing;
  const mostFrequent = found[0]!;
  const shares = classes.map((c) => `"${c}" ${labelled ? ((stats.counts.get(c)! / labelled) * 100).toFixed(1) : '0.0'} %`).join(', ');
  const decision: TargetDecision = {
    column, classes, override: overrideTarget,
    confidence: manifest?.target ? 'manifest' : 'medium',
    evidence: `${how}; ${classes.length} classes (${shares} of ${labelled} labelled rows), one model per class, each against the other ${classes.length - 1} ("multiclass": "one-vs-rest" in manifest.json).`,
  };
  // Every class is an outcome in turn, so nothing says what a single positive outcome would mean.
  const goal = goalDecision(manifest?.goal, 'neutral', 'none', 'one model per class: no single class is the outcome, so wording stays neutral.', overrideGoal);
  const target = {
    column, positive: mostFrequent, positiveShare: labelled ? stats.counts.get(mostFrequent)! / labelled : 0, classes, goal: goal.goal, oneVsRest: true as const,
  };
  return { target, decision, goal };
}

function goalDecision(manifestGoal: Goal | undefined, goal: Goal, confidence: GoalDecision['confidence'], evidence: string, override: string): GoalDecision {
  const g = manifestGoal ?? goal;
  return { column: null, goal: g, confidence: manifestGoal ? 'manifest' : confidence, evidence: manifestGoal && confidence !== 'manifest' ? 'set in manifest.json.' : evidence, override };
}
