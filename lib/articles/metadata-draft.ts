// An article's details (title, publisher, source link, publication date, language)
// as a correction form holds them: strings, empty for "none". Pure, so the form's
// rules — what is sent, what changed, what a refused save returned — are tested here.

export const METADATA_FIELDS = ['title', 'publisher', 'sourceUrl', 'publishedAt', 'language'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export type MetadataDraft = Record<MetadataField, string>;

/** The stored details, with the version they were read at. */
export interface StoredMetadata {
  title: string;
  publisher: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
  language: string;
  version: number;
}

export function draftOf(article: StoredMetadata): MetadataDraft {
  return {
    title: article.title,
    publisher: article.publisher ?? '',
    sourceUrl: article.sourceUrl ?? '',
    publishedAt: article.publishedAt ?? '',
    language: article.language,
  };
}

/**
 * The body of a correction: every detail with the version it was read at; an
 * emptied optional detail is sent as null (removed), not as an empty string.
 */
export function updateInput(draft: MetadataDraft, version: number) {
  const orNull = (value: string) => (value.trim() ? value : null);
  return {
    title: draft.title,
    publisher: orNull(draft.publisher),
    sourceUrl: orNull(draft.sourceUrl),
    publishedAt: orNull(draft.publishedAt),
    language: draft.language,
    version,
  };
}

/** The details that differ between two drafts, in form order (surrounding spaces do not count). */
export function changedFields(a: MetadataDraft, b: MetadataDraft): MetadataField[] {
  return METADATA_FIELDS.filter((field) => a[field].trim() !== b[field].trim());
}

/** The article a refused save sent back (unknown on the wire), if it has the expected shape. */
export function storedMetadataFrom(value: unknown): StoredMetadata | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const optional = (x: unknown) => x === null || typeof x === 'string';
  if (typeof v.title !== 'string' || typeof v.language !== 'string' || typeof v.version !== 'number') return null;
  if (!optional(v.publisher) || !optional(v.sourceUrl) || !optional(v.publishedAt)) return null;
  return {
    title: v.title,
    publisher: v.publisher as string | null,
    sourceUrl: v.sourceUrl as string | null,
    publishedAt: v.publishedAt as string | null,
    language: v.language,
    version: v.version,
  };
}
