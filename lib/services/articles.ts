import { ArticleImportError, parseArticleSubmission, type ArticleDraft, type PlainTextOptions } from '../articles/import';
import { MAX_ARTICLE_CHARS, SOURCE_FORMATS, type SourceFormat } from '../articles/submission';
import { articleStructureSchema, structureProblems, type ArticleStructure } from '../articles/canonical';
import { canSeeVerdicts } from '../blind-review';
import { isConsensusRule, type ReviewSettings } from '../consensus';
import { conflict, forbidden, invalidField, notFound } from '../errors';
import { canEditArticle } from '../permissions';
import { articleCreateSchema, articleUpdateSchema, issueMessage, parseInput } from '../validation';
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { queryRows, selectList, type Columns } from '../db/raw-rows';
import { Prisma, type Article, type ArticleRevision } from '../generated/prisma/client';
import { revealedClaimCounts } from './article-counts';
import { requireActor, requireRole, type ServiceContext, type Tx } from './context';
import { recordEvent } from './events';
import { REVISION_TRANSACTION_OPTIONS, storeRevision, type ReanchorCounts } from './revisions';

export interface ArticleSummary {
  id: string;
  title: string;
  language: string;
  publishedAt: string | null;
  publisher: string | null;
  revision: number;
  claimCount: number;
  reviewedClaimCount: number;
  createdAt: string;
}

export interface ArticleDetail {
  id: string;
  title: string;
  text: string;
  /** What the current revision was imported from. */
  sourceFormat: SourceFormat;
  /** Markdown and HTML: headings, lists, quotations and inline marks as ranges of `text`; null for plain text. */
  structure: ArticleStructure | null;
  language: string;
  publishedAt: string | null;
  sourceUrl: string | null;
  publisher: string | null;
  revision: number;
  version: number;
  settings: ReviewSettings;
  createdAt: string;
  updatedAt: string;
}

/** The columns reviewSettings reads: what a query selects to build an article's settings. */
export const REVIEW_SETTINGS_COLUMNS = { blindReview: true, consensusRule: true, minReviewers: true, agreementThreshold: true, maxSpread: true } as const;

/** The same columns as raw SQL reads them (lib/db/raw-rows.ts). */
export const REVIEW_SETTINGS_ROW = {
  blindReview: 'bool',
  consensusRule: 'text',
  minReviewers: 'int',
  agreementThreshold: 'float',
  maxSpread: 'int',
} as const satisfies Columns & Record<keyof typeof REVIEW_SETTINGS_COLUMNS, unknown>;

export function reviewSettings(article: Pick<Article, keyof typeof REVIEW_SETTINGS_COLUMNS>): ReviewSettings {
  const { consensusRule } = article;
  if (!isConsensusRule(consensusRule)) throw new Error(`Unexpected consensus rule in the database: ${JSON.stringify(consensusRule)}.`);
  return {
    blindReview: article.blindReview,
    consensusRule,
    minReviewers: article.minReviewers,
    agreementThreshold: article.agreementThreshold,
    maxSpread: article.maxSpread,
  };
}

/** An article's review settings, in raw SQL (every claims list reads them); 404 when there is no such article. */
export async function readReviewSettings(db: Tx, articleId: string): Promise<ReviewSettings> {
  const [article] = await queryRows(db, 'Article', REVIEW_SETTINGS_ROW, Prisma.sql`SELECT ${selectList('a', REVIEW_SETTINGS_ROW)} FROM "Article" a WHERE a."id" = ${articleId}`);
  if (!article) throw notFound('article');
  return reviewSettings(article);
}

/** The revision columns an article's detail reads. */
type RevisionText = Pick<ArticleRevision, 'text' | 'sourceFormat' | 'structure'>;

/** A stored source format, checked. */
export function checkedSourceFormat(value: string): SourceFormat {
  const format = SOURCE_FORMATS.find((f) => f === value);
  if (format) return format;
  throw new Error(`Unexpected source format in the database: ${JSON.stringify(value)}.`);
}

/** A revision's stored structure, checked against its schema and its text (strings from the database are checked, not cast). */
function checkedStructure(revision: RevisionText): ArticleStructure | null {
  if (revision.structure === null) return null;
  const structure = articleStructureSchema.parse(JSON.parse(revision.structure));
  const problems = structureProblems(revision.text, structure);
  if (problems.length > 0) throw new Error(`The stored structure does not fit its text: ${problems.slice(0, 3).join('; ')}.`);
  return structure;
}

