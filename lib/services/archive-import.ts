// Imports an archive (lib/export/archive-schema.ts) into this instance.
//
// 1. Everything is checked before anything is written: the schema (422 naming
//    the path, e.g. articles.2.claims.5.end), then what a schema cannot say
//    (every person referred to is listed, revisions and offsets exist and hold
//    the quotes, one live claim per passage, ids are unique, and no new
//    article's ids are another article's here). An archive whose third article
//    of ten is invalid writes nothing.
// 2. People: an address already known maps to that account; otherwise an
//    account is created deactivated and without a password (it cannot sign in
//    until an admin activates it and a password is set, e.g. npm run
//    user:create). Someone listed without an address (a reviewer's archive)
//    gets the placeholder <their id>@imported.invalid, so a second import maps
//    them to the same account.
// 3. Articles, each in its own transaction, with the ids they had: revisions,
//    claims (offsets as they were), verdicts and sources, reveals, comments,
//    adjudications, history (new event ids, in the same order; the people in
//    the snapshots mapped like the rest). An article whose id is already here
//    is left alone, "already present": importing the same file again changes
//    nothing. Ids are cuids, unique across instances, so the original id is the
//    stable key. The article's importKey is kept when no other article holds it.
//    A Markdown or HTML revision's structure (headings, lists, emphasis, links)
//    is not in the archive: it is built again from the revision's source by the
//    article import, which sanitizes it as it did the first time.
//    Should the database still refuse an article (a row written meanwhile),
//    the articles before it stay imported; running the import again resumes.
import { ArticleImportError, parseArticleSubmission } from '../articles/import';
import { ARCHIVE_FORMAT, archiveSchema, type Archive, type ArchiveArticle, type ArchiveRevision, type ArchiveUser } from '../export/archive-schema';
import type { Db } from '../db/client';
import { invalid, type FieldIssue } from '../errors';
import { insertRows, newId } from '../db/insert-rows';
import { TRANSACTION_OPTIONS } from '../db/transactions';
import { queryRows, type Columns } from '../db/raw-rows';
import { Prisma } from '../generated/prisma/client';
import { parseInput } from '../validation';
import { recountArticle } from './article-counts';
import { findByIds } from './claim-rows';
import { eventPayloadText } from './events';
import { requireRole, type ServiceContext, type Tx } from './context';

/** Writing 5,000 claims × 3 verdicts takes about 2 s (archive-at-scale.test.ts), in proportion to the rows; far past it is a fault. */
const IMPORT_TRANSACTION = { maxWait: TRANSACTION_OPTIONS.maxWait, timeout: 10 * 60_000 } as const;
/**
 * The largest archive the upload (POST /api/v1/imports) takes: 50 MB, where every
 * other request takes 1 MB (lib/http.ts). An archive is a whole article's review
 * (5,000 claims with their verdicts and history weigh 10–40 MB), and the server
 * holds the body, its parsed form and the checked copy at once (about five times
 * its size) while one import runs. Larger archives go through `npm run import`.
 */
export const ARCHIVE_MAX_BYTES = 50_000_000;

export interface ImportCounts {
  created: number;
  present: number;
}

export interface ImportSummary {
  articles: ImportCounts;
  claims: ImportCounts;
  verdicts: ImportCounts;
  /** People mapped to existing accounts by address (present) or created deactivated (created). */
  users: ImportCounts;
  /** Each article of the archive: its id here, its title, and whether this import created it. */
  results: { id: string; title: string; created: boolean }[];
}

/** POST /api/v1/imports: editors and admins. */
export async function importArchiveAs(ctx: ServiceContext, input: unknown): Promise<ImportSummary> {
  requireRole(ctx, 'editor');
  return importArchive(ctx.db, input);
}

