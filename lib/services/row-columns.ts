// Each table's columns as Prisma's client reads them, for the reads in raw
// SQL (lib/db/raw-rows.ts): the whole row for the archive (archive-rows.ts),
// picked from for the formats (export-rows.ts).
import { pickColumns, type Columns, type SameRow } from '../db/raw-rows';
import type { Adjudication, Claim, ClaimReveal, Comment, Source, Verdict } from '../generated/prisma/client';

export const CLAIM_COLUMNS = {
  id: 'text',
  articleId: 'text',
  revision: 'int',
  anchorState: 'text',
  exact: 'text',
  prefix: 'text',
  suffix: 'text',
  start: 'int',
  end: 'int',
  note: 'text?',
  version: 'int',
  createdById: 'text',
  createdAt: 'date',
  updatedAt: 'date',
  deletedAt: 'date?',
  deletedById: 'text?',
  liveKey: 'text',
  verdictCount: 'int',
} as const satisfies Columns;

export const VERDICT_COLUMNS = {
  id: 'text',
  claimId: 'text',
  reviewerId: 'text',
  rating: 'text',
  rationale: 'text',
  rationaleDoc: 'text?',
  version: 'int',
  revisedAfterReveal: 'bool',
  createdAt: 'date',
  updatedAt: 'date',
} as const satisfies Columns;

export const SOURCE_COLUMNS = {
  id: 'text',
  verdictId: 'text',
  position: 'int',
  url: 'text',
  title: 'text?',
  publisher: 'text?',
  quote: 'text?',
  stance: 'text?',
  accessedAt: 'text?',
  archiveUrl: 'text?',
} as const satisfies Columns;

export const REVEAL_COLUMNS = { id: 'text', claimId: 'text', userId: 'text', initialRating: 'text', createdAt: 'date' } as const satisfies Columns;

/** What a claim's views read of a reveal (ClaimRecord's reveals): what blind review and the independent agreement need. */
export const JUDGED_REVEAL_COLUMNS = pickColumns(REVEAL_COLUMNS, ['claimId', 'userId', 'initialRating']);

export const ADJUDICATION_COLUMNS = {
  id: 'text',
  claimId: 'text',
  editorId: 'text',
  rating: 'text',
  rationale: 'text',
  createdAt: 'date',
  withdrawnAt: 'date?',
  withdrawnById: 'text?',
} as const satisfies Columns;

export const COMMENT_COLUMNS = {
  id: 'text',
  claimId: 'text',
  authorId: 'text',
  body: 'text',
  createdAt: 'date',
  editedAt: 'date?',
  deletedAt: 'date?',
  deletedById: 'text?',
} as const satisfies Columns;

// Each list of columns is the whole row Prisma's client reads: a column added to the schema fails here until it is added above.
const rowsMatch: [SameRow<typeof CLAIM_COLUMNS, Claim>, SameRow<typeof VERDICT_COLUMNS, Verdict>, SameRow<typeof SOURCE_COLUMNS, Source>, SameRow<typeof REVEAL_COLUMNS, ClaimReveal>, SameRow<typeof ADJUDICATION_COLUMNS, Adjudication>, SameRow<typeof COMMENT_COLUMNS, Comment>] = [
  true,
  true,
  true,
  true,
  true,
  true,
];
void rowsMatch;
