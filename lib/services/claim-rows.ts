// Loads claims with their verdicts, sources, authors and adjudications.
//
// Why not Prisma's nested `include`: it fetches children with
// `WHERE claimId IN (?, ?, …)`, one bound parameter per parent row, and
// SQLite refuses more than 999 of them — an article with about a thousand
// claims answered 500. Here each table is read once with a relation filter
// (a subquery on the claim's own conditions), so the number of parameters
// is fixed whatever the number of rows, and the pieces are joined in memory.
import type { Prisma } from '../generated/prisma/client';
import type { ClaimRecord, Person } from './claim-views';
import type { Tx } from './context';

/** Which live claims to load: one claim, or an article's. */
export type ClaimScope = { claimId: string } | { articleId: string };

function claimWhere(scope: ClaimScope): Prisma.ClaimWhereInput {
  if ('claimId' in scope) return { id: scope.claimId, deletedAt: null };
  return { articleId: scope.articleId, deletedAt: null };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function withEditor<A extends { editorId: string }>(adjudication: A | undefined, person: (id: string) => Person): (A & { editor: Person }) | null {
  return adjudication ? { ...adjudication, editor: person(adjudication.editorId) } : null;
}

/** Live claims in text order (start, then the longer first), each with everything its views need. */
export async function loadClaimRecords(db: Tx, scope: ClaimScope): Promise<ClaimRecord[]> {
  const where = claimWhere(scope);
  const [claims, verdicts, sources, adjudications, reveals, people] = await Promise.all([
    db.claim.findMany({ where, orderBy: [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }] }),
    db.verdict.findMany({ where: { claim: where }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.source.findMany({ where: { verdict: { claim: where } }, orderBy: [{ verdictId: 'asc' }, { position: 'asc' }] }),
    db.adjudication.findMany({ where: { claim: where, withdrawnAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    db.claimReveal.findMany({ where: { claim: where }, select: { claimId: true, userId: true, initialRating: true } }),
    db.user.findMany({
      where: { OR: [{ claims: { some: where } }, { verdicts: { some: { claim: where } } }, { adjudications: { some: { claim: where, withdrawnAt: null } } }] },
      select: { id: true, name: true },
    }),
  ]);

  const personById = new Map<string, Person>(people.map((p) => [p.id, p]));
  const person = (id: string): Person => personById.get(id) ?? { id, name: null };
  const sourcesByVerdict = groupBy(sources, (s) => s.verdictId);
  const verdictsByClaim = groupBy(
    verdicts.map((v) => ({ ...v, reviewer: person(v.reviewerId), sources: sourcesByVerdict.get(v.id) ?? [] })),
    (v) => v.claimId,
  );
  // Newest first, so the first one seen per claim is the one in force.
  const revealsByClaim = groupBy(reveals, (r) => r.claimId);
  const adjudicationByClaim = new Map<string, (typeof adjudications)[number]>();
  for (const a of adjudications) if (!adjudicationByClaim.has(a.claimId)) adjudicationByClaim.set(a.claimId, a);

  return claims.map((claim) => ({
    ...claim,
    createdBy: person(claim.createdById),
    verdicts: verdictsByClaim.get(claim.id) ?? [],
    adjudication: withEditor(adjudicationByClaim.get(claim.id), person),
    reveals: revealsByClaim.get(claim.id) ?? [],
  }));
}

/** One live claim, or null when there is none (or it was deleted). */
export async function loadClaimRecord(db: Tx, claimId: string): Promise<ClaimRecord | null> {
  return (await loadClaimRecords(db, { claimId }))[0] ?? null;
}
