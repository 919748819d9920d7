// The text claims anchor against: an article's current revision, read whole
// each time a passage is marked. An article runs to 200,000 characters, and
// sending it from the database and decoding it was a tenth of marking a claim
// on PostgreSQL under load.
//
// A revision's text never changes once stored (a correction is a new
// revision, under an id of its own), so it is kept in the process by revision
// id. Each read still asks the database which revision is current, and gets
// the text with the answer only when it is not the one kept: a correction made
// on any instance is read by the next claim marked on every instance.
import { LRUCache } from 'lru-cache';
import { queryRows, type Columns } from '../db/raw-rows';
import { notFound } from '../errors';
import { Prisma } from '../generated/prisma/client';
import type { Tx } from './context';

/**
 * Characters of revision text kept per process: twenty articles of 200,000
 * characters, 4 MB (8 MB where a text holds ’ or «, which V8 keeps at two
 * bytes a character). The article marked least recently goes first.
 */
const KEPT_TEXT_CHARS = 4_000_000;

interface KeptText {
  /** The revision's id. */
  id: string;
  revision: number;
  text: string;
}

// One per process, on globalThis: Next loads this module once per bundle (routes, actions).
const holder = globalThis as unknown as { cruxRevisionTexts?: LRUCache<string, KeptText> };

function kept(): LRUCache<string, KeptText> {
  holder.cruxRevisionTexts ??= new LRUCache<string, KeptText>({ maxSize: KEPT_TEXT_CHARS, sizeCalculation: (t) => Math.max(1, t.text.length) });
  return holder.cruxRevisionTexts;
}

const CURRENT_REVISION = { id: 'text', revision: 'int', text: 'text?' } as const satisfies Columns;

/** The article's current revision and its text, no more (loadArticle also reads the revision's source, as long again); 404 when there is no such article. */
export async function currentText(db: Tx, articleId: string): Promise<{ revision: number; text: string }> {
  const known = kept().get(articleId);
  const [current] = await queryRows(
    db,
    'ArticleRevision',
    CURRENT_REVISION,
    Prisma.sql`SELECT r."id", r."number" AS "revision", CASE WHEN r."id" = ${known?.id ?? ''} THEN NULL ELSE r."text" END AS "text"
      FROM "Article" a JOIN "ArticleRevision" r ON r."articleId" = a."id" AND r."number" = a."currentRevision" WHERE a."id" = ${articleId}`,
  );
  if (!current) throw notFound('article');
  if (current.text === null) {
    // Left out only when it is the text known before the read.
    if (!known || known.id !== current.id) throw new Error(`The text of revision ${current.id} was left out of the answer, but is not the one kept.`);
    return { revision: known.revision, text: known.text };
  }
  const read = { id: current.id, revision: current.revision, text: current.text };
  kept().set(articleId, read);
  return { revision: read.revision, text: read.text };
}
