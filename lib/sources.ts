// Sources cited in verdicts: one form per link, so that the same page cited
// by two reviewers (one typing HTTPS://Example.org:443/page#top, the other
// https://example.org/page) is recognised as one source, and a claim's
// sources can be gathered with who cited them and with what stance.
import type { STANCES } from './validation';

type Stance = (typeof STANCES)[number];

/**
 * The normal form of an http(s) link: lowercase scheme and host, no default
 * port, no fragment (it names a place in the page, not another page), the
 * rest as the URL standard writes it. Returns the input unchanged when it is
 * not a URL (stored data is normalised on the way in; this only reads it).
 */
export function normalizeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return value;
  }
  url.hash = '';
  // The URL parser already lowercases the host and drops the scheme's default port.
  return url.href;
}

/** What a verdict's source says, as sent (lib/validation sourceSchema, normalized) and as stored. */
const SOURCE_FIELDS = ['url', 'title', 'publisher', 'quote', 'stance', 'accessedAt', 'archiveUrl'] as const;
type SourceFields = Record<(typeof SOURCE_FIELDS)[number], string | null>;

/**
 * Whether a verdict saved again cites the same sources, in the same order,
 * each saying the same: a reviewer who changes their rating or rationale
 * sends their sources back unchanged, and they need not be written again.
 */
export function sameSources(stored: readonly SourceFields[], sent: readonly SourceFields[]): boolean {
  return stored.length === sent.length && stored.every((s, i) => SOURCE_FIELDS.every((field) => s[field] === sent[i]![field]));
}

export interface Citation<P> {
  reviewer: P;
  stance: Stance | null;
  quote: string | null;
  accessedAt: string | null;
  archiveUrl: string | null;
}

export interface GatheredSource<P> {
  url: string;
  /** The first title and publisher a reviewer gave for it. */
  title: string | null;
  publisher: string | null;
  citedBy: Citation<P>[];
}

interface CitedSource {
  url: string;
  title: string | null;
  publisher: string | null;
  quote: string | null;
  stance: Stance | null;
  accessedAt: string | null;
  archiveUrl: string | null;
}

/**
 * A claim's sources, one per normalised link, in order of first citation,
 * each with every citation of it: who, with what stance, quote, date
 * consulted and archived copy.
 */
export function gatherSources<P>(verdicts: readonly { reviewer: P; sources: readonly CitedSource[] }[]): GatheredSource<P>[] {
  const byUrl = new Map<string, GatheredSource<P>>();
  for (const verdict of verdicts) {
    for (const s of verdict.sources) {
      const url = normalizeUrl(s.url);
      let gathered = byUrl.get(url);
      if (!gathered) {
        gathered = { url, title: null, publisher: null, citedBy: [] };
        byUrl.set(url, gathered);
      }
      gathered.title ??= s.title;
      gathered.publisher ??= s.publisher;
      gathered.citedBy.push({ reviewer: verdict.reviewer, stance: s.stance, quote: s.quote, accessedAt: s.accessedAt, archiveUrl: s.archiveUrl });
    }
  }
  return [...byUrl.values()];
}
