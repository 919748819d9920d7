// Reading an article's revisions: every text it has had, the current one and
// the ones corrections replaced, for anyone signed in (the claims made on an
// old revision quote it).
import { notFound } from '../errors';
import { parseInput, revisionParamsSchema } from '../validation';
import type { Person } from './claim-views';
import { requireActor, type ServiceContext } from './context';

export interface RevisionSummary {
  number: number;
  createdAt: string;
  /** Null for the stored articles imported at set-up, and once the account is gone. */
  createdBy: Person | null;
  sourceFormat: string;
  current: boolean;
}

export interface RevisionDetail extends RevisionSummary {
  articleId: string;
  /** The canonical plain text: the claims made on this revision count their offsets in it. */
  text: string;
  /** What was submitted, before conversion. */
  source: string;
}

const person = (user: { id: string; name: string | null } | null): Person | null => (user ? { id: user.id, name: user.name } : null);

async function currentRevision(ctx: ServiceContext, articleId: string): Promise<number> {
  const article = await ctx.db.article.findUnique({ where: { id: articleId }, select: { currentRevision: true } });
  if (!article) throw notFound('article');
  return article.currentRevision;
}

/** The article's revisions, newest first, without their texts. */
export async function listRevisions(ctx: ServiceContext, articleId: string): Promise<RevisionSummary[]> {
  requireActor(ctx);
  const current = await currentRevision(ctx, articleId);
  const rows = await ctx.db.articleRevision.findMany({
    where: { articleId },
    select: { number: true, createdAt: true, sourceFormat: true, createdBy: { select: { id: true, name: true } } },
    orderBy: { number: 'desc' },
  });
  return rows.map((r) => ({ number: r.number, createdAt: r.createdAt.toISOString(), createdBy: person(r.createdBy), sourceFormat: r.sourceFormat, current: r.number === current }));
}

/** One revision with its text; 404 when the article has no such revision. */
export async function getRevision(ctx: ServiceContext, articleId: string, number: unknown): Promise<RevisionDetail> {
  requireActor(ctx);
  const n = parseInput(revisionParamsSchema, { number }).number;
  const current = await currentRevision(ctx, articleId);
  const row = await ctx.db.articleRevision.findUnique({
    where: { articleId_number: { articleId, number: n } },
    select: { number: true, createdAt: true, sourceFormat: true, text: true, source: true, createdBy: { select: { id: true, name: true } } },
  });
  if (!row) throw notFound('revision');
  return {
    articleId,
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    createdBy: person(row.createdBy),
    sourceFormat: row.sourceFormat,
    current: row.number === current,
    text: row.text,
    source: row.source,
  };
}
