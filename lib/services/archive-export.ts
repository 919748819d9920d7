// The archive export (lib/export/archive-schema.ts), streamed: the header, then
// one article at a time, its claims in slices of CLAIMS_PER_PAGE whose verdicts,
// sources, reveals, comments and adjudications are read by the slice's range
// in raw SQL (archive-rows.ts; never a nested include over thousands of rows:
// SQLite's 999 bound parameters), its
// history by keyset pages, and last the people the articles referred to. Memory
// holds one slice and the article's claim keys, whatever the archive's size.
//
// What a reviewer may export is what they may read: the claim views
// (claim-views.ts judgement) decide which verdicts and what consensus they
// see (lib/blind-review), the same rule opens a claim's thread and its reveals (visibleReveals),
// and the history, whose snapshots hold every verdict, is left out of their
// archive (an empty list), as are deleted claims. Editors and admins export everything.
//
// Order is deterministic (articles by creation then id, claims in text order
// then id, children by creation then id, history by event id), so that two
// exports of the same data are the same text apart from exportedAt.
import { setImmediate } from 'node:timers/promises';
import { visibleReveals } from '../blind-review';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type ArchiveArticle, type ArchiveClaim, type ArchiveEvent, type ArchiveUser, type ArchiveVerdict } from '../export/archive-schema';
import type { Article, Verdict } from '../generated/prisma/client';
import { groupBy } from '../group-by';
import { hasRole, isRole } from '../permissions';
import { readStoredRichText } from '../rich-text';
import { checkedSourceFormat, reviewSettings } from './articles';
import { findByIds } from './claim-rows';
import { CLAIMS_PER_PAGE } from './export-rows';
import { adjudicationsOf, claimKeyOrder, claimKeysOf, claimsOf, commentsOf, EVENTS_PER_PAGE, eventPage, revealsOf, sourcesOf, verdictsOf, type ClaimSlice } from './archive-rows';
import { checkedAnchorState, checkedRating, judgement, toSourceView } from './claim-views';
import { requireActor, type Actor, type ServiceContext, type Tx } from './context';

export interface ArchiveOptions {
  /** One article; every article when absent. */
  articleId?: string;
  /** Keeps only the claims it accepts (a caller's filters); every claim when absent. */
  keepClaim?: (claim: ArchiveClaim) => boolean;
}

const iso = (d: Date) => d.toISOString();

/** The archive as JSON text, in pieces: join them (or write them in turn) for the whole document. */
export async function* streamArchive(ctx: ServiceContext, options: ArchiveOptions = {}): AsyncGenerator<string> {
  const viewer = requireActor(ctx);
  const people = new Set<string>();
  yield `{"format":${JSON.stringify(ARCHIVE_FORMAT)},"version":${ARCHIVE_VERSION},"exportedAt":${JSON.stringify(new Date().toISOString())},"articles":[`;
  let first = true;
  for await (const article of articlesOf(ctx.db, options.articleId)) {
    yield* articleParts(ctx.db, article, viewer, options.keepClaim, people, first);
    first = false;
  }
  yield '],"users":[';
  const users = await findByIds(people, (slice) => ctx.db.user.findMany({ where: { id: { in: slice } }, select: { id: true, email: true, name: true, role: true } }));
  users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const editor = hasRole(viewer, 'editor');
  yield users
    .map((u) => {
      if (!isRole(u.role)) throw new Error(`Unexpected role in the database: ${JSON.stringify(u.role)}.`);
      const user: ArchiveUser = { id: u.id, email: editor || u.id === viewer.id ? u.email : null, name: u.name, role: u.role };
      return JSON.stringify(user);
    })
    .join(',');
  yield ']}\n';
}