function toDetail(article: Article, revision: RevisionText): ArticleDetail {
  return {
    id: article.id,
    title: article.title,
    text: revision.text,
    sourceFormat: checkedSourceFormat(revision.sourceFormat),
    structure: checkedStructure(revision),
    language: article.language,
    publishedAt: article.publishedAt,
    sourceUrl: article.sourceUrl,
    publisher: article.publisher,
    revision: article.currentRevision,
    version: article.version,
    settings: reviewSettings(article),
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}

/** Creates an article from submitted plain text, Markdown or HTML. Editors and admins only. */
export async function createArticle(ctx: ServiceContext, input: unknown): Promise<ArticleDetail> {
  const actor = requireRole(ctx, 'editor');
  return insertArticle(ctx.db, input, { createdById: actor.id, importKey: null });
}

/**
 * Validates, converts and stores an article with its first revision: the one
 * path for users' articles and for the stored ones imported at set-up.
 */
async function insertArticle(db: Db, input: unknown, origin: { createdById: string | null; importKey: string | null }): Promise<ArticleDetail> {
  const data = parseInput(articleCreateSchema, input);
  const draft = parseSubmission(data, { title: data.title, publishedAt: data.publishedAt, language: data.language });
  const structure = draft.structure && JSON.stringify(draft.structure);
  return db.$transaction(async (tx) => {
    const article = await tx.article.create({
      data: {
        title: draft.title,
        language: draft.language,
        publishedAt: draft.publishedAt,
        sourceUrl: data.sourceUrl,
        publisher: data.publisher,
        importKey: origin.importKey,
        createdById: origin.createdById,
        revisions: {
          create: { number: 1, text: draft.text, sourceFormat: draft.sourceFormat, source: draft.source, structure, createdById: origin.createdById },
        },
      },
    });
    await recordEvent(tx, {
      articleId: article.id,
      claimId: null,
      type: 'article.created',
      entityId: article.id,
      actorId: origin.createdById,
      payload: { id: article.id, title: article.title },
    });
    return toDetail(article, { text: draft.text, sourceFormat: draft.sourceFormat, structure });
  });
}

/**
 * Imports an article shipped with Crux once per key (the set-up's seed path, run
 * by the system rather than a user); returns it and whether it was new.
 */
export async function importArticleOnce(db: Db, importKey: string, input: unknown): Promise<{ article: ArticleDetail; created: boolean }> {
  const existing = await db.article.findUnique({ where: { importKey } });
  if (existing) return { article: await loadArticle(db, existing.id), created: false };
  try {
    return { article: await insertArticle(db, input, { createdById: null, importKey }), created: true };
  } catch (error) {
    // Another import of the same key won the race (two processes seeding at once):
    // the unique importKey refused ours, so theirs is the one copy.
    const winner = isUniqueViolation(error) ? await db.article.findUnique({ where: { importKey } }) : null;
    if (!winner) throw error;
    return { article: await loadArticle(db, winner.id), created: false };
  }
}

/**
 * Every article with its number of live claims and of claims with at least one
 * verdict: grouped counts, so the list costs the same whatever the number of
 * claims. Under blind review a reviewer counts only the reviewed claims that
 * were revealed to them: how many claims the others reviewed is their
 * judgement too.
 */
export async function listArticles(ctx: ServiceContext): Promise<ArticleSummary[]> {
  const viewer = requireActor(ctx);
  const articles = await ctx.db.article.findMany({ orderBy: { createdAt: 'desc' } });
  // Blind review counts, for this viewer, only the reviewed claims revealed to them.
  const revealed = articles.some((a) => !canSeeVerdicts(a, viewer, [])) ? await revealedClaimCounts(ctx.db, viewer.id) : new Map<string, number>();
  return articles.map((a) => ({
    id: a.id,
    title: a.title,
    language: a.language,
    publishedAt: a.publishedAt,
    publisher: a.publisher,
    revision: a.currentRevision,
    claimCount: a.claimCount,
    // Revealed to nobody in particular: true when blind review does not apply to this viewer.
    reviewedClaimCount: canSeeVerdicts(a, viewer, []) ? a.reviewedClaimCount : (revealed.get(a.id) ?? 0),
    createdAt: a.createdAt.toISOString(),
  }));
}

/** The metadata an editor may correct, as recorded in `article.updated` events. */
const METADATA = ['title', 'publisher', 'sourceUrl', 'publishedAt', 'language'] as const;
type Metadata = Pick<ArticleDetail, (typeof METADATA)[number]>;
const SETTINGS = ['blindReview', 'consensusRule', 'minReviewers', 'agreementThreshold', 'maxSpread'] as const satisfies readonly (keyof ReviewSettings)[];

/** The fields of `wanted` that differ from `current`. */
function changed<T extends object, K extends keyof T>(fields: readonly K[], current: T, wanted: Partial<Pick<T, K>>): Partial<Pick<T, K>> {
  const changes: Partial<Pick<T, K>> = {};
  for (const field of fields) {
    const value = wanted[field];
    if (value !== undefined && value !== current[field]) changes[field] = value;
  }
  return changes;
}

/** `{field: current value}` for each changed field: the "before" of the record. */
function previous<T extends object>(current: T, changes: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof T]])) as Partial<T>;
}

/** An article after a PATCH; with `reanchored` when its text was replaced. */
export type ArticleUpdate = ArticleDetail & { reanchored?: ReanchorCounts };

/**
 * A submitted text (exactly one of text, markdown and html: the schemas let one
 * through) as the draft to store: the import's rules and parsers, 422 naming the
 * field, and the limit on the text stored, not only the text sent: NFC can
 * lengthen some characters (U+FB2C becomes three), so 200,000 of them would
 * store 600,000. The one path for new articles and new revisions.
 */
