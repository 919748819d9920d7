// The shape of an article export (format 'crux.article-export', version 1),
// which the JSON export streams (lib/export/json.ts). Bump
// `version` on any change that could break a consumer.

import type { AnchorState } from '../anchoring/selectors';
import type { Consensus } from '../consensus';
import type { Rating } from '../ratings';
import type { RichTextDoc } from '../rich-text';
import type { STANCES } from '../validation';

export interface ExportedSource {
  url: string;
  title: string | null;
  publisher: string | null;
  quote: string | null;
  stance: (typeof STANCES)[number] | null;
  /** The day the reviewer consulted it, YYYY-MM-DD. */
  accessedAt: string | null;
  archiveUrl: string | null;
}

export interface ExportedVerdict {
  reviewer: { id: string; name: string | null };
  rating: Rating;
  /** Plain text (the CSV's column). */
  rationale: string;
  /** The rationale as a rich-text document (lib/rich-text), JSON only; null when there is none. */
  rationaleDoc: RichTextDoc | null;
  sources: ExportedSource[];
  /** ISO 8601 UTC. */
  updatedAt: string;
}

export interface ExportedClaim {
  id: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** UTF-16 offsets into the article text of `article.revision`; end exclusive. */
  start: number;
  end: number;
  anchorState: AnchorState;
  revision: number;
  createdAt: string;
  consensus: Consensus;
  verdicts: ExportedVerdict[];
}

export interface ArticleExport {
  format: 'crux.article-export';
  version: 1;
  exportedAt: string;
  article: {
    id: string;
    title: string;
    language: string;
    publishedAt: string | null;
    sourceUrl: string | null;
    publisher: string | null;
    revision: number;
  };
  claims: ExportedClaim[];
}
