// The agreement part of `npm run bench`: every agreement figure of a desk at
// the size issue 9 sets, 10,000 claims × 5 reviewers (50,000 verdicts), in
// process, beside a baseline measured in the same run: one pass over the same
// verdicts counting ratings per claim, the least any per-claim statistic costs.
//
// Timed: building the reliability matrix from the verdicts, the report (percent
// agreement, Krippendorff's alpha at three levels, Fleiss' kappa, Gwet's AC1,
// Cohen's kappa for every pair), and Dawid–Skene; the goal is on their sum,
// measured as one sequence per run. Medians over the runs, after warm-up runs
// (V8 compiles the loops on the first ones).
import { dawidSkene } from '../lib/agreement/dawid-skene';
import { ratingsMatrix, type RatedVerdict } from '../lib/agreement/matrix';
import { agreementReport } from '../lib/agreement/report';
import { RATINGS } from '../lib/ratings';
import { syntheticDesk } from '../tests/fixtures/agreement-desk';
import { median, round } from './stats';

export const AGREEMENT_GOAL = { claims: 10_000, reviewers: 5, underMs: 200 };
const WARM_UP_RUNS = 3;

export interface AgreementFigures {
  claims: number;
  reviewers: number;
  verdicts: number;
  runs: number;
  /** Medians over the runs, in milliseconds. */
  baselineMs: number;
  matrixMs: number;
  reportMs: number;
  dawidSkeneMs: number;
  /** Matrix, report and Dawid–Skene in one sequence. */
  totalMs: number;
  minTotalMs: number;
  maxTotalMs: number;
  /** totalMs over baselineMs. */
  vsBaseline: number;
  dawidSkeneIterations: number | null;
  goal: { underMs: number; met: boolean };
}

/** The baseline: a single pass over the verdicts, a count per claim and rating (what the plain consensus needs). */
function countPerClaim(verdicts: readonly RatedVerdict[]): Map<string, Int32Array> {
  const index = new Map<string, number>(RATINGS.map((r, i) => [r, i]));
  const counts = new Map<string, Int32Array>();
  for (const v of verdicts) {
    let row = counts.get(v.claimId);
    if (!row) counts.set(v.claimId, (row = new Int32Array(RATINGS.length)));
    row[index.get(v.rating)!]! += 1;
  }
  return counts;
}

const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
};

export function measureAgreement(runs: number, log: (line: string) => void = () => undefined): AgreementFigures {
  // Reviewers from careful to coin-tossing, every claim rated by all five.
  const reviewers = [0.9, 0.8, 0.7, 0.6, null].map((accuracy, i) => ({ id: `reviewer-${i + 1}`, accuracy }));
  const { verdicts } = syntheticDesk({ claims: AGREEMENT_GOAL.claims, reviewers, seed: 9 });
  const samples: { baseline: number; matrix: number; report: number; dawidSkene: number; total: number }[] = [];
  let iterations: number | null = null;
  for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
    const [counts, baseline] = time(() => countPerClaim(verdicts));
    if (counts.size !== AGREEMENT_GOAL.claims) throw new Error(`the baseline counted ${counts.size} claims`);
    const start = performance.now();
    const [matrix, matrixMs] = time(() => ratingsMatrix(verdicts));
    const [report, reportMs] = time(() => agreementReport(matrix));
    const [estimate, dawidSkeneMs] = time(() => dawidSkene(matrix));
    const total = performance.now() - start;
    if (report.claims !== AGREEMENT_GOAL.claims || report.cohenKappa.length !== 10) throw new Error('the report is not of the whole desk');
    iterations = estimate.insufficientData ? null : estimate.iterations;
    if (run >= WARM_UP_RUNS) samples.push({ baseline, matrix: matrixMs, report: reportMs, dawidSkene: dawidSkeneMs, total });
    log(`${run < WARM_UP_RUNS ? 'warm-up' : `run ${run - WARM_UP_RUNS + 1}/${runs}`}: ${round(total, 1)} ms (baseline ${round(baseline, 1)} ms)`);
  }
  const med = (key: keyof (typeof samples)[number]) => round(median(samples.map((s) => s[key])), 1);
  const totals = samples.map((s) => s.total);
  const totalMs = med('total');
  const baselineMs = med('baseline');
  return {
    claims: AGREEMENT_GOAL.claims,
    reviewers: reviewers.length,
    verdicts: verdicts.length,
    runs,
    baselineMs,
    matrixMs: med('matrix'),
    reportMs: med('report'),
    dawidSkeneMs: med('dawidSkene'),
    totalMs,
    minTotalMs: round(Math.min(...totals), 1),
    maxTotalMs: round(Math.max(...totals), 1),
    vsBaseline: baselineMs > 0 ? round(totalMs / baselineMs, 1) : 0,
    dawidSkeneIterations: iterations,
    goal: { underMs: AGREEMENT_GOAL.underMs, met: totalMs < AGREEMENT_GOAL.underMs },
  };
}