/** Imports the archive (see the top of this file); the CLI's entry point, with no one to authorize. */
export async function importArchive(db: Db, input: unknown): Promise<ImportSummary> {
  const head = input as { format?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== ARCHIVE_FORMAT) {
    throw invalid(`This is not a Crux archive: its "format" must be "${ARCHIVE_FORMAT}" (export one with format=json).`, [
      { path: ['format'], key: 'invalid', message: `The format must be "${ARCHIVE_FORMAT}".` },
    ]);
  }
  const archive = parseInput(archiveSchema, input);
  const problems = consistencyProblems(archive);
  if (problems.length > 0) throw invalid(`The archive is inconsistent: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems.slice(0, 50));

  const taken = await takenIdProblems(db, archive);
  if (taken.length > 0) throw invalid(`The archive cannot be imported here: ${taken[0]!.message}${taken.length > 1 ? ` (and ${taken.length - 1} more)` : ''}`, taken.slice(0, 50));

  const summary: ImportSummary = { articles: zero(), claims: zero(), verdicts: zero(), users: zero(), results: [] };
  const userIds = await mapUsers(db, archive.users, summary.users);
  const remap = payloadRemapper(userIds);
  for (const article of archive.articles) {
    const claimCount = article.claims.length;
    const verdictCount = article.claims.reduce((n, c) => n + c.verdicts.length, 0);
    const created = await db.$transaction(async (tx) => {
      if (await tx.article.findUnique({ where: { id: article.id }, select: { id: true } })) return false;
      await writeArticle(tx, article, (id) => userIds.get(id)!, remap);
      return true;
    }, IMPORT_TRANSACTION);
    const key = created ? 'created' : 'present';
    summary.articles[key] += 1;
    summary.claims[key] += claimCount;
    summary.verdicts[key] += verdictCount;
    summary.results.push({ id: article.id, title: article.title, created });
  }
  return summary;
}

const zero = (): ImportCounts => ({ created: 0, present: 0 });

/** What the schema cannot check, as field issues with their paths. */
export function consistencyProblems(archive: Archive): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const problem = (path: (string | number)[], message: string) => problems.push({ path, key: 'invalid', message });
  const users = new Set<string>();
  archive.users.forEach((u, i) => {
    if (users.has(u.id)) problem(['users', i, 'id'], `The person ${u.id} is listed twice.`);
    users.add(u.id);
  });
  const emails = new Set<string>();
  archive.users.forEach((u, i) => {
    if (u.email === null) return;
    if (emails.has(u.email.toLowerCase())) problem(['users', i, 'email'], `The address ${u.email} is listed twice.`);
    emails.add(u.email.toLowerCase());
  });
  const person = (path: (string | number)[], id: string | null) => {
    if (id !== null && !users.has(id)) problem(path, `The person ${id} is not listed in "users".`);
  };
  const ids = new Set<string>();
  const unique = (path: (string | number)[], id: string) => {
    if (ids.has(id)) problem(path, `The id ${id} appears twice.`);
    ids.add(id);
  };
  archive.articles.forEach((a, ai) => {
    const at = ['articles', ai];
    unique([...at, 'id'], a.id);
    person([...at, 'createdById'], a.createdById);
    const texts = new Map<number, string>();
    a.revisions.forEach((r, ri) => {
      if (texts.has(r.number)) problem([...at, 'revisions', ri, 'number'], `Revision ${r.number} appears twice.`);
      texts.set(r.number, r.text);
      person([...at, 'revisions', ri, 'createdById'], r.createdById);
    });
    if (!texts.has(a.currentRevision)) problem([...at, 'currentRevision'], `The current revision ${a.currentRevision} is not among the revisions.`);
    const passages = new Set<string>();
    a.claims.forEach((c, ci) => {
      const cat = [...at, 'claims', ci];
      unique([...cat, 'id'], c.id);
      person([...cat, 'createdById'], c.createdById);
      person([...cat, 'deletedById'], c.deletedById);
      const text = texts.get(c.revision);
      if (text === undefined) problem([...cat, 'revision'], `The claim refers to revision ${c.revision}, which the article does not have.`);
      else if (c.end > text.length) problem([...cat, 'end'], `The claim ends at ${c.end}, past the end of revision ${c.revision} (${text.length} characters).`);
      // Every claim's offsets count in its revision (orphaned ones too): the highlight is drawn from them, the quote shown from `exact`.
      else if (text.slice(c.start, c.end) !== c.exact) problem([...cat, 'exact'], `The claim's quote is not the text between its start and end (${c.start}–${c.end}) in revision ${c.revision}.`);
      // One live claim per passage, as the database keeps it (prisma/schema.prisma).
      const passage = `${c.revision}:${c.start}:${c.end}`;
      if (c.deletedAt === null && passages.has(passage)) problem([...cat, 'start'], `Another live claim of this article marks the same passage (${c.start}–${c.end} in revision ${c.revision}).`);
      if (c.deletedAt === null) passages.add(passage);
      const reviewers = new Set<string>();
      c.verdicts.forEach((v, vi) => {
        unique([...cat, 'verdicts', vi, 'id'], v.id);
        person([...cat, 'verdicts', vi, 'reviewerId'], v.reviewerId);
        if (reviewers.has(v.reviewerId)) problem([...cat, 'verdicts', vi, 'reviewerId'], 'A reviewer has one verdict per claim.');
        reviewers.add(v.reviewerId);
      });
      const revealed = new Set<string>();
      c.reveals.forEach((r, ri) => {
        person([...cat, 'reveals', ri, 'userId'], r.userId);
        if (revealed.has(r.userId)) problem([...cat, 'reveals', ri, 'userId'], 'A claim is revealed once to each person.');
        revealed.add(r.userId);
      });
      c.comments.forEach((m, mi) => {
        unique([...cat, 'comments', mi, 'id'], m.id);
        person([...cat, 'comments', mi, 'authorId'], m.authorId);
        person([...cat, 'comments', mi, 'deletedById'], m.deletedById);
      });
      c.adjudications.forEach((j, ji) => {
        unique([...cat, 'adjudications', ji, 'id'], j.id);
        person([...cat, 'adjudications', ji, 'editorId'], j.editorId);
        person([...cat, 'adjudications', ji, 'withdrawnById'], j.withdrawnById);
      });
    });
    a.history.forEach((e, ei) => person([...at, 'history', ei, 'actorId'], e.actorId));
  });
  return problems;
}