function parseSubmission(data: { text?: string; markdown?: string; html?: string }, details: PlainTextOptions = {}): ArticleDraft {
  let draft;
  try {
    const submission = data.markdown !== undefined ? { markdown: data.markdown } : data.html !== undefined ? { html: data.html } : { text: data.text ?? '' };
    draft = parseArticleSubmission({ ...submission, ...details });
  } catch (error) {
    if (error instanceof ArticleImportError) throw invalidField(error.field, error.message, error.key);
    throw error;
  }
  if (draft.text.length > MAX_ARTICLE_CHARS) {
    const params = { max: MAX_ARTICLE_CHARS };
    throw invalidField(draft.sourceFormat, issueMessage([draft.sourceFormat], 'tooLong', params), 'tooLong', params);
  }
  return draft;
}

/**
 * Corrects an article's metadata (title, publisher, source link, publication
 * date, language), changes its review settings (blind review, consensus rule,
 * minimum reviewers, agreement threshold, maximum spread) and replaces its
 * text: editors and admins, with the `version` they read (409 with the
 * current article when stale). A new text becomes a new revision, the old one
 * kept, and every live claim is anchored again to it (lib/services/revisions):
 * the answer then carries `reanchored`, the count of claims in each state.
 * Records `article.updated` with what changed, before → after; all of it in
 * one transaction.
 */
export async function updateArticle(ctx: ServiceContext, id: string, input: unknown): Promise<ArticleUpdate> {
  const actor = requireActor(ctx);
  if (!canEditArticle(actor)) throw forbidden('Only editors and admins can change an article’s details, review settings and text.', { role: 'editor' });
  const data = parseInput(articleUpdateSchema, input);
  // Parsed before the transaction: the work on the text holds no lock.
  const draft = data.text !== undefined || data.markdown !== undefined || data.html !== undefined ? parseSubmission(data) : null;
  return ctx.db.$transaction(async (tx) => {
    const current = await loadArticle(tx, id);
    const stale = (article: ArticleDetail) =>
      conflict('staleVersion', 'This article was changed by someone else since you opened it: check its current details, then save again.', {
        issues: [{ path: ['version'], message: 'The article was changed since you opened it.', key: 'stale' }],
        current: article,
      });
    if (data.version !== current.version) throw stale(current);

    const metadata = changed<Metadata, (typeof METADATA)[number]>(METADATA, current, data);
    const settings = changed(SETTINGS, current.settings, data.settings ?? {});
    // A new canonical text, or the same words with another structure (emphasis added, a heading made).
    const newText = draft !== null && (draft.text !== current.text || JSON.stringify(draft.structure) !== JSON.stringify(current.structure));
    if (Object.keys(metadata).length === 0 && Object.keys(settings).length === 0 && !newText) {
      return draft ? { ...current, reanchored: await unchangedCounts(tx, id) } : current;
    }

    const revision = newText ? await storeRevision(tx, current, draft, actor.id) : null;
    // The version in the condition makes a concurrent change lose cleanly instead of overwriting.
    const { count } = await tx.article.updateMany({
      where: { id, version: current.version },
      data: { ...metadata, ...settings, ...(revision ? { currentRevision: revision.number } : {}), version: { increment: 1 } },
    });
    if (count === 0) throw stale(await loadArticle(tx, id));
    const updated = await loadArticle(tx, id);
    const before: Record<string, unknown> = previous(current, metadata);
    const after: Record<string, unknown> = { ...metadata };
    if (Object.keys(settings).length > 0) {
      before.settings = previous(current.settings, settings);
      after.settings = settings;
    }
    if (revision) {
      before.revision = current.revision;
      after.revision = revision.number;
    }
    await recordEvent(tx, {
      articleId: id,
      claimId: null,
      type: 'article.updated',
      entityId: id,
      actorId: actor.id,
      payload: { before, after, version: updated.version, ...(revision ? { reanchored: revision.reanchored } : {}) },
    });
    return revision ? { ...updated, reanchored: revision.reanchored } : updated;
  }, draft ? REVISION_TRANSACTION_OPTIONS : undefined);
}

/** The same text sent again: no new revision; every live claim counted in the state it is in. */
async function unchangedCounts(tx: Tx, articleId: string): Promise<ReanchorCounts> {
  const counts: ReanchorCounts = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  const groups = await tx.claim.groupBy({ by: ['anchorState'], where: { articleId, deletedAt: null }, _count: { _all: true } });
  for (const g of groups) if (g.anchorState in counts) counts[g.anchorState as keyof ReanchorCounts] += g._count._all;
  return counts;
}

export async function loadArticle(db: Tx, id: string): Promise<ArticleDetail> {
  const article = await db.article.findUnique({ where: { id } });
  if (!article) throw notFound('article');
  const revision = await db.articleRevision.findUnique({ where: { articleId_number: { articleId: id, number: article.currentRevision } } });
  if (!revision) throw notFound('revision');
  return toDetail(article, revision);
}

export async function getArticle(ctx: ServiceContext, id: string): Promise<ArticleDetail> {
  requireActor(ctx);
  return loadArticle(ctx.db, id);
}