async function* articlesOf(db: Tx, articleId: string | undefined): AsyncGenerator<Article> {
  if (articleId !== undefined) {
    const article = await db.article.findUnique({ where: { id: articleId } });
    if (article) yield article;
    return;
  }
  // Keyset pages of ids: an instance's articles are not all held at once.
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const page: Article[] = await db.article.findMany({
      where: after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {},
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 50,
    });
    for (const article of page) yield article;
    if (page.length < 50) return;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

async function* articleParts(db: Tx, article: Article, viewer: Actor, keepClaim: ArchiveOptions['keepClaim'], people: Set<string>, first: boolean): AsyncGenerator<string> {
  const settings = reviewSettings(article);
  const revisions = await db.articleRevision.findMany({ where: { articleId: article.id }, orderBy: { number: 'asc' } });
  if (article.createdById) people.add(article.createdById);
  for (const r of revisions) if (r.createdById) people.add(r.createdById);
  const head: Omit<ArchiveArticle, 'claims' | 'history'> = {
    id: article.id,
    importKey: article.importKey,
    title: article.title,
    language: article.language,
    publishedAt: article.publishedAt,
    sourceUrl: article.sourceUrl,
    publisher: article.publisher,
    currentRevision: article.currentRevision,
    version: article.version,
    settings: {
      blindReview: settings.blindReview,
      consensusRule: settings.consensusRule,
      minReviewers: settings.minReviewers,
      agreementThreshold: settings.agreementThreshold,
      maxSpread: settings.maxSpread,
    },
    createdById: article.createdById,
    createdAt: iso(article.createdAt),
    updatedAt: iso(article.updatedAt),
    revisions: revisions.map((r) => {
      return { number: r.number, text: r.text, sourceFormat: checkedSourceFormat(r.sourceFormat), source: r.source, createdById: r.createdById, createdAt: iso(r.createdAt) };
    }),
  };
  const headText = JSON.stringify(head);
  yield `${first ? '' : ','}${headText.slice(0, -1)},"claims":[`;

  // The keys of every claim (deleted ones too), sorted here: a few dozen bytes a claim.
  // Deleted claims are on the record, which editors read (the article's activity); reviewers no longer see them.
  const keys = (await claimKeysOf(db, article.id, { deleted: hasRole(viewer, 'editor') })).sort(claimKeyOrder);
  let written = 0;
  for (let i = 0; i < keys.length; i += CLAIMS_PER_PAGE) {
    const slice = { articleId: article.id, keys: keys.slice(i, i + CLAIMS_PER_PAGE) };
    // SQLite's driver answers synchronously: without a turn of the event loop between
    // slices, an export of 100,000 claims would hold up every other request until done.
    await setImmediate();
    const claims = (await claimSlice(db, slice, settings, viewer, people)).filter((c) => !keepClaim || keepClaim(c));
    if (claims.length === 0) continue;
    // A claim at a time, the comma apart: each piece is the very string JSON.stringify made,
    // encoded as it is (lib/byte-chunks.ts); a string joining them would be copied whole again to be encoded.
    for (const claim of claims) {
      if (written > 0) yield ',';
      yield JSON.stringify(claim);
      written += 1;
    }
  }
  yield '],"history":[';
  if (hasRole(viewer, 'editor')) yield* historyParts(db, article.id, people);
  yield ']}';
}

/** The slice's claims (at most CLAIMS_PER_PAGE), in its order, as the viewer may export them. */
async function claimSlice(db: Tx, slice: ClaimSlice, settings: ReturnType<typeof reviewSettings>, viewer: Actor, people: Set<string>): Promise<ArchiveClaim[]> {
  const [claims, verdicts, sources, reveals, comments, adjudications] = await Promise.all([
    claimsOf(db, slice),
    verdictsOf(db, slice),
    sourcesOf(db, slice),
    revealsOf(db, slice),
    commentsOf(db, slice),
    adjudicationsOf(db, slice),
  ]);
  const sourcesByVerdict = groupBy(sources, (s) => s.verdictId);
  const verdictsByClaim = groupBy(verdicts, (v) => v.claimId);
  const revealsByClaim = groupBy(reveals, (r) => r.claimId);
  const commentsByClaim = groupBy(comments, (c) => c.claimId);
  const adjudicationsByClaim = groupBy(adjudications, (a) => a.claimId);
  const byId = new Map(claims.map((c) => [c.id, c]));

  const out: ArchiveClaim[] = [];
  for (const { id } of slice.keys) {
    const claim = byId.get(id);
    if (!claim) continue; // deleted from the database (not softly) while the export ran
    const claimVerdicts = verdictsByClaim.get(id) ?? [];
    const claimReveals = revealsByClaim.get(id) ?? [];
    const claimAdjudications = adjudicationsByClaim.get(id) ?? [];
    // The one in force is the newest not withdrawn (claim-rows.ts), the same for everyone.
    const inForce = claimAdjudications.findLast((a) => a.withdrawnAt === null) ?? null;
    // The claim views apply blind review (the list form: the consensus this viewer may see,
    // and whether the others' verdicts, reveals and thread are open to them).
    const { visible: open, consensus, shown: shownVerdicts } = judgement({ verdicts: claimVerdicts, adjudication: inForce, reveals: claimReveals }, settings, viewer);
    const shownReveals = visibleReveals(claimReveals, open, viewer);
    const shownComments = open ? (commentsByClaim.get(id) ?? []) : [];

    people.add(claim.createdById);
    if (claim.deletedById) people.add(claim.deletedById);
    for (const v of shownVerdicts) people.add(v.reviewerId);
    for (const r of shownReveals) people.add(r.userId);
    for (const c of shownComments) {
      people.add(c.authorId);
      if (c.deletedById) people.add(c.deletedById);
    }
    for (const a of claimAdjudications) {
      people.add(a.editorId);
      if (a.withdrawnById) people.add(a.withdrawnById);
    }
    out.push({
      id: claim.id,
      revision: claim.revision,
      anchorState: checkedAnchorState(claim.anchorState),
      exact: claim.exact,
      prefix: claim.prefix,
      suffix: claim.suffix,
      start: claim.start,
      end: claim.end,
      note: claim.note,
      version: claim.version,
      createdById: claim.createdById,
      createdAt: claim.createdAt,
      updatedAt: claim.updatedAt,
      deletedAt: claim.deletedAt,
      deletedById: claim.deletedById,
      consensus,
      verdicts: shownVerdicts.map((v) => ({
        id: v.id,
        reviewerId: v.reviewerId,
        rating: checkedRating(v.rating),
        rationale: v.rationale,
        rationaleDoc: storedDoc(v),
        version: v.version,
        revisedAfterReveal: v.revisedAfterReveal,
        createdAt: v.createdAt,
        updatedAt: v.updatedAt,
        sources: sourcesByVerdict.get(v.id)?.map((s) => ({ position: s.position, ...toSourceView(s) })) ?? [],
      })),
      reveals: shownReveals.map((r) => ({ userId: r.userId, initialRating: checkedRating(r.initialRating), createdAt: r.createdAt })),
      comments: shownComments.map((c) => ({
        id: c.id,
        authorId: c.authorId,
        body: c.body,
        createdAt: c.createdAt,
        editedAt: c.editedAt,
        deletedAt: c.deletedAt,
        deletedById: c.deletedById,
      })),
      adjudications: claimAdjudications.map((a) => ({
        id: a.id,
        editorId: a.editorId,
        rating: checkedRating(a.rating),
        rationale: a.rationale,
        createdAt: a.createdAt,
        withdrawnAt: a.withdrawnAt,
        withdrawnById: a.withdrawnById,
      })),
    });
  }
  return out;
}

/**
 * The rationale document as stored (checked, as every read of it is), or
 * null for a verdict written before rich text: the archive keeps what is
 * stored, and the claim views build that verdict's document from its plain
 * rationale on every read, after an import as before.
 */
function storedDoc(v: Pick<Verdict, 'rationaleDoc'>): ArchiveVerdict['rationaleDoc'] {
  return v.rationaleDoc === null ? null : readStoredRichText(v.rationaleDoc);
}

/** The article's events, oldest first, by keyset pages of event ids. */
async function* historyParts(db: Tx, articleId: string, people: Set<string>): AsyncGenerator<string> {
  let after = 0;
  let first = true;
  for (;;) {
    await setImmediate();
    const page = await eventPage(db, articleId, after);
    if (page.length === 0) return;
    // An event at a time, as claims are written: a page's events joined first were one string of megabytes.
    for (const e of page) {
      if (e.actorId) people.add(e.actorId);
      const head: Omit<ArchiveEvent, 'payload' | 'createdAt'> = { type: e.type, entityId: e.entityId, claimId: e.claimId, actorId: e.actorId };
      if (!first) yield ',';
      // The payload as stored, JSON by the database's check on every write (eventPage).
      yield `${JSON.stringify(head).slice(0, -1)},"payload":${e.payload},"createdAt":${JSON.stringify(e.createdAt)}}`;
      first = false;
    }
    after = page[page.length - 1]!.id;
    if (page.length < EVENTS_PER_PAGE) return;
  }
}