/** The tables whose ids an article brings with it, as a person names their rows. */
const OWN_IDS = { Claim: 'a claim', Verdict: 'a verdict', Comment: 'a comment', Adjudication: 'an adjudication' } as const;
type OwnTable = keyof typeof OWN_IDS;
const ID = { id: 'text' } as const satisfies Columns;

/**
 * The ids of the archive's new articles (those not here yet) that rows of
 * other articles here already have, in the archive's order: the database
 * would refuse the article midway. Ids are cuids, so this happens only to an
 * archive edited by hand, or one whose article was imported here under another id.
 */
async function takenIdProblems(db: Db, archive: Archive): Promise<FieldIssue[]> {
  const present = new Set((await findByIds(archive.articles.map((a) => a.id), (slice) => db.article.findMany({ where: { id: { in: slice } }, select: { id: true } }))).map((a) => a.id));
  const brought: { table: OwnTable; id: string; path: (string | number)[] }[] = [];
  archive.articles.forEach((a, ai) => {
    if (present.has(a.id)) return;
    a.claims.forEach((c, ci) => {
      const at = ['articles', ai, 'claims', ci];
      brought.push({ table: 'Claim', id: c.id, path: [...at, 'id'] });
      c.verdicts.forEach((v, vi) => brought.push({ table: 'Verdict', id: v.id, path: [...at, 'verdicts', vi, 'id'] }));
      c.comments.forEach((m, mi) => brought.push({ table: 'Comment', id: m.id, path: [...at, 'comments', mi, 'id'] }));
      c.adjudications.forEach((j, ji) => brought.push({ table: 'Adjudication', id: j.id, path: [...at, 'adjudications', ji, 'id'] }));
    });
  });
  const taken = new Set<string>();
  for (const table of Object.keys(OWN_IDS) as OwnTable[]) {
    const ids = brought.filter((b) => b.table === table).map((b) => b.id);
    const found = await findByIds(ids, (slice) => queryRows(db, table, ID, Prisma.sql`SELECT t."id" FROM ${Prisma.raw(`"${table}"`)} t WHERE t."id" IN (${Prisma.join(slice)})`));
    for (const { id } of found) taken.add(`${table}:${id}`);
  }
  return brought
    .filter((b) => taken.has(`${b.table}:${b.id}`))
    .map((b) => ({ path: b.path, key: 'invalid', message: `The id ${b.id} is already the id of ${OWN_IDS[b.table]} of another article here.` }));
}

/** The account here of each person of the archive: by address, else created deactivated. */
async function mapUsers(db: Db, users: readonly ArchiveUser[], counts: ImportCounts): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const u of users) {
    const email = (u.email ?? `${u.id}@imported.invalid`).toLowerCase();
    const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      ids.set(u.id, existing.id);
      counts.present += 1;
      continue;
    }
    // No password hash matches any password (verifyPassword answers false): the account cannot sign in.
    const created = await db.user.upsert({
      where: { email },
      create: { email, name: u.name, role: u.role, passwordHash: '', deactivatedAt: new Date() },
      update: {},
      select: { id: true },
    });
    ids.set(u.id, created.id);
    counts.created += 1;
  }
  return ids;
}

/** Rewrites the archive's person ids in an event's snapshot to the accounts here (cuids never occur by chance). */
function payloadRemapper(userIds: Map<string, string>): (payload: unknown) => string {
  const changed = [...userIds].filter(([from, to]) => from !== to);
  if (changed.length === 0) return eventPayloadText;
  const to = new Map(changed);
  const pattern = new RegExp(`"(${changed.map(([from]) => from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})"`, 'g');
  return (payload) => eventPayloadText(payload).replace(pattern, (_, id: string) => `"${to.get(id)}"`);
}

/**
 * The structure of a Markdown or HTML revision, as the article import builds it from
 * the source. None for plain text, and none when the source no longer gives the
 * archived text (an archive edited by hand, a source the import refuses): the
 * text, which every offset counts in, wins, and the article reads as plain text.
 */
function structureOf(revision: ArchiveRevision): string | null {
  if (revision.sourceFormat === 'text') return null;
  try {
    const draft = parseArticleSubmission(revision.sourceFormat === 'markdown' ? { markdown: revision.source } : { html: revision.source });
    return draft.text === revision.text && draft.structure ? JSON.stringify(draft.structure) : null;
  } catch (error) {
    if (error instanceof ArticleImportError) return null;
    throw error;
  }
}

