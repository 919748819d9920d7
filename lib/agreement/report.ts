// Every agreement figure of a desk at once, in the shape of the agreement API
// (issue 9): one matrix, each measure reading it in one pass.

import { pairwiseCohenKappa, type PairKappa } from './cohen';
import { fleissKappa, type FleissKappa } from './fleiss';
import { gwetAC1 } from './gwet';
import { krippendorffAlpha } from './krippendorff';
import type { ReliabilityMatrix } from './matrix';
import { percentAgreement } from './percent-agreement';

export interface AgreementReport {
  /** Reviewers with at least one verdict. */
  reviewers: number;
  /** Claims with at least one verdict. */
  claims: number;
  percentAgreement: number | null;
  krippendorffAlpha: { nominal: number | null; ordinal: number | null; interval: number | null };
  /** With the number of reviewers per claim it was computed for, and over how many claims. */
  fleissKappa: FleissKappa | null;
  gwetAC1: number | null;
  cohenKappa: PairKappa[];
}

/** Each figure is null where it is undefined (see each measure); none is ever NaN. */
export function agreementReport(matrix: ReliabilityMatrix): AgreementReport {
  return {
    reviewers: matrix.coders.length,
    claims: matrix.units.length,
    percentAgreement: percentAgreement(matrix),
    krippendorffAlpha: {
      nominal: krippendorffAlpha(matrix, 'nominal'),
      ordinal: krippendorffAlpha(matrix, 'ordinal'),
      interval: krippendorffAlpha(matrix, 'interval'),
    },
    fleissKappa: fleissKappa(matrix),
    gwetAC1: gwetAC1(matrix),
    cohenKappa: pairwiseCohenKappa(matrix),
  };
}
