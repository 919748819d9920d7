// A reviewer's unsaved verdict, kept in the browser (localStorage) so that it
// survives a failed save, a reload or leaving the page, until it is saved.
// Pure: the component does the storing; this module names, checks and shapes.
import { isRating, type Rating } from './ratings';
import type { SourceView } from './services/claim-views';
import type { STANCES } from './validation';

export type Stance = (typeof STANCES)[number];

/** The stances, in the form's order; listed here so the browser bundle does not take in the validation schemas. */
export const STANCE_OPTIONS = ['supports', 'refutes', 'context'] as const satisfies readonly Stance[];
// Fails to compile if validation.ts gains a stance this list lacks.
const everyStance: Record<Exclude<Stance, (typeof STANCE_OPTIONS)[number]>, never> = {};
void everyStance;
import { docFromPlainText, emptyDoc, parseRichTextDraft, type RichTextDoc } from './rich-text';

/** The rationale's limit, as lib/validation.ts enforces it (characters of its plain text). */
export { RATIONALE_LIMIT } from './rich-text';

/** A source row as typed: every field a string ('' when left empty; stance '' when not chosen). */
export interface SourceDraft {
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: Stance | '';
  /** The day consulted, YYYY-MM-DD (a date input's value). */
  accessedAt: string;
  archiveUrl: string;
}

const TEXT_FIELDS = ['url', 'title', 'publisher', 'quote', 'accessedAt', 'archiveUrl'] as const;

export interface VerdictDraft {
  rating: Rating | null;
  /** The rationale as the editor holds it (lib/rich-text). */
  rationaleDoc: RichTextDoc;
  sources: SourceDraft[];
  /**
   * The version of the reviewer's verdict the draft started from (0: none), sent
   * with the save so that a verdict changed meanwhile elsewhere is a conflict,
   * not overwritten. Absent from drafts stored before it was kept.
   */
  baseVersion?: number;
}

/** The parts of a verdict, as a conflict compares them. */
export type VerdictPart = 'rating' | 'rationale' | 'sources';

/** What saving a draft sends (blank source rows are not sources). */
export interface VerdictInput {
  rating: Rating;
  rationaleDoc: RichTextDoc;
  sources: { url: string; title: string | null; publisher: string | null; quote: string | null; stance: Stance | null; accessedAt: string | null; archiveUrl: string | null }[];
  version?: number;
}

const PREFIX = 'crux:verdict-draft:v1';

/** One draft per reviewer and claim: two people sharing a browser never see each other's. */
export function draftKey(userId: string, claimId: string): string {
  return `${PREFIX}:${userId}:${claimId}`;
}

export const emptySource = (): SourceDraft => ({ url: '', title: '', publisher: '', quote: '', stance: '', accessedAt: '', archiveUrl: '' });

const isStance = (value: unknown): value is Stance => (STANCE_OPTIONS as readonly unknown[]).includes(value);

/** Details beyond link and title: the form opens them when any is filled. */
export function hasSourceDetails(s: SourceDraft): boolean {
  return !!(s.publisher.trim() || s.quote.trim() || s.stance || s.accessedAt.trim() || s.archiveUrl.trim());
}

export function emptyDraft(): VerdictDraft {
  return { rating: null, rationaleDoc: emptyDoc(), sources: [emptySource()] };
}

/** The form's starting point from a saved verdict (or an empty one). */
export function draftFromVerdict(
  verdict: { rating: Rating; rationale: string; rationaleDoc: RichTextDoc | null; sources: readonly SourceView[] } | null,
): VerdictDraft {
  if (!verdict) return emptyDraft();
  return {
    rating: verdict.rating,
    rationaleDoc: verdict.rationaleDoc ?? docFromPlainText(verdict.rationale),
    sources:
      verdict.sources.length > 0
        ? verdict.sources.map((s) => ({
            url: s.url,
            title: s.title ?? '',
            publisher: s.publisher ?? '',
            quote: s.quote ?? '',
            stance: s.stance ?? '',
            accessedAt: s.accessedAt ?? '',
            archiveUrl: s.archiveUrl ?? '',
          }))
        : [emptySource()],
  };
}