const date = (s: string) => new Date(s);
const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

async function writeArticle(tx: Tx, a: ArchiveArticle, user: (id: string) => string, payload: (p: unknown) => string): Promise<void> {
  const userOrNull = (id: string | null) => (id === null ? null : user(id));
  const keyTaken = a.importKey !== null && (await tx.article.findUnique({ where: { importKey: a.importKey }, select: { id: true } })) !== null;
  await tx.article.create({
    data: {
      id: a.id,
      importKey: keyTaken ? null : a.importKey,
      title: a.title,
      language: a.language,
      publishedAt: a.publishedAt,
      sourceUrl: a.sourceUrl,
      publisher: a.publisher,
      currentRevision: a.currentRevision,
      version: a.version,
      ...a.settings,
      createdById: userOrNull(a.createdById),
      createdAt: date(a.createdAt),
      updatedAt: date(a.updatedAt),
    },
  });
  const revisions = a.revisions.map((r) => ({
    id: newId(),
    articleId: a.id,
    number: r.number,
    text: r.text,
    sourceFormat: r.sourceFormat,
    source: r.source,
    structure: structureOf(r),
    createdById: userOrNull(r.createdById),
    createdAt: date(r.createdAt),
  }));
  await insertRows(tx, 'ArticleRevision', revisions);
  const claims = a.claims.map((c) => ({
    id: c.id,
    articleId: a.id,
    revision: c.revision,
    anchorState: c.anchorState,
    exact: c.exact,
    prefix: c.prefix,
    suffix: c.suffix,
    start: c.start,
    end: c.end,
    note: c.note,
    version: c.version,
    createdById: user(c.createdById),
    createdAt: date(c.createdAt),
    updatedAt: date(c.updatedAt),
    deletedAt: dateOrNull(c.deletedAt),
    deletedById: userOrNull(c.deletedById),
    // One live claim per passage; a deleted one keys on its own id (prisma/schema.prisma).
    liveKey: c.deletedAt === null ? '' : c.id,
  }));
  await insertRows(tx, 'Claim', claims);
  const verdicts = a.claims.flatMap((c) => c.verdicts.map((v) => ({ claimId: c.id, v })));
  const verdictRows = verdicts.map(({ claimId, v }) => ({
    id: v.id,
    claimId,
    reviewerId: user(v.reviewerId),
    rating: v.rating,
    rationale: v.rationale,
    rationaleDoc: v.rationaleDoc === null ? null : JSON.stringify(v.rationaleDoc),
    version: v.version,
    revisedAfterReveal: v.revisedAfterReveal,
    createdAt: date(v.createdAt),
    updatedAt: date(v.updatedAt),
  }));
  await insertRows(tx, 'Verdict', verdictRows);
  const sources = verdicts.flatMap(({ v }) =>
    v.sources.map((s) => ({ id: newId(), verdictId: v.id, position: s.position, url: s.url, title: s.title, publisher: s.publisher, quote: s.quote, stance: s.stance, accessedAt: s.accessedAt, archiveUrl: s.archiveUrl })),
  );
  await insertRows(tx, 'Source', sources);
  const reveals = a.claims.flatMap((c) => c.reveals.map((r) => ({ id: newId(), claimId: c.id, userId: user(r.userId), initialRating: r.initialRating, createdAt: date(r.createdAt) })));
  await insertRows(tx, 'ClaimReveal', reveals);
  const comments = a.claims.flatMap((c) =>
    c.comments.map((m) => ({ id: m.id, claimId: c.id, authorId: user(m.authorId), body: m.body, createdAt: date(m.createdAt), editedAt: dateOrNull(m.editedAt), deletedAt: dateOrNull(m.deletedAt), deletedById: userOrNull(m.deletedById) })),
  );
  await insertRows(tx, 'Comment', comments);
  const adjudications = a.claims.flatMap((c) =>
    c.adjudications.map((j) => ({ id: j.id, claimId: c.id, editorId: user(j.editorId), rating: j.rating, rationale: j.rationale, createdAt: date(j.createdAt), withdrawnAt: dateOrNull(j.withdrawnAt), withdrawnById: userOrNull(j.withdrawnById) })),
  );
  await insertRows(tx, 'Adjudication', adjudications);
  await recountArticle(tx, a.id);
  // In the archive's order, so the new event ids (the database's) keep the history's order.
  const events = a.history.map((e) => ({ articleId: a.id, type: e.type, entityId: e.entityId, claimId: e.claimId, actorId: userOrNull(e.actorId), payload: payload(e.payload), createdAt: date(e.createdAt) }));
  await insertRows(tx, 'Event', events);
}
