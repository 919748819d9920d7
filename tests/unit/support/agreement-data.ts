// Published reliability data sets for the agreement tests, as printed in their
// sources (cited beside each), and the builders that turn them into matrices.

import { buildMatrix, type Category, type Observation, type ReliabilityMatrix } from '../../../lib/agreement/matrix';

export const _ = null;

/** Numeric categories, each its own place on the scale. */
export const numericCategories = (values: readonly number[]): Category[] => values.map((v) => ({ label: String(v), value: v }));

const unitId = (u: number) => `unit-${String(u + 1).padStart(3, '0')}`;

/** A matrix from a coders × units table (one row per coder, null where the coder did not rate the unit). */
export function fromCoderRows(rows: readonly (readonly (number | null)[])[], values: readonly number[]): ReliabilityMatrix {
  const observations: Observation[] = rows.flatMap((row, c) =>
    row.flatMap((v, u) => (v === null ? [] : [{ unit: unitId(u), coder: `coder-${c + 1}`, category: values.indexOf(v) }])),
  );
  return buildMatrix(numericCategories(values), observations);
}

/** The same from a units × coders table (one row per unit), as Gwet prints raw ratings. */
export function fromUnitRows(rows: readonly (readonly (number | null)[])[], values: readonly number[]): ReliabilityMatrix {
  const coders = Math.max(0, ...rows.map((r) => r.length));
  return fromCoderRows(Array.from({ length: coders }, (_x, c) => rows.map((r) => r[c] ?? null)), values);
}

/**
 * A matrix from a distribution of raters by unit and category (units × K
 * counts), as Fleiss (1971) prints it: each unit rated by raters of its own.
 */
export function fromDistribution(rows: readonly (readonly number[])[]): ReliabilityMatrix {
  const K = rows[0]?.length ?? 0;
  const observations: Observation[] = rows.flatMap((row, u) =>
    row.flatMap((n, k) => Array.from({ length: n }, (_x, r) => ({ unit: unitId(u), coder: `unit-${u + 1}-rater-${k}-${r}`, category: k }))),
  );
  return buildMatrix(numericCategories(Array.from({ length: K }, (_x, k) => k + 1)), observations);
}

/** A two-coder matrix from a K × K contingency table (rows: first coder's category, columns: second's). */
export function fromContingencyTable(table: readonly (readonly number[])[]): ReliabilityMatrix {
  const observations: Observation[] = [];
  let u = 0;
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let t = 0; t < count; t++, u++) {
        observations.push({ unit: unitId(u), coder: 'first', category: i }, { unit: unitId(u), coder: 'second', category: j });
      }
    }),
  );
  return buildMatrix(numericCategories(table.map((_x, k) => k + 1)), observations);
}

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
 * Annenberg School for Communication, University of Pennsylvania, section C
 * ("Nominal data, any number of observers, missing data"), the same data used
 * for the ordinal, interval and ratio examples: 4 observers × 12 units, values
 * 1–5. Reproduced as `cac.raw4raters` in Gwet, K. L. (2014), Handbook of
 * Inter-Rater Reliability, 4th ed., p. 120 (units × raters; there the lone
 * rating of unit 12 is credited to another rater, which changes no measure).
 */
export const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/**
 * Wikipedia, "Krippendorff's alpha", section "A computational example":
 * 3 coders × 15 units, values 1–4, many missing. Also the test data of the
 * `krippendorff` Python package (pln-fing-udelar/fast-krippendorff,
 * tests/test_krippendorff.py: nominal 0.691358, interval 0.810845).
 */
export const WIKIPEDIA_KRIPPENDORFF = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

/**
 * Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., p. 125
 * (`cac.raw5obser` in irrCAC): 5 observers scored 15 units on 0–3, only
 * observer 3 scored them all. Units × observers.
 */
export const GWET_5_OBSERVERS = [
  [1, 1, 2, _, 2],
  [1, 1, 0, 1, _],
  [2, 3, 3, 3, _],
  [_, 0, 0, _, 0],
  [0, 0, 0, _, 0],
  [0, 0, 0, _, 0],
  [1, 0, 2, _, 1],
  [1, _, 2, 0, _],
  [2, 2, 2, _, 2],
  [2, 1, 1, 1, _],
  [_, 1, 0, 0, _],
  [0, 0, 0, 0, _],
  [1, 2, 2, 2, _],
  [3, 3, 2, 2, 3],
  [1, 1, 1, _, 1],
];

/**
 * Wikipedia, "Fleiss' kappa", section "Worked example": 10 subjects, 14 raters
 * each, 5 categories (P̄ = 0.378, P̄_e = 0.213, κ = 0.210).
 */
export const WIKIPEDIA_FLEISS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/**
 * Six psychiatrists classify 15 patients into 5 diagnoses (depression,
 * personality disorder, schizophrenia, neurosis, other), after Fleiss, J. L.
 * (1971), Psychological Bulletin 76, 378–382; `distrib.6raters` in Gwet's
 * irrCAC R package, whose README prints Fleiss' kappa 0.4139265, Gwet's AC1
 * 0.4448007, Krippendorff's alpha 0.4204384 and p_a 0.5511111 for it.
 */
export const FLEISS_6_RATERS = [
  [0, 0, 0, 6, 0],
  [0, 3, 0, 0, 3],
  [0, 1, 4, 0, 1],
  [0, 0, 0, 0, 6],
  [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0],
  [0, 0, 4, 0, 2],
  [2, 0, 3, 1, 0],
  [2, 0, 0, 4, 0],
  [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0],
  [1, 1, 0, 4, 0],
  [0, 3, 3, 0, 0],
  [1, 0, 0, 5, 0],
  [0, 2, 0, 3, 1],
];

/**
 * Gwet, K. L. (2014), Handbook of Inter-Rater Reliability, 4th ed.
 * (`cont3x3abstractors` in irrCAC): two abstractors classify 100 pregnancies
 * as ectopic, abnormal intra-uterine or normal intra-uterine. The irrCAC README
 * prints Cohen's kappa 0.7964094, Gwet's AC1 0.8493305, Krippendorff's alpha
 * 0.7972585 and percent agreement 0.89 for it.
 */
export const GWET_ABSTRACTORS = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];
