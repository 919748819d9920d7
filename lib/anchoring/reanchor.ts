// Anchoring claims again after an article's text was corrected. For each
// claim, in order of cost:
//   1. position: its old offsets mapped through the edit (lib/anchoring/text-map)
//      still hold its quote: `exact`;
//   2. the exact quote found elsewhere, repeats told apart by context and
//      nearness to where it was expected (match-quote): `moved`;
//   3. the quote found with a few edits, within the error budget, near where it
//      was expected, then anywhere: `fuzzy`, with the words now there;
//   4. else `orphaned`: the claim keeps its quote, offsets and revision, and is
//      never placed on words that are not its own.
import { describeRange, trimSelection, type AnchorState, type ClaimSelector } from './selectors';
import { matchApproximateQuote, matchExactQuote } from './match-quote';
import { mapText, type TextMap } from './text-map';

export interface ReanchorInput extends ClaimSelector {
  /** True when start/end count in the text being replaced; false for a claim orphaned on an older revision. */
  current: boolean;
}

/** Where the claim now lies, with its selectors recomputed on the new text; orphaned: as it was. */
export interface Reanchored extends ClaimSelector {
  state: AnchorState;
}

function anchored(text: string, start: number, end: number, state: Exclude<AnchorState, 'orphaned'>): Reanchored {
  return { ...describeRange(text, start, end), state };
}

/** One claim, given the map of the edit. */
export function reanchorOne(after: string, map: TextMap | null, claim: ReanchorInput): Reanchored {
  const orphaned: Reanchored = { exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix, start: claim.start, end: claim.end, state: 'orphaned' };
  const { exact } = claim;
  if (exact === '' || after === '') return orphaned;

  let hint: number | undefined;
  if (claim.current && map) {
    const start = map.map(claim.start);
    if (start !== null && after.startsWith(exact, start)) return anchored(after, start, start + exact.length, 'exact');
    hint = map.estimate(claim.start);
  } else if (claim.current) {
    hint = Math.min(claim.start, after.length);
  }
  const context = { prefix: claim.prefix, suffix: claim.suffix, hint };

  const found = matchExactQuote(after, exact, context);
  if (found) return anchored(after, found.start, found.end, 'moved');

  const near = matchApproximateQuote(after, exact, context);
  if (near) {
    // The match may begin or end on the space beside a changed word: a claim never starts or ends on whitespace.
    const { start, end } = trimSelection(after, near.start, near.end);
    if (end > start) return anchored(after, start, end, 'fuzzy');
  }
  return orphaned;
}

/** Every claim of an article from its text `before` to its text `after`, in the order given. */
export function reanchorClaims(before: string, after: string, claims: readonly ReanchorInput[]): Reanchored[] {
  // The map is only worth building when some claim counts in `before`.
  const map = claims.some((c) => c.current) ? mapText(before, after) : null;
  return claims.map((claim) => reanchorOne(after, map, claim));
}
