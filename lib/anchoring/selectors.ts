// Selectors in the style of the W3C Web Annotation model, over the plain text
// of an article. A claim is stored twice over: as a TextPosition (fast, exact,
// but fragile when the text is edited) and as a TextQuote (the quoted words
// plus a little context, robust to edits elsewhere). Anchoring tries the
// position first and uses the quote as the check, falling back to searching
// for the quote, as the Hypothesis client does.
//
// Offsets are UTF-16 code units (JavaScript string indices); `end` is
// exclusive, so `text.slice(start, end) === exact` for an intact anchor.

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPosition {
  start: number;
  end: number;
}

export type ClaimSelector = TextQuote & TextPosition;

/**
 * exact: found where the position said (or, with no position, found at all);
 * moved: found by quote elsewhere; fuzzy: found only approximately (set by
 * re-anchoring after an edit, not by this module); orphaned: lost.
 */
export type AnchorState = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

export interface SelectorInput {
  exact: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}

export interface Anchor {
  start: number;
  end: number;
  state: 'exact' | 'moved';
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when index `i` falls between the two halves of a surrogate pair. */
function splitsSurrogatePair(text: string, i: number): boolean {
  return (
    i > 0 &&
    i < text.length &&
    isHighSurrogate(text.charCodeAt(i - 1)) &&
    isLowSurrogate(text.charCodeAt(i))
  );
}

/**
 * Describe text[start, end) as a quote-plus-position selector.
 *
 * The context is clipped inwards rather than outwards when its outer edge
 * would cut an emoji in half, so prefix and suffix are always well-formed
 * strings (they are serialised to JSON and shown to people).
 */
export function describeRange(
  text: string,
  start: number,
  end: number,
  contextLength: number = CONTEXT_LENGTH,
): ClaimSelector {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`Offsets must be integers (got ${start}, ${end})`);
  }
  if (start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Invalid range [${start}, ${end}) for a text of length ${text.length}`);
  }
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`Invalid context length ${contextLength}`);
  }

  let prefixStart = Math.max(0, start - contextLength);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + contextLength);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;

  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
    start,
    end,
  };
}

/** The UTF-16 code units of `s`, in order or reversed: typed arrays that the loops below read directly. */
function codeUnits(s: string, reverse = false): Uint16Array {
  const out = new Uint16Array(s.length);
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) out[reverse ? last - i : i] = s.charCodeAt(i);
  return out;
}

/**
 * For every index `i` of `text` (and `text.length`), how many characters of
 * `pattern` match from there: the longest common prefix of `pattern` and the
 * text read from `i`. The Z-algorithm: linear in `pattern` plus `text`,
 * whatever their repetitions, where comparing at each index would cost their
 * product (an article of 200,000 "a" and a quote of 5,000 took most of a
 * second). Over code-unit arrays rather than through accessors: three times
 * faster, which a claim marked without its offsets pays on every request.
 */
function matchLengths(pattern: Uint16Array, text: Uint16Array): Int32Array {
  const patternLength = pattern.length;
  const textLength = text.length;
  // z[k]: the match of the pattern with itself from k (the classic Z-array).
  const z = new Int32Array(patternLength + 1);
  let left = 0;
  let right = 0;
  for (let k = 1; k < patternLength; k++) {
    let n = k < right ? Math.min(right - k, z[k - left]!) : 0;
    while (k + n < patternLength && pattern[n] === pattern[k + n]) n++;
    z[k] = n;
    if (k + n > right) {
      left = k;
      right = k + n;
    }
  }
  // The same walk over the text, reusing what the pattern knows about itself.
  const out = new Int32Array(textLength + 1);
  left = 0;
  right = 0;
  for (let i = 0; i < textLength; i++) {
    let n = i < right ? Math.min(right - i, z[i - left]!) : 0;
    while (n < patternLength && i + n < textLength && pattern[n] === text[i + n]) n++;
    out[i] = n;
    if (i + n > right) {
      left = i;
      right = i + n;
    }
  }
  return out;
}

/** Position given by the selector, if it names a plausible range of the text. */
function positionMatches(text: string, selector: SelectorInput): boolean {
  const { start, end, exact } = selector;
  // Guard before slicing: slice() accepts negative and fractional indices,
  // which would let a nonsense position "match".
  return (
    start !== undefined &&
    end !== undefined &&
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    end <= text.length &&
    text.slice(start, end) === exact
  );
}

/**
 * Find where a selector's quote lies in `text`.
 *
 * Position first, quote as the check: if the stored offsets still hold the
 * quote, that is the anchor. Otherwise every occurrence of the quote is a
 * candidate, ranked by how much of the stored context surrounds it and then by
 * distance from the old position, so a repeated phrase ("a déclaré") lands on
 * the right one. Returns null when the quote is empty or occurs nowhere;
 * approximate matching is left to the caller (that is the 'fuzzy' state).
 */
export function anchorSelector(text: string, selector: SelectorInput): Anchor | null {
  const { exact, prefix = '', suffix = '', start: hint } = selector;
  if (exact === '') return null;

  if (positionMatches(text, selector)) {
    return { start: selector.start as number, end: selector.end as number, state: 'exact' };
  }

  // How much of the quote, of the context after it and (read backwards) of the
  // context before it matches at each index: one linear pass each.
  const n = text.length;
  const units = codeUnits(text);
  const quote = matchLengths(codeUnits(exact), units);
  const after = matchLengths(codeUnits(suffix), units);
  // before[n - at]: the characters of the prefix, from its end, that precede `at`.
  const before = matchLengths(codeUnits(prefix, true), codeUnits(text, true));

  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = 0; at + exact.length <= n; at++) {
    if (quote[at] !== exact.length) continue;
    const score = before[n - at]! + after[at + exact.length]!;
    const distance = hint === undefined ? 0 : Math.abs(at - hint);
    // Strict comparisons keep the earliest occurrence on a full tie.
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: at, score, distance };
    }
  }
  if (!best) return null;

  const found = { start: best.start, end: best.start + exact.length };
  // With no position to compare against, finding the quote is as good as it
  // gets; with one, the anchor is exact only if it is where the position said.
  const atHint =
    hint === undefined ||
    (found.start === hint && (selector.end === undefined || selector.end === found.end));
  return { ...found, state: atHint ? 'exact' : 'moved' };
}

/**
 * Shrink a mouse selection so it does not start or end on whitespace (double
 * clicks and drags often grab the neighbouring space or newline). \s covers
 * the non-breaking spaces French typography puts inside « guillemets ».
 * Reversed selections (dragged right to left) are reordered and offsets are
 * clamped to the text; a selection of only whitespace collapses to an empty
 * range at its start.
 */
export function trimSelection(text: string, start: number, end: number): TextPosition {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end, 0));
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  if (s === e) return { start: from, end: from };
  while (/\s/.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}
