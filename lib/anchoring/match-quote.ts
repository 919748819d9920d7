// Finding a quote in a text that may have changed around it, or in it: every
// candidate place is scored on how well the quote, the context before it, the
// context after it and its nearness to where it was expected agree with what
// the claim recorded. The weights follow the Hypothesis client's (quote 50,
// prefix 20, suffix 20, position 2): the words themselves matter most, the
// context tells repeats apart, and position only breaks ties.
import approxSearch from 'approx-string-match';

export const QUOTE_WEIGHT = 50;
export const PREFIX_WEIGHT = 20;
export const SUFFIX_WEIGHT = 20;
export const POSITION_WEIGHT = 2;

/**
 * The edits (characters inserted, deleted or replaced) a quote may have
 * undergone and still be the same claim, as a share of its length: 0.25 lets
 * a 40-character quote lose or change 10. Higher finds claims through heavier
 * rewording, but a short quote then matches unrelated words (at 0.5, as
 * Hypothesis allows, "le taux a baissé" would land on "le temps a passé"), and
 * the search costs grow with the budget; lower orphans claims whose quote
 * only had a typo or an accent fixed.
 */
export const FUZZY_ERROR_RATIO = 0.25;

/** The most edits a quote of this length may have undergone (0 for very short quotes). */
export function errorBudget(quoteLength: number): number {
  return Math.floor(quoteLength * FUZZY_ERROR_RATIO);
}

/**
 * How far on each side of the expected position the approximate search looks
 * first, before the whole text: enough for the claim's paragraph and its
 * neighbours, at a small fraction of the cost of a 200,000-character article.
 */
export const FUZZY_WINDOW = 2_000;

/**
 * Quotes longer than this are anchored exactly or orphaned, never
 * approximately: approx-string-match finds where each match starts by a
 * search backwards per match, so a long quote over repetitive text (a run of
 * one letter) costs its length times the matches — 0.2 s at 500 characters,
 * 0.9 s at 1,000, per claim. A passage that long is rarely a single claim.
 */
export const MAX_FUZZY_LENGTH = 500;

export interface QuoteContext {
  prefix: string;
  suffix: string;
  /** Where the quote is expected to start in the text, when known. */
  hint?: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** Edits between the quote and text[start, end). */
  errors: number;
  /** 0 to 1: 1 for the quote found whole, with its whole context, where expected. */
  score: number;
}

/**
 * Similarity (0 to 1) of `expected` to the text beside a candidate, by edit
 * distance: a context that lost one character still scores high, where a
 * count of characters equal from the quote outwards would drop to nothing.
 */
function contextScore(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  if (actual === expected) return 1;
  const best = approxSearch(actual, expected, expected.length);
  const errors = best.length > 0 ? Math.min(...best.map((m) => m.errors)) : expected.length;
  return 1 - errors / expected.length;
}

function score(text: string, quoteLength: number, candidate: { start: number; end: number; errors: number }, context: QuoteContext): number {
  const quote = 1 - candidate.errors / quoteLength;
  const prefix = contextScore(text.slice(Math.max(0, candidate.start - context.prefix.length), candidate.start), context.prefix);
  const suffix = contextScore(text.slice(candidate.end, candidate.end + context.suffix.length), context.suffix);
  const position = context.hint === undefined || text.length === 0 ? 1 : 1 - Math.abs(candidate.start - context.hint) / text.length;
  return (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * position) / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
}

function best(text: string, quoteLength: number, candidates: Iterable<{ start: number; end: number; errors: number }>, context: QuoteContext): QuoteMatch | null {
  let top: QuoteMatch | null = null;
  for (const candidate of candidates) {
    const s = score(text, quoteLength, candidate, context);
    // Strictly greater: the earliest of equals wins, so the result does not depend on ties' order.
    if (!top || s > top.score) top = { ...candidate, score: s };
  }
  return top;
}

/**
 * The most places weighed for one quote. A quote repeated more often ("la", or
 * a run of one letter) is weighed at the places nearest where it was expected
 * and at its first ones: scoring every one of 200,000 places costs seconds.
 */
export const MAX_CANDIDATES = 1_000;

/** Up to `max` places holding the quote exactly, from `from` on. */
function occurrencesFrom(text: string, quote: string, from: number, max: number): { start: number; end: number; errors: number }[] {
  const found = [];
  for (let at = text.indexOf(quote, from); at !== -1 && found.length < max; at = text.indexOf(quote, at + 1)) {
    found.push({ start: at, end: at + quote.length, errors: 0 });
  }
  return found;
}

/** The best place holding the quote exactly, or null when it occurs nowhere. */
export function matchExactQuote(text: string, quote: string, context: QuoteContext): QuoteMatch | null {
  if (quote === '') return null;
  const half = MAX_CANDIDATES / 2;
  const first = occurrencesFrom(text, quote, 0, half);
  if (first.length < half || context.hint === undefined) return best(text, quote.length, first, context);
  // Many repeats: those from a little before the expected place, and the first ones.
  const near = occurrencesFrom(text, quote, Math.max(0, context.hint - quote.length - FUZZY_WINDOW), half);
  const seen = new Set(near.map((c) => c.start));
  return best(text, quote.length, [...near, ...first.filter((c) => !seen.has(c.start))].sort((a, b) => a.start - b.start), context);
}

/** The candidates nearest the hint (all of them when few): fewest edits first, then nearness. */
function fewest(found: { start: number; end: number; errors: number }[], hint: number | undefined) {
  if (found.length <= MAX_CANDIDATES) return found;
  const distance = (c: { start: number }) => (hint === undefined ? c.start : Math.abs(c.start - hint));
  return found
    .sort((a, b) => a.errors - b.errors || distance(a) - distance(b))
    .slice(0, MAX_CANDIDATES)
    .sort((a, b) => a.start - b.start);
}

/**
 * The best place holding the quote with at most errorBudget(quote.length)
 * edits: first within FUZZY_WINDOW of the hint, then (when that finds nothing)
 * anywhere. Null when nothing is close enough.
 */
export function matchApproximateQuote(text: string, quote: string, context: QuoteContext): QuoteMatch | null {
  if (quote === '' || text === '' || quote.length > MAX_FUZZY_LENGTH) return null;
  const budget = errorBudget(quote.length);
  const within = (from: number, to: number) => {
    const found = approxSearch(text.slice(from, to), quote, budget).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
    return best(text, quote.length, fewest(found, context.hint), context);
  };
  if (context.hint === undefined) return within(0, text.length);
  const from = Math.max(0, context.hint - FUZZY_WINDOW);
  const to = Math.min(text.length, context.hint + quote.length + FUZZY_WINDOW);
  const near = within(from, to);
  // The window was the whole text, or found it.
  if (near || (from === 0 && to === text.length)) return near;
  // Far from where it was expected, an approximate match is taken only when nothing else
  // comes as close: a removed passage must not land on its near-twin elsewhere (a dispatch
  // repeated with another number), where a passage moved and reworded is found alone.
  const far = fewest(
    approxSearch(text, quote, budget).map((m) => ({ start: m.start, end: m.end, errors: m.errors })),
    context.hint,
  );
  if (far.length === 0) return null;
  const fewestErrors = Math.min(...far.map((m) => m.errors));
  const places = far.filter((m) => m.errors <= fewestErrors + 1).map((m) => m.start).sort((a, b) => a - b);
  // Matches of one place overlap (starts a few characters apart); two places are half a quote apart or more.
  const distinct = places.filter((start, i) => i === 0 || start - places[i - 1]! >= quote.length / 2).length;
  return distinct === 1 ? best(text, quote.length, far, context) : null;
}