/** Blank source rows are placeholders, not sources. */
const isBlank = (s: SourceDraft) => !s.stance && TEXT_FIELDS.every((field) => !s[field].trim());

/** The parts in which two drafts would save different verdicts (blank source rows and surrounding spaces aside). */
export function draftDifferences(a: VerdictDraft, b: VerdictDraft): VerdictPart[] {
  const rows = (d: VerdictDraft) => d.sources.filter((s) => !isBlank(s)).map((s) => [...TEXT_FIELDS.map((field) => s[field].trim()), s.stance]);
  const parts: VerdictPart[] = [];
  if (a.rating !== b.rating) parts.push('rating');
  if (JSON.stringify(a.rationaleDoc) !== JSON.stringify(b.rationaleDoc)) parts.push('rationale');
  if (JSON.stringify(rows(a)) !== JSON.stringify(rows(b))) parts.push('sources');
  return parts;
}

/** Two drafts that would save the same verdict. */
export function sameDraft(a: VerdictDraft, b: VerdictDraft): boolean {
  return draftDifferences(a, b).length === 0;
}

/** The sources a draft would save: its rows that are not blank. */
export function filledSources(draft: VerdictDraft): SourceDraft[] {
  return draft.sources.filter((s) => !isBlank(s));
}

export function serializeDraft(draft: VerdictDraft): string {
  const { rating, rationaleDoc, sources, baseVersion } = draft;
  return JSON.stringify({ rating, rationaleDoc, sources, ...(baseVersion === undefined ? {} : { baseVersion }) });
}

/** A stored draft, or null when there is none or it is not one (storage is user-editable). */
export function parseDraft(raw: string | null): VerdictDraft | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { rating, rationale, rationaleDoc: storedDoc, sources, baseVersion } = value as Record<string, unknown>;
  const base = typeof baseVersion === 'number' && Number.isInteger(baseVersion) && baseVersion >= 0 ? baseVersion : undefined;
  if (baseVersion !== undefined && base === undefined) return null;
  if (rating !== null && !isRating(rating)) return null;
  // Drafts written before rich text hold the rationale as a string.
  const rationaleDoc = storedDoc !== undefined ? parseRichTextDraft(storedDoc) : typeof rationale === 'string' ? docFromPlainText(rationale) : null;
  if (!rationaleDoc || !Array.isArray(sources)) return null;
  const rows: SourceDraft[] = [];
  for (const row of sources) {
    if (typeof row !== 'object' || row === null) return null;
    const fields = row as Record<string, unknown>;
    const source = emptySource();
    // Drafts stored before sources had details hold only url and title: the others default to empty.
    for (const field of TEXT_FIELDS) {
      const value = fields[field] ?? '';
      if (typeof value !== 'string') return null;
      source[field] = value;
    }
    const stance = fields.stance ?? '';
    if (stance !== '' && !isStance(stance)) return null;
    source.stance = stance;
    rows.push(source);
  }
  return { rating, rationaleDoc, sources: rows.length > 0 ? rows : [emptySource()], ...(base === undefined ? {} : { baseVersion: base }) };
}

/** The input to save, or null while no rating is chosen. */
export function toVerdictInput(draft: VerdictDraft, version?: number): VerdictInput | null {
  if (!draft.rating) return null;
  return {
    rating: draft.rating,
    rationaleDoc: draft.rationaleDoc,
    sources: filledSources(draft).map((s) => ({
      url: s.url.trim(),
      title: s.title.trim() || null,
      publisher: s.publisher.trim() || null,
      quote: s.quote.trim() || null,
      stance: s.stance || null,
      accessedAt: s.accessedAt.trim() || null,
      archiveUrl: s.archiveUrl.trim() || null,
    })),
    ...(version === undefined ? {} : { version }),
  };
}
